import { describe, expect, it } from 'vitest'
import { apiQuery, filtersFromQuery } from './useProjectFilters'

describe('project filters', () => {
  it('reads the address bar and fills defaults', () => {
    const f = filtersFromQuery({ stage: 'signed', region: '370783', page: '3', page_size: 'x', min_wan: '10000' })
    expect(f.stage).toBe('signed')
    expect(f.page).toBe(3)
    expect(f.page_size).toBe(20)
    expect(f.sort).toBe('-total_investment_yuan')
  })
  it('builds the API query with amounts in yuan, and the export query without paging', () => {
    const f = filtersFromQuery({ q: '装备', min_wan: '10000', max_wan: '2.5', signed_from: '2024-01-01' })
    expect(apiQuery(f)).toEqual({
      q: '装备',
      signed_from: '2024-01-01',
      sort: '-total_investment_yuan',
      min_investment_yuan: 100000000,
      max_investment_yuan: 25000,
      page: 1,
      page_size: 20,
    })
    const e = apiQuery(f, true)
    expect(e.page).toBeUndefined()
    expect(e.q).toBe('装备')
  })
  it('ignores a malformed amount rather than sending it', () => {
    const f = filtersFromQuery({ min_wan: 'abc' })
    expect(apiQuery(f).min_investment_yuan).toBeUndefined()
  })
})
