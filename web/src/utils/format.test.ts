import { describe, expect, it } from 'vitest'
import {
  daysBetween,
  formatAmount,
  formatCount,
  formatDate,
  formatDateCN,
  formatDateTime,
  formatDateTimeCN,
  formatFileSize,
  formatMonthCN,
  formatPct,
  formatShare,
  formatYoY,
  parseWanToYuan,
  setAmountLocaleSource,
  toColumnAmount,
  columnAmountUnit,
  toBillion,
  toMillion,
  toWan,
  toYi,
  today,
  yuanToWanInput,
} from './format'

describe('amounts from integer yuan', () => {
  it('shows 万元 below one 亿 with two decimals', () => {
    expect(formatAmount(0)).toBe('0.00万元')
    expect(formatAmount(12345)).toBe('1.23万元')
    expect(formatAmount(12350)).toBe('1.24万元') // half-up
    expect(formatAmount(99999999)).toBe('10000.00万元')
    expect(formatAmount(5000000)).toBe('500.00万元')
  })
  it('switches to 亿元 from one 亿 on', () => {
    expect(formatAmount(100000000)).toBe('1.00亿元')
    expect(formatAmount(148000000000)).toBe('1480.00亿元')
    expect(formatAmount(252964000000)).toBe('2529.64亿元')
    expect(formatAmount(190568000000)).toBe('1905.68亿元')
    expect(formatAmount(9920000000)).toBe('99.20亿元')
    expect(formatAmount(123456789)).toBe('1.23亿元')
    expect(formatAmount(125000000)).toBe('1.25亿元')
    expect(formatAmount(124999999)).toBe('1.25亿元')
    expect(formatAmount(124990000)).toBe('1.25亿元')
    expect(formatAmount(124940000)).toBe('1.25亿元')
    expect(formatAmount(124949999)).toBe('1.25亿元')
    expect(formatAmount(124940000 - 1)).toBe('1.25亿元')
    expect(formatAmount(124500000)).toBe('1.25亿元')
    expect(formatAmount(124499999)).toBe('1.24亿元')
  })
  it('can force a unit and group thousands', () => {
    expect(formatAmount(148000000000, 'wan')).toBe('14800000.00万元')
    expect(formatAmount(148000000000, 'wan', true)).toBe('14,800,000.00万元')
    expect(formatAmount(50000, 'yi')).toBe('0.00亿元')
    expect(formatAmount(500000, 'yi')).toBe('0.01亿元')
  })
  it('is exact beyond float precision and handles signs and blanks', () => {
    expect(formatAmount('9007199254740993')).toBe('90071992.55亿元')
    expect(formatAmount(-12345)).toBe('-1.23万元')
    expect(formatAmount(-12350)).toBe('-1.24万元')
    expect(formatAmount(null)).toBe('—')
    expect(formatAmount(undefined)).toBe('—')
    expect(formatAmount('abc')).toBe('—')
    expect(toWan(1)).toBe('0.00')
    expect(toWan(50)).toBe('0.01')
    expect(toYi(47100000000)).toBe('471.00')
  })
  it('parses 万元 input into exact yuan', () => {
    expect(parseWanToYuan('12.3456')).toBe(123456)
    expect(parseWanToYuan('1,480')).toBe(14800000)
    expect(parseWanToYuan('0.1')).toBe(1000)
    expect(parseWanToYuan('')).toBeNull()
    expect(parseWanToYuan(null)).toBeNull()
    expect(() => parseWanToYuan('1.23456')).toThrow('4位小数')
    expect(() => parseWanToYuan('十万')).toThrow('数字')
    expect(yuanToWanInput(123456)).toBe('12.3456')
    expect(yuanToWanInput(120000)).toBe('12')
    expect(yuanToWanInput(null)).toBe('')
  })
})

describe('amounts in English', () => {
  it('uses millions and billions of yuan, and whole yuan below a million', () => {
    expect(formatAmount(0, 'auto', false, 'en')).toBe('¥0')
    expect(formatAmount(12345, 'auto', false, 'en')).toBe('¥12,345')
    expect(formatAmount(999999, 'auto', false, 'en')).toBe('¥999,999')
    expect(formatAmount(1000000, 'auto', false, 'en')).toBe('¥1.00 m')
    expect(formatAmount(12345678, 'auto', false, 'en')).toBe('¥12.35 m')
    expect(formatAmount(123456789, 'auto', false, 'en')).toBe('¥123.46 m')
    expect(formatAmount(999994999, 'auto', false, 'en')).toBe('¥999.99 m')
    expect(formatAmount(1000000000, 'auto', false, 'en')).toBe('¥1.00 bn')
    expect(formatAmount(148000000000, 'auto', false, 'en')).toBe('¥148.00 bn')
    expect(formatAmount(252964000000, 'auto', false, 'en')).toBe('¥252.96 bn')
    expect(formatAmount(1234567890123, 'auto', true, 'en')).toBe('¥1,234.57 bn')
  })
  it('rounds half-up exactly, keeps the sign in front and blanks as a dash', () => {
    expect(formatAmount(12345000, 'auto', false, 'en')).toBe('¥12.35 m')
    expect(formatAmount(12344999, 'auto', false, 'en')).toBe('¥12.34 m')
    expect(formatAmount(-12345678, 'auto', false, 'en')).toBe('-¥12.35 m')
    expect(formatAmount(-500, 'auto', false, 'en')).toBe('-¥500')
    expect(formatAmount('9007199254740993', 'auto', false, 'en')).toBe('¥9007199.25 bn')
    expect(formatAmount(null, 'auto', false, 'en')).toBe('—')
    expect(formatAmount('abc', 'auto', false, 'en')).toBe('—')
  })
  it('maps a forced 万元 to millions and 亿元 to billions', () => {
    expect(formatAmount(148000000000, 'wan', true, 'en')).toBe('¥148,000.00 m')
    expect(formatAmount(50000, 'wan', false, 'en')).toBe('¥0.05 m')
    expect(formatAmount(500000, 'yi', false, 'en')).toBe('¥0.00 bn')
    expect(toMillion(12345678)).toBe('12.35')
    expect(toBillion(148000000000)).toBe('148.00')
  })
  it('names the unit of table columns per language', () => {
    expect(toColumnAmount(12345678, 'zh-CN')).toBe('1,234.57')
    expect(columnAmountUnit('zh-CN')).toBe('万元')
    expect(toColumnAmount(1234567890, 'en')).toBe('1,234.57')
    expect(columnAmountUnit('en')).toBe('¥ m')
  })
  it('follows the UI language it is given, and Chinese stays as it was', () => {
    let lang = 'en'
    setAmountLocaleSource(() => lang)
    try {
      expect(formatAmount(12345678)).toBe('¥12.35 m')
      expect(toColumnAmount(12345678)).toBe('12.35')
      lang = 'zh-CN'
      expect(formatAmount(12345678)).toBe('1234.57万元')
      expect(formatAmount(148000000000)).toBe('1480.00亿元')
      expect(toColumnAmount(12345678)).toBe('1,234.57')
    } finally {
      setAmountLocaleSource(() => 'zh-CN')
    }
  })
})

describe('shares and growth', () => {
  it('rounds shares half-up to two decimals', () => {
    expect(formatShare(369, 496)).toBe('74.40%')
    expect(formatShare(319, 460)).toBe('69.35%')
    expect(formatShare(190568, 252964)).toBe('75.33%')
    expect(formatShare(28240, 47100)).toBe('59.96%')
    expect(formatShare(1, 8)).toBe('12.50%')
    expect(formatShare(1, 3)).toBe('33.33%')
    expect(formatShare(2, 3)).toBe('66.67%')
    expect(formatShare(0, 5)).toBe('0.00%')
    expect(formatShare(5, 5)).toBe('100.00%')
    expect(formatShare(1, 0)).toBe('—')
    expect(formatShare(null, 3)).toBe('—')
  })
  it('formats percentages and year-on-year growth', () => {
    expect(formatPct(10.2)).toBe('10.20%')
    expect(formatPct(1.005)).toBe('1.01%')
    expect(formatPct(null)).toBe('—')
    expect(formatYoY(10.2)).toBe('增长10.2%')
    expect(formatYoY(-3)).toBe('下降3.0%')
    expect(formatYoY(0.01)).toBe('持平')
    expect(formatYoY(null)).toBe('—')
  })
  it('groups counts', () => {
    expect(formatCount(1126)).toBe('1,126')
    expect(formatCount(0)).toBe('0')
    expect(formatCount(undefined)).toBe('—')
  })
})

describe('dates', () => {
  it('shows table dates and prose dates', () => {
    expect(formatDate('2024-03-01')).toBe('2024-03-01')
    expect(formatDate('2024-03-01T08:00:00Z')).toBe('2024-03-01')
    expect(formatDate(null)).toBe('—')
    expect(formatDateCN('2024-03-01')).toBe('2024年3月1日')
    expect(formatDateCN('2023-12-20')).toBe('2023年12月20日')
    expect(formatDateCN('')).toBe('—')
    expect(formatMonthCN('2024-03')).toBe('2024年3月')
  })
  it('shows timestamps in local time and counts days', () => {
    expect(formatDateTime('2024-03-01')).toBe('2024-03-01')
    expect(formatDateTime(new Date(2024, 2, 1, 14, 5).toISOString())).toBe('2024-03-01 14:05')
    expect(today(new Date(2024, 0, 9))).toBe('2024-01-09')
    expect(daysBetween('2024-01-01', '2024-02-08')).toBe(38)
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
  })
})

describe('attachments', () => {
  it('shows sizes in B, KB and MB', () => {
    expect(formatFileSize(0)).toBe('0 B')
    expect(formatFileSize(1023)).toBe('1023 B')
    expect(formatFileSize(1024)).toBe('1.0 KB')
    expect(formatFileSize(1536)).toBe('1.5 KB')
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20.0 MB')
    expect(formatFileSize(null)).toBe('—')
    expect(formatFileSize(-1)).toBe('—')
  })
  it('shows upload times as a Chinese date and a local time', () => {
    const local = new Date(2024, 2, 1, 9, 5)
    expect(formatDateTimeCN(local.toISOString())).toBe('2024年3月1日 09:05')
    expect(formatDateTimeCN('')).toBe('—')
    expect(formatDateTimeCN('not a time')).toBe('not a time')
  })
})
