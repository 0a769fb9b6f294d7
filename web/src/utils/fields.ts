// Labels and renderings of project fields, shared by the detail page, the
// history view and the audit log.
import { i18n } from '@/i18n'
import { formatAmount, formatDate } from './format'

const FIELD_KEYS: Record<string, string> = {
  code: 'projects.code',
  name: 'projects.name',
  region_code: 'projects.region',
  type: 'projects.type',
  chain: 'projects.chain',
  chain_node: 'projects.chainNode',
  manufacturing: 'projects.manufacturing',
  capital_source: 'projects.capitalSource',
  total_investment_yuan: 'projects.totalInvestment',
  annual_plan_yuan: 'projects.annualPlan',
  signed_amount_yuan: 'projects.signedAmount',
  foreign_investment_usd: 'projects.foreignUsd',
  stage: 'projects.stage',
  negotiating_on: 'projects.negotiatingOn',
  signed_on: 'projects.signedOn',
  approved_on: 'projects.approvedOn',
  started_on: 'projects.startedOn',
  producing_on: 'projects.producingOn',
  achieved_on: 'projects.achievedOn',
  dropped_on: 'stageDialog.dropTitle',
  drop_reason: 'projects.dropReason',
  land_mu: 'projects.land',
  floor_area_m2: 'projects.floorArea',
  tags: 'projects.tags',
  batches: 'projects.batches',
  investors: 'projects.investors',
  responsible_person: 'projects.responsible',
  leading_official: 'projects.leadingOfficial',
  service_team: 'projects.serviceTeam',
  channel: 'projects.channel',
  jobs: 'projects.jobs',
  description: 'projects.description',
  attachment: 'detail.attachment',
}

export function fieldLabel(field: string): string {
  const k = FIELD_KEYS[field]
  const g = i18n.global
  return k && g.te(k) ? g.t(k) : field
}

/** A before/after value of a change, readable. */
export function fieldValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  const g = i18n.global
  if (field.endsWith('_yuan') && (typeof v === 'number' || typeof v === 'string')) return formatAmount(v as number)
  if (field.endsWith('_on')) return formatDate(String(v))
  if (field === 'stage' && g.te(`stage.${v}`)) return g.t(`stage.${v}`)
  if (field === 'type' && g.te(`type.${v}`)) return g.t(`type.${v}`)
  if (field === 'capital_source' && g.te(`capital.${v}`)) return g.t(`capital.${v}`)
  if (field === 'attachment' && typeof v === 'object') {
    const a = v as { kind?: string; file_name?: string }
    const kind = a.kind && g.te(`attach.kinds.${a.kind}`) ? `${g.t(`attach.kinds.${a.kind}`)}：` : ''
    return `${kind}${a.file_name ?? ''}`
  }
  if (typeof v === 'boolean') return v ? g.t('app.yes') : g.t('app.no')
  if (Array.isArray(v)) {
    return v.map((x) => (x && typeof x === 'object' ? (x as { name?: string }).name ?? JSON.stringify(x) : String(x))).join('、') || '—'
  }
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

const ACTIONS: Record<string, [string, string]> = {
  'project.create': ['新建项目', 'Project created'],
  'project.update': ['修改项目', 'Project edited'],
  'project.stage': ['阶段变更', 'Stage changed'],
  'project.import': ['导入项目', 'Projects imported'],
  'progress.import': ['导入调度', 'Progress imported'],
  'region.create': ['新增区域', 'Region added'],
  'user.create': ['新增用户', 'User added'],
  'user.update': ['修改用户', 'User edited'],
  'token.create': ['创建令牌', 'Token created'],
  'auth.login': ['登录', 'Login'],
  'auth.logout': ['退出', 'Logout'],
  'auth.password': ['修改密码', 'Password changed'],
  'period.open': ['开启调度期', 'Period opened'],
  'period.close': ['关闭调度期', 'Period closed'],
  'period.reopen': ['重新开启调度期', 'Period reopened'],
  'attachment.add': ['上传附件', 'Attachment uploaded'],
  'attachment.delete': ['删除附件', 'Attachment deleted'],
  'attachment.restore': ['恢复附件', 'Attachment restored'],
  'dictionary.create': ['新增字典取值', 'Dictionary value added'],
  'dictionary.update': ['修改字典取值', 'Dictionary value edited'],
  'dictionary.rename': ['字典取值改名', 'Dictionary value renamed'],
  'dictionary.delete': ['删除字典取值', 'Dictionary value deleted'],
}

export const AUDIT_ACTIONS = Object.keys(ACTIONS)

export function actionLabel(a: string): string {
  const v = ACTIONS[a]
  if (!v) return a
  return i18n.global.locale.value === 'en' ? v[1] : v[0]
}
