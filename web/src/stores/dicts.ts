import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '@/api/client'
import type { Dicts, Region } from '@/api/types'
import { i18n } from '@/i18n'

const EMPTY: Dicts = { types: [], stages: [], capital_sources: [], chains: [], tags: [], batches: [], retired: { chains: [], tags: [], batches: [] } }

/** Dictionaries and the region tree, loaded once and shared by every page. */
export const useDicts = defineStore('dicts', () => {
  const dicts = ref<Dicts>(EMPTY)
  const loaded = ref(false)
  let loading: Promise<void> | null = null
  const children = ref<Record<string, Region[]>>({})
  const regionNames = ref<Record<string, string>>({})
  const regionByCode = ref<Record<string, Region>>({})

  function load(force = false): Promise<void> {
    if (loading && !force) return loading
    loading = api
      .get<Dicts>('/dicts')
      .then((d) => {
        dicts.value = { ...EMPTY, ...d }
        loaded.value = true
      })
      .catch(() => {
        loading = null
      })
    return loading
  }

  function remember(r: Region) {
    regionNames.value[r.code] = r.name
    regionByCode.value[r.code] = r
  }

  // In-flight look-ups are shared, so that a prefetch and a page asking at once cost one request.
  const inflight = new Map<string, Promise<unknown>>()
  function once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const p = inflight.get(key)
    if (p) return p as Promise<T>
    const q = fn().finally(() => inflight.delete(key))
    inflight.set(key, q)
    return q
  }

  function regionsUnder(parent: string, force = false): Promise<Region[]> {
    if (!force && children.value[parent]) return Promise.resolve(children.value[parent])
    return once(`under:${parent}`, async () => {
      const r = await api.get<{ items: Region[] }>('/regions', { parent_code: parent })
      const items = r.items ?? []
      items.forEach(remember)
      children.value[parent] = items
      return items
    })
  }

  function region(code: string): Promise<Region | null> {
    if (regionByCode.value[code]) return Promise.resolve(regionByCode.value[code])
    return once(`region:${code}`, async () => {
      try {
        const r = await api.get<Region>(`/regions/${encodeURIComponent(code)}`)
        remember(r)
        return r
      } catch {
        return null
      }
    })
  }

  /** A label for an enumerated value, in the current language. */
  function label(kind: 'type' | 'stage' | 'capital', value: string | null | undefined): string {
    if (!value) return '—'
    const key = `${kind}.${value}`
    const g = i18n.global
    if (g.te(key)) return g.t(key)
    const list = kind === 'type' ? dicts.value.types : kind === 'stage' ? dicts.value.stages : dicts.value.capital_sources
    return list.find((x) => x.value === value)?.label ?? value
  }

  return { dicts, loaded, load, regionsUnder, region, regionNames, regionByCode, label, remember }
})
