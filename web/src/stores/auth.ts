import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '@/api/client'
import type { Role, User } from '@/api/types'

export const useAuth = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const checked = ref(false)

  async function fetchMe(): Promise<User | null> {
    try {
      const r = await api.get<{ user: User }>('/auth/me', undefined, { quiet401: true })
      user.value = r.user
    } catch {
      user.value = null
    }
    checked.value = true
    return user.value
  }

  async function login(username: string, password: string) {
    const r = await api.post<{ user: User }>('/auth/login', { username, password }, { quiet401: true })
    user.value = r.user
    checked.value = true
    return r.user
  }

  async function logout() {
    try {
      await api.post('/auth/logout', undefined, { quiet401: true })
    } finally {
      user.value = null
    }
  }

  const role = computed<Role | null>(() => user.value?.role ?? null)
  /** Who may create, edit, advance and import projects. */
  const canEdit = computed(() => ['admin', 'city', 'district'].includes(role.value ?? ''))
  const isAdmin = computed(() => role.value === 'admin')
  const canAudit = computed(() => role.value === 'admin' || role.value === 'city')
  const canManageRegions = computed(() => role.value === 'admin' || role.value === 'city')
  const hasRole = (...roles: Role[]) => !!role.value && roles.includes(role.value)

  return { user, checked, fetchMe, login, logout, role, canEdit, isAdmin, canAudit, canManageRegions, hasRole }
})
