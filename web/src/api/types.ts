export type Role = 'admin' | 'city' | 'district' | 'department' | 'leader'

export interface User {
  username: string
  display_name: string
  role: Role
  region_code: string
  region_name: string
}

export interface AdminUser extends User {
  id?: number
  created_at?: string
  disabled?: boolean
}

export interface Region {
  code: string
  name: string
  parent_code: string
  kind: 'province' | 'city' | 'county' | 'zone' | string
}

export interface Investor {
  name: string
  uscc?: string
}

export interface Project {
  code: string
  name: string
  region_code: string
  region_name?: string
  type: string
  chain?: string
  chain_node?: string
  manufacturing?: boolean
  capital_source?: string
  total_investment_yuan: number
  annual_plan_yuan?: number | null
  signed_amount_yuan?: number | null
  foreign_investment_usd?: number | null
  stage: string
  negotiating_on?: string | null
  signed_on?: string | null
  approved_on?: string | null
  started_on?: string | null
  producing_on?: string | null
  achieved_on?: string | null
  dropped_on?: string | null
  drop_reason?: string | null
  land_mu?: number | null
  floor_area_m2?: number | null
  tags?: string[]
  batches?: string[]
  investors?: Investor[]
  responsible_person?: string
  leading_official?: string
  service_team?: string
  channel?: string
  version: number
  created_at?: string
  updated_at?: string
  [k: string]: unknown
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface DictItem {
  value: string
  label: string
}

export interface Dicts {
  types: DictItem[]
  stages: DictItem[]
  capital_sources: DictItem[]
  chains: string[]
  tags: string[]
  batches: string[]
  /** Retired values still on projects: filters offer them, forms do not. */
  retired?: { chains: string[]; tags: string[]; batches: string[] }
}

export type DictKind = 'chain' | 'tag' | 'batch'

export interface DictEntry {
  kind: DictKind
  name: string
  description: string
  sort_order: number
  retired: boolean
  registered: boolean
  project_count: number
  created_at: string | null
  updated_at: string | null
}

export interface HistoryEntry {
  at: string
  username: string
  action: string
  changes?: { field: string; before: unknown; after: unknown }[]
}

export interface ProgressRow {
  month: string
  funds_arrived_yuan: number | null
  invested_yuan: number | null
  progress_text?: string
}

export interface CellError {
  row: number
  column: string
  message: string
}

export interface Summary {
  signed: { count: number; amount_yuan: number; manufacturing_count: number; manufacturing_amount_yuan: number }
  approved: { count: number }
  started: { count: number; manufacturing_count: number }
  producing: { count: number }
  funds: {
    arrived_yuan: number
    prev_year_arrived_yuan: number
    yoy_pct: number | null
    manufacturing_arrived_yuan: number
    out_of_province_arrived_yuan: number
  }
  fixed_asset_invested_yuan: number
}

export interface GroupRow {
  key: string
  name: string
  count: number
  total_investment_yuan: number
  annual_plan_yuan: number
}

export interface Monthly {
  months: string[]
  funds_arrived_yuan: number[]
  prev_year_funds_arrived_yuan: number[]
  signed_count: number[]
  started_count: number[]
}

export interface AuditEntry {
  at: string
  username: string
  action: string
  object: string
  before: unknown
  after: unknown
}

export type AttachmentKind = 'agreement' | 'photo' | 'other'

export interface Attachment {
  id: number
  project_code: string
  kind: AttachmentKind
  file_name: string
  content_type: string
  size: number
  sha256: string
  uploaded_by: number
  uploaded_by_name: string
  uploaded_at: string
  deleted_at: string | null
  /** Download URL; add ?inline=1 to preview images and PDFs. */
  url: string
}
