import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { setUnauthorizedHandler } from './api/client'
import { useAuth } from './stores/auth'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(router)

setUnauthorizedHandler(() => {
  const auth = useAuth(pinia)
  auth.user = null
  const cur = router.currentRoute.value
  if (!cur.meta.public) router.replace({ name: 'login', query: { next: cur.fullPath } })
})

document.documentElement.lang = i18n.global.locale.value
app.mount('#app')
