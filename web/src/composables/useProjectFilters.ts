import { computed, reactive, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { parseWanToYuan } from '@/utils/format'

export interface ProjectFilters {
  q: string
  region: string
  stage: string
  type: string
  chain: string
  tag: string
  batch: string
  min_wan: string
  max_wan: string
  signed_from: string
  signed_to: string
  sort: string
  page: number
  page_size: number
}

const DEFAULTS: ProjectFilters = {
  q: '',
  region: '',
  stage: '',
  type: '',
  chain: '',
  tag: '',
  batch: '',
  min_wan: '',
  max_wan: '',
  signed_from: '',
  signed_to: '',
  sort: '-total_investment_yuan',
  page: 1,
  page_size: 20,
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
}

export function filtersFromQuery(q: LocationQuery): ProjectFilters {
  const f = { ...DEFAULTS }
  for (const k of Object.keys(DEFAULTS) as (keyof ProjectFilters)[]) {
    const v = str(q[k])
    if (!v) continue
    if (k === 'page' || k === 'page_size') {
      const n = Number(v)
      if (Number.isInteger(n) && n > 0) (f[k] as number) = n
    } else {
      ;(f[k] as string) = v
    }
  }
  return f
}

/** The API query for a set of filters (amounts turned into yuan); no paging when forExport. */
export function apiQuery(f: ProjectFilters, forExport = false): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  const keys = ['q', 'region', 'stage', 'type', 'chain', 'tag', 'batch', 'signed_from', 'signed_to', 'sort'] as const
  for (const k of keys) if (f[k]) out[k] = f[k]
  const toYuan = (s: string) => {
    try {
      return parseWanToYuan(s)
    } catch {
      return null
    }
  }
  const min = toYuan(f.min_wan)
  const max = toYuan(f.max_wan)
  if (min !== null) out.min_investment_yuan = min
  if (max !== null) out.max_investment_yuan = max
  if (!forExport) {
    out.page = f.page
    out.page_size = f.page_size
  }
  return out
}

/** Project-library filters kept in the address bar, so a view can be shared or bookmarked. */
export function useProjectFilters() {
  const route = useRoute()
  const router = useRouter()
  const filters = reactive<ProjectFilters>(filtersFromQuery(route.query))

  const activeCount = computed(
    () =>
      (['region', 'stage', 'type', 'chain', 'tag', 'batch', 'min_wan', 'max_wan', 'signed_from'] as const).filter(
        (k) => !!filters[k],
      ).length,
  )

  function toQuery(): Record<string, string> {
    const q: Record<string, string> = {}
    for (const [k, v] of Object.entries(filters)) {
      if (v === '' || v === null || v === undefined) continue
      if (String(v) === String(DEFAULTS[k as keyof ProjectFilters])) continue
      q[k] = String(v)
    }
    if (route.query.view) q.view = String(route.query.view)
    return q
  }

  function push() {
    router.replace({ query: toQuery() })
  }

  function reset() {
    Object.assign(filters, { ...DEFAULTS, page_size: filters.page_size })
    push()
  }

  watch(
    () => route.query,
    (q) => {
      if (route.name !== 'projects') return
      Object.assign(filters, filtersFromQuery(q))
    },
  )

  return { filters, push, reset, activeCount }
}
