// Formatting of the platform's figures, as people in the bureaus write them.
// Money arrives from the server as integer yuan; every conversion below is done
// in integer (BigInt) arithmetic so that 12345 yuan is 1.23万元 and never
// 1.2344999万元, and rounding is half-up as in the statistical definitions.

export type Yuan = number | bigint | string | null | undefined

function toBig(v: Yuan): bigint | null {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'bigint') return v
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null
    return BigInt(Math.round(v))
  }
  const s = v.trim()
  if (!/^-?\d+$/.test(s)) return null
  return BigInt(s)
}

/** Divides n by d (d > 0), rounding half away from zero. */
function divRound(n: bigint, d: bigint): bigint {
  const neg = n < 0n
  const a = neg ? -n : n
  let q = a / d
  if ((a % d) * 2n >= d) q += 1n
  return neg ? -q : q
}

/** Renders a count of hundredths as "123.45" (with optional thousands grouping). */
function hundredths(h: bigint, group = false): string {
  const neg = h < 0n
  const a = neg ? -h : h
  let int = (a / 100n).toString()
  const frac = (a % 100n).toString().padStart(2, '0')
  if (group) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}${int}.${frac}`
}

/** Yuan → 万元 with two decimals, no unit: 12345678 → "1234.57". */
export function toWan(yuan: Yuan, group = false): string {
  const b = toBig(yuan)
  if (b === null) return '—'
  return hundredths(divRound(b, 100n), group)
}

/** Yuan → 亿元 with two decimals, no unit: 148000000000 → "1480.00". */
export function toYi(yuan: Yuan, group = false): string {
  const b = toBig(yuan)
  if (b === null) return '—'
  return hundredths(divRound(b, 1000000n), group)
}

export type AmountUnit = 'auto' | 'wan' | 'yi'
export type AmountLocale = 'zh-CN' | 'en'

// The UI language, read at call time so that a template re-renders when it changes; i18n
// registers its reactive locale here (format.ts itself stays free of vue-i18n).
let localeSource: () => string = () => 'zh-CN'
export function setAmountLocaleSource(fn: () => string) {
  localeSource = fn
}
function amountLocale(): AmountLocale {
  return localeSource() === 'en' ? 'en' : 'zh-CN'
}

/** Yuan → millions with two decimals, no unit: 12345678 → "12.35". */
export function toMillion(yuan: Yuan, group = false): string {
  const b = toBig(yuan)
  if (b === null) return '—'
  return hundredths(divRound(b, 10000n), group)
}

/** Yuan → billions with two decimals, no unit: 148000000000 → "148.00". */
export function toBillion(yuan: Yuan, group = false): string {
  const b = toBig(yuan)
  if (b === null) return '—'
  return hundredths(divRound(b, 10000000n), group)
}

/**
 * An amount with its unit: below 1亿元 in 万元, from 1亿元 on in 亿元,
 * always two decimals. 0 → "0.00万元"; null → "—".
 *
 * In English, millions and billions of yuan, as English reports write them:
 * "¥1.48 bn" from one billion on, "¥12.35 m" from one million on, and smaller
 * amounts in whole yuan, "¥12,345". A forced unit maps 万元 to millions and
 * 亿元 to billions.
 */
export function formatAmount(yuan: Yuan, unit: AmountUnit = 'auto', group = false, locale: AmountLocale = amountLocale()): string {
  const b = toBig(yuan)
  if (b === null) return '—'
  const abs = b < 0n ? -b : b
  if (locale === 'en') {
    const sign = b < 0n ? '-' : ''
    const u = unit === 'auto' ? (abs >= 1000000000n ? 'yi' : abs >= 1000000n ? 'wan' : 'yuan') : unit
    if (u === 'yi') return `${sign}¥${toBillion(abs, group)} bn`
    if (u === 'wan') return `${sign}¥${toMillion(abs, group)} m`
    return `${sign}¥${abs.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
  }
  const u = unit === 'auto' ? (abs >= 100000000n ? 'yi' : 'wan') : unit
  return u === 'yi' ? `${toYi(b, group)}亿元` : `${toWan(b, group)}万元`
}

/**
 * Amounts in a table column whose header carries the unit: 万元 in Chinese,
 * millions of yuan in English, two decimals, thousands grouped.
 */
export function toColumnAmount(yuan: Yuan, locale: AmountLocale = amountLocale()): string {
  return locale === 'en' ? toMillion(yuan, true) : toWan(yuan, true)
}

/** The unit named in the header of such a column: "万元" or "¥ m". */
export function columnAmountUnit(locale: AmountLocale = amountLocale()): string {
  return locale === 'en' ? '¥ m' : '万元'
}

/**
 * Parses an amount typed in 万元 ("12.3456", at most 4 decimals, as the import
 * sheets allow) into integer yuan, exactly. Returns null for empty input and
 * throws an Error with a Chinese message for anything malformed.
 */
export function parseWanToYuan(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null
  const s = String(input).trim().replace(/,/g, '')
  if (s === '') return null
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s)
  if (!m) throw new Error('请输入数字（单位：万元）')
  const frac = m[3] ?? ''
  if (frac.length > 4) throw new Error('金额最多保留4位小数（万元）')
  const yuan = BigInt(m[2]) * 10000n + BigInt((frac + '0000').slice(0, 4))
  const v = m[1] ? -yuan : yuan
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error('金额过大')
  }
  return Number(v)
}

/** Integer yuan → the 万元 text a form field shows: 123456 → "12.3456", 120000 → "12". */
export function yuanToWanInput(yuan: Yuan): string {
  const b = toBig(yuan)
  if (b === null) return ''
  const neg = b < 0n
  const a = neg ? -b : b
  const int = (a / 10000n).toString()
  const frac = (a % 10000n).toString().padStart(4, '0').replace(/0+$/, '')
  return `${neg ? '-' : ''}${int}${frac ? '.' + frac : ''}`
}

/**
 * A share, part ÷ whole × 100, half-up to two decimals: 369 of 496 → "74.40%".
 * A zero or missing whole gives "—".
 */
export function formatShare(part: Yuan, whole: Yuan): string {
  const p = toBig(part)
  const w = toBig(whole)
  if (p === null || w === null || w === 0n) return '—'
  const neg = (p < 0n) !== (w < 0n)
  const h = divRound((p < 0n ? -p : p) * 10000n, w < 0n ? -w : w)
  return `${hundredths(neg ? -h : h)}%`
}

/** A percentage the server computed (10.2 → "10.20%"); null → "—". */
export function formatPct(pct: number | null | undefined, decimals = 2): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—'
  return `${roundHalfUp(pct, decimals).toFixed(decimals)}%`
}

/** Year-on-year growth in prose: 10.2 → "增长10.2%", -3 → "下降3.0%", null → "—". */
export function formatYoY(pct: number | null | undefined, decimals = 1): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '—'
  const r = roundHalfUp(Math.abs(pct), decimals)
  if (r === 0) return '持平'
  return `${pct > 0 ? '增长' : '下降'}${r.toFixed(decimals)}%`
}

function roundHalfUp(x: number, decimals: number): number {
  const f = 10 ** decimals
  // toPrecision removes binary noise (1.005 stored as 1.00499…) before rounding.
  const scaled = Number((Math.abs(x) * f).toPrecision(15))
  return (Math.sign(x) * Math.floor(scaled + 0.5)) / f
}

/** Counts with grouping: 1126 → "1,126"; in prose the unit follows: 496个. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return Math.round(n).toLocaleString('en-US')
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/
const MONTH_RE = /^(\d{4})-(\d{2})$/

/** A date as tables show it: "2024-03-01". Accepts YYYY-MM-DD or an RFC 3339 time. */
export function formatDate(d: string | null | undefined): string {
  if (!d) return '—'
  const m = DATE_RE.exec(d)
  return m ? `${m[1]}-${m[2]}-${m[3]}` : d
}

/** A date as prose writes it: "2024年3月1日". */
export function formatDateCN(d: string | null | undefined): string {
  if (!d) return '—'
  const m = DATE_RE.exec(d)
  if (!m) return d
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

/** A month: "2024-03" → "2024年3月". */
export function formatMonthCN(m: string | null | undefined): string {
  if (!m) return '—'
  const r = MONTH_RE.exec(m)
  return r ? `${r[1]}年${Number(r[2])}月` : m
}

/**
 * A timestamp from the server (RFC 3339) in the viewer's local time:
 * "2024-03-01 14:05". Dates without time pass through.
 */
export function formatDateTime(t: string | null | undefined): string {
  if (!t) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t
  const d = new Date(t)
  if (Number.isNaN(d.getTime())) return t
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** Today in local time as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** Days from a to b (YYYY-MM-DD), as the seeds count cycles ("38天"). */
export function daysBetween(a: string, b: string): number | null {
  const ma = DATE_RE.exec(a)
  const mb = DATE_RE.exec(b)
  if (!ma || !mb) return null
  const ta = Date.UTC(+ma[1], +ma[2] - 1, +ma[3])
  const tb = Date.UTC(+mb[1], +mb[2] - 1, +mb[3])
  return Math.round((tb - ta) / 86400000)
}

/** A file size as people read it: 512 → "512 B", 2048 → "2.0 KB", 3145728 → "3.0 MB". */
export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—'
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** A timestamp as a local date in prose and a time: "2024年3月1日 09:05". */
export function formatDateTimeCN(t: string | null | undefined): string {
  if (!t) return '—'
  const d = new Date(t)
  if (Number.isNaN(d.getTime())) return t
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`
}
