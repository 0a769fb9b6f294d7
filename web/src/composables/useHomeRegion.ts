import { ref } from 'vue'
import { api } from '@/api/client'
import type { Page, Project, Region } from '@/api/types'
import { useAuth } from '@/stores/auth'
import { useDicts } from '@/stores/dicts'

const home = ref<Region | null>(null)
let homeFor = ''
let finding: Promise<Region | null> | null = null

/**
 * The region a user works in: their own for district, city and leader users.
 * An administrator bound to no region gets the city holding the deployment's
 * projects (walking up from any visible project), so that the cockpit and the
 * filters start somewhere meaningful.
 */
export function useHomeRegion() {
  const auth = useAuth()
  const dicts = useDicts()

  async function find(): Promise<Region | null> {
    const u = auth.user
    if (!u) return null
    if (u.region_code) {
      const r = (await dicts.region(u.region_code)) ?? {
        code: u.region_code,
        name: u.region_name || u.region_code,
        parent_code: '',
        kind: 'city',
      }
      return r
    }
    try {
      const p = await api.get<Page<Project>>('/projects', { page_size: 1 })
      let code = p.items[0]?.region_code
      let r: Region | null = null
      for (let i = 0; code && i < 5; i++) {
        r = await dicts.region(code)
        if (!r || r.kind === 'city' || r.kind === 'province' || !r.parent_code) break
        code = r.parent_code
      }
      return r
    } catch {
      return null
    }
  }

  function ensure(): Promise<Region | null> {
    const u = auth.user
    if (home.value && u && homeFor === u.username) return Promise.resolve(home.value)
    if (!finding) {
      const who = u?.username ?? ''
      finding = find().then((r) => {
        home.value = r
        homeFor = who
        finding = null
        return r
      })
    }
    return finding
  }

  return { home, ensure }
}
