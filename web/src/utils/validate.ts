// Client-side checks that mirror the server's (shared/API.md), so that people
// see the message at the field before they submit. The server stays the judge:
// its `fields` map is shown at the same places when it disagrees.

import { parseWanToYuan } from './format'

export const STAGES = [
  'lead',
  'negotiating',
  'signed',
  'approved',
  'started',
  'producing',
  'achieved',
] as const
export type Stage = (typeof STAGES)[number] | 'dropped'

/** The date field that records reaching each stage (lead has none). */
export const STAGE_DATE_FIELD: Record<string, string | null> = {
  lead: null,
  negotiating: 'negotiating_on',
  signed: 'signed_on',
  approved: 'approved_on',
  started: 'started_on',
  producing: 'producing_on',
  achieved: 'achieved_on',
  dropped: null,
}

export const STAGE_LABELS_ZH: Record<string, string> = {
  lead: '线索',
  negotiating: '在谈',
  signed: '签约',
  approved: '立项',
  started: '开工',
  producing: '投产',
  achieved: '达效',
  dropped: '终止',
}

export function stageIndex(s: string): number {
  return (STAGES as readonly string[]).indexOf(s)
}

/** The stage that comes next in the lifecycle, or null at the end / when dropped. */
export function nextStage(s: string): Stage | null {
  const i = stageIndex(s)
  if (i < 0 || i >= STAGES.length - 1) return null
  return STAGES[i + 1]
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** 统一社会信用代码 check (GB 32100-2015): 18 characters, the last a check digit. */
export function isValidUSCC(code: string): boolean {
  const s = code.trim().toUpperCase()
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(s[i])
    if (v < 0) return false
    sum += v * USCC_WEIGHTS[i]
  }
  const check = (31 - (sum % 31)) % 31
  return USCC_CHARS[check] === s[17]
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

export function isValidDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false
  const [y, m, d] = s.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

export interface ProjectDraft {
  code: string
  name: string
  region_code: string
  type: string
  stage: string
  total_investment_wan: string
  annual_plan_wan: string
  signed_amount_wan: string
  land_mu: string
  investors: { name: string; uscc: string }[]
  negotiating_on: string | null
  signed_on: string | null
  approved_on: string | null
  started_on: string | null
  producing_on: string | null
  achieved_on: string | null
  [k: string]: unknown
}

/**
 * Checks a project draft as the server does and returns field → message.
 * Amount fields are typed in 万元 (at most 4 decimals); the stage's own date
 * and every earlier stage's date must be present and in order.
 */
export function validateProject(p: ProjectDraft, isNew: boolean): Record<string, string> {
  const errs: Record<string, string> = {}
  if (isNew) {
    const code = p.code.trim()
    if (!code) errs.code = '项目编码不能为空'
    else if ([...code].length > 64 || /[/\\?#%\s]/.test(code)) errs.code = '项目编码最长64个字符，不能含空格和 / \\ ? # %'
  }
  if (!p.name.trim()) errs.name = '项目名称不能为空'
  else if ([...p.name.trim()].length > 200) errs.name = '项目名称过长（最多200个字）'
  if (!p.region_code) errs.region_code = '所属区域不能为空'
  if (!p.type) errs.type = '请选择项目类型'

  const money: [string, boolean][] = [
    ['total_investment_wan', true],
    ['annual_plan_wan', false],
    ['signed_amount_wan', false],
  ]
  for (const [f, required] of money) {
    const raw = String(p[f] ?? '').trim()
    if (!raw) {
      if (required) errs[f] = '请填写总投资（万元）'
      continue
    }
    try {
      const v = parseWanToYuan(raw)
      if (v !== null && v < 0) errs[f] = '金额不能为负数'
      else if (required && v !== null && v <= 0) errs[f] = '总投资必须大于 0'
    } catch (e) {
      errs[f] = (e as Error).message
    }
  }
  const land = String(p.land_mu ?? '').trim()
  if (land && !/^\d+(\.\d{1,4})?$/.test(land)) errs.land_mu = '占地请填写非负数字（亩），最多4位小数'

  p.investors.forEach((inv, i) => {
    if (inv.uscc && inv.uscc.trim() && !isValidUSCC(inv.uscc)) {
      errs[`investors.${i}.uscc`] = '统一社会信用代码有误（校验位不符）'
    }
    if (inv.uscc && inv.uscc.trim() && !inv.name.trim()) {
      errs[`investors.${i}.name`] = '请填写投资方名称'
    }
  })

  if (p.stage && p.stage !== 'dropped') {
    const upto = stageIndex(p.stage)
    let prev: string | null = null
    let prevLabel = ''
    for (let i = 1; i < STAGES.length; i++) {
      const st = STAGES[i]
      const f = STAGE_DATE_FIELD[st]!
      const v = (p[f] as string | null) || ''
      if (i <= upto) {
        if (!v) {
          errs[f] = `当前阶段为“${STAGE_LABELS_ZH[p.stage]}”，须填写${STAGE_LABELS_ZH[st]}日期`
          continue
        }
        if (!isValidDate(v)) {
          errs[f] = '日期格式应为 YYYY-MM-DD'
          continue
        }
        if (prev && v < prev) {
          errs[f] = `${STAGE_LABELS_ZH[st]}日期 ${v} 早于${prevLabel}日期 ${prev}，阶段日期不能倒退`
        }
        prev = v
        prevLabel = STAGE_LABELS_ZH[st]
      } else if (v) {
        errs[f] = `当前阶段为“${STAGE_LABELS_ZH[p.stage]}”，不应填写${STAGE_LABELS_ZH[st]}日期`
      }
    }
  }
  return errs
}
