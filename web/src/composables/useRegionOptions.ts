import { ref } from 'vue'
import type { Region } from '@/api/types'
import { useDicts } from '@/stores/dicts'
import { useHomeRegion } from './useHomeRegion'

export interface RegionOption {
  code: string
  name: string
  depth: number
}

/** The user's region and the regions below it (two levels), for filters and forms. */
export function useRegionOptions() {
  const dicts = useDicts()
  const { ensure } = useHomeRegion()
  const options = ref<RegionOption[]>([])
  const home = ref<Region | null>(null)

  async function load() {
    const h = await ensure()
    home.value = h
    if (!h) return
    const out: RegionOption[] = [{ code: h.code, name: h.name, depth: 0 }]
    try {
      const kids = await dicts.regionsUnder(h.code)
      for (const k of kids) out.push({ code: k.code, name: k.name, depth: 1 })
    } catch {
      /* leaf or no access */
    }
    options.value = out
  }

  return { options, home, load }
}
