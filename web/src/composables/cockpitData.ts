// The cockpit's figures, fetched as one batch. The router starts the batch as
// soon as it knows the cockpit is next, so the requests run while the page's
// code and ECharts are still downloading.
import { api } from '@/api/client'
import type { GroupRow, Monthly, Summary } from '@/api/types'
import { today } from '@/utils/format'

export interface CockpitRanges {
  from: string
  to: string
  prevFrom: string
  prevTo: string
}

/** Year to date for the current year, the whole year otherwise, and the same dates a year earlier. */
export function cockpitRanges(year: number, now = today()): CockpitRanges {
  const thisYear = Number(now.slice(0, 4))
  const to = year === thisYear ? now : `${year}-12-31`
  let md = to.slice(5)
  if (md === '02-29') md = '02-28'
  return { from: `${year}-01-01`, to, prevFrom: `${year - 1}-01-01`, prevTo: `${year - 1}-${md}` }
}

/** A region's figures for the period (GET /stats/ranking). */
export interface RankingRow {
  key: string
  name: string
  signed_count?: number
  signed_amount_yuan?: number
  started_count?: number
  funds_arrived_yuan?: number
  invested_yuan?: number
  over_yi_count?: number
}

/**
 * The monthly series in the columnar shape the charts use. The server may send
 * columns ({months, funds_arrived_yuan: [...], …}) or rows per month
 * ({months: [{month, funds_arrived_yuan, …}], prev_year: [...]}); both are read.
 */
export function normalizeMonthly(raw: unknown): Monthly | null {
  if (!raw || typeof raw !== 'object') return null
  const r = raw as Record<string, unknown>
  const months = r.months
  if (!Array.isArray(months)) return null
  if (months.length && typeof months[0] === 'object' && months[0] !== null) {
    type Row = { month: string; funds_arrived_yuan?: number; signed_count?: number; started_count?: number; invested_yuan?: number }
    const cur = months as Row[]
    const prev = (Array.isArray(r.prev_year) ? r.prev_year : []) as Row[]
    const prevBy = new Map(prev.map((p) => [p.month.slice(5), p]))
    return {
      months: cur.map((m) => m.month),
      funds_arrived_yuan: cur.map((m) => m.funds_arrived_yuan ?? 0),
      prev_year_funds_arrived_yuan: cur.map((m) => prevBy.get(m.month.slice(5))?.funds_arrived_yuan ?? 0),
      signed_count: cur.map((m) => m.signed_count ?? 0),
      started_count: cur.map((m) => m.started_count ?? 0),
    }
  }
  const m = r as unknown as Monthly
  return {
    months: months as string[],
    funds_arrived_yuan: m.funds_arrived_yuan ?? [],
    prev_year_funds_arrived_yuan: m.prev_year_funds_arrived_yuan ?? [],
    signed_count: m.signed_count ?? [],
    started_count: m.started_count ?? [],
  }
}

export type Settled<T> = PromiseSettledResult<T>
export interface CockpitBatch {
  summary: Settled<Summary>
  prevSummary: Settled<Summary>
  monthly: Settled<Monthly>
  byRegion: Settled<{ rows: GroupRow[] }>
  byStage: Settled<{ rows: GroupRow[] }>
  byChain: Settled<{ rows: GroupRow[] }>
  byType: Settled<{ rows: GroupRow[] }>
  ranking: Settled<{ rows: RankingRow[] }>
}

function fetchBatch(region: string, year: number): Promise<CockpitBatch> {
  const r = cockpitRanges(year)
  const group = (g: string) => api.get<{ rows: GroupRow[] }>('/stats/projects', { group_by: g, region })
  return Promise.allSettled([
    api.get<Summary>('/stats/summary', { region, from: r.from, to: r.to }),
    api.get<Summary>('/stats/summary', { region, from: r.prevFrom, to: r.prevTo }),
    api.get<unknown>('/stats/monthly', { region, year }).then((m) => {
      const n = normalizeMonthly(m)
      if (!n) throw new Error('月度统计格式无法识别')
      return n
    }),
    group('region'),
    group('stage'),
    group('chain'),
    group('type'),
    api.get<{ rows: RankingRow[] }>('/stats/ranking', { region, from: r.from, to: r.to }),
  ]).then(([summary, prevSummary, monthly, byRegion, byStage, byChain, byType, ranking]) => ({
    summary,
    prevSummary,
    monthly,
    byRegion,
    byStage,
    byChain,
    byType,
    ranking,
  }))
}

let pending: { key: string; at: number; p: Promise<CockpitBatch> } | null = null

/** Starts fetching the cockpit's figures for a region and year (router hook). */
export function prefetchCockpit(region: string, year: number) {
  pending = { key: `${region}|${year}`, at: Date.now(), p: fetchBatch(region, year) }
}

/** The figures: the prefetched batch when it is for the same region and fresh, else a new one. */
export function loadCockpit(region: string, year: number): Promise<CockpitBatch> {
  const key = `${region}|${year}`
  if (pending && pending.key === key && Date.now() - pending.at < 10000) {
    const p = pending.p
    pending = null
    return p
  }
  pending = null
  return fetchBatch(region, year)
}
