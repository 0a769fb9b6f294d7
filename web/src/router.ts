import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuth } from '@/stores/auth'
import type { Role } from '@/api/types'
import MainLayout from '@/layouts/MainLayout.vue'
import { prefetchCockpit } from '@/composables/cockpitData'
import { today } from '@/utils/format'
import { fetchMapJson } from '@/charts/mapData'
import { useDicts } from '@/stores/dicts'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    public?: boolean
    roles?: Role[]
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true, title: 'login.title' } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', redirect: '/cockpit' },
      { path: 'cockpit', name: 'cockpit', component: () => import('@/views/CockpitView.vue'), meta: { title: 'menu.cockpit' } },
      { path: 'projects', name: 'projects', component: () => import('@/views/ProjectsView.vue'), meta: { title: 'menu.projects' } },
      {
        path: 'projects/new',
        name: 'project-new',
        component: () => import('@/views/ProjectFormView.vue'),
        meta: { title: 'menu.newProject', roles: ['admin', 'city', 'district'] },
      },
      { path: 'projects/:code', name: 'project', component: () => import('@/views/ProjectDetailView.vue'), meta: { title: 'menu.projects' } },
      {
        path: 'projects/:code/edit',
        name: 'project-edit',
        component: () => import('@/views/ProjectFormView.vue'),
        meta: { title: 'form.editTitle', roles: ['admin', 'city', 'district'] },
      },
      {
        path: 'imports',
        name: 'imports',
        component: () => import('@/views/ImportView.vue'),
        meta: { title: 'menu.imports', roles: ['admin', 'city', 'district'] },
      },
      { path: 'bulletin', name: 'bulletin', component: () => import('@/views/BulletinView.vue'), meta: { title: 'menu.bulletin' } },
      { path: 'dispatch', name: 'dispatch', component: () => import('@/views/DispatchView.vue'), meta: { title: 'menu.dispatch' } },
      { path: 'lists', name: 'lists', component: () => import('@/views/ListsView.vue'), meta: { title: 'menu.lists' } },
      { path: 'assessment', name: 'assessment', component: () => import('@/views/AssessmentView.vue'), meta: { title: 'menu.assessment' } },
      { path: 'warnings', name: 'warnings', component: () => import('@/views/WarningsView.vue'), meta: { title: 'menu.warnings' } },
      { path: 'password', name: 'password', component: () => import('@/views/PasswordView.vue'), meta: { title: 'menu.password' } },
      {
        path: 'admin/users',
        name: 'users',
        component: () => import('@/views/admin/UsersView.vue'),
        meta: { title: 'menu.users', roles: ['admin'] },
      },
      {
        path: 'admin/regions',
        name: 'regions',
        component: () => import('@/views/admin/RegionsView.vue'),
        meta: { title: 'menu.regions', roles: ['admin', 'city'] },
      },
      {
        path: 'admin/dictionaries',
        name: 'dictionaries',
        component: () => import('@/views/admin/DictionariesView.vue'),
        meta: { title: 'menu.dictionaries', roles: ['admin', 'city'] },
      },
      {
        path: 'admin/audit',
        name: 'audit',
        component: () => import('@/views/admin/AuditView.vue'),
        meta: { title: 'menu.audit', roles: ['admin', 'city'] },
      },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue'), meta: { title: 'app.notFound' } },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  const auth = useAuth()
  if (!auth.checked) await auth.fetchMe()
  if (to.meta.public) {
    if (to.name === 'login' && auth.user) return { path: (to.query.next as string) || '/cockpit' }
    return true
  }
  if (!auth.user) return { name: 'login', query: to.fullPath !== '/' && to.fullPath !== '/cockpit' ? { next: to.fullPath } : {} }
  if (to.meta.roles && !to.meta.roles.includes(auth.user.role)) return { name: 'cockpit' }
  // The cockpit needs ECharts and its figures: fetch both alongside the page's own chunk.
  if (to.name === 'cockpit') {
    import('@/charts/echarts')
    const own = auth.user.region_code
    if (own) {
      prefetchCockpit(own, Number(today().slice(0, 4)))
      fetchMapJson(own)
      const dicts = useDicts()
      dicts.region(own)
      dicts.regionsUnder(own).catch(() => [])
    }
  }
  return true
})
