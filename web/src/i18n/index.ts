import { createI18n } from 'vue-i18n'
import zh from './zh-CN'
import en from './en'
import { setAmountLocaleSource } from '@/utils/format'

export type Locale = 'zh-CN' | 'en'
const KEY = 'zhaoyin.locale'

function initialLocale(): Locale {
  try {
    const v = localStorage.getItem(KEY)
    if (v === 'en' || v === 'zh-CN') return v
  } catch {
    /* storage unavailable */
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
  missingWarn: false,
  fallbackWarn: false,
})

// Amounts follow the UI language (万元/亿元 in Chinese, millions/billions in English).
setAmountLocaleSource(() => i18n.global.locale.value)

export function setLocale(l: Locale) {
  i18n.global.locale.value = l
  document.documentElement.lang = l
  try {
    localStorage.setItem(KEY, l)
  } catch {
    /* ignore */
  }
}

export const t = i18n.global.t
