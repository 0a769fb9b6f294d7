import { describe, expect, it } from 'vitest'
import { cockpitRanges } from './cockpitData'

describe('cockpit periods', () => {
  it('compares the year to date with the same dates last year', () => {
    expect(cockpitRanges(2024, '2024-03-15')).toEqual({ from: '2024-01-01', to: '2024-03-15', prevFrom: '2023-01-01', prevTo: '2023-03-15' })
  })
  it('takes whole past years, and 28 February for a leap day', () => {
    expect(cockpitRanges(2023, '2024-03-15')).toEqual({ from: '2023-01-01', to: '2023-12-31', prevFrom: '2022-01-01', prevTo: '2022-12-31' })
    expect(cockpitRanges(2024, '2024-02-29').prevTo).toBe('2023-02-28')
  })
})

import { normalizeMonthly } from './cockpitData'

describe('monthly series', () => {
  it('reads the columnar shape', () => {
    const m = normalizeMonthly({ months: ['2024-01'], funds_arrived_yuan: [5], prev_year_funds_arrived_yuan: [4], signed_count: [1], started_count: [0] })
    expect(m?.funds_arrived_yuan).toEqual([5])
  })
  it('reads rows per month with the previous year beside them', () => {
    const m = normalizeMonthly({
      months: [
        { month: '2024-01', funds_arrived_yuan: 5, signed_count: 2, started_count: 1 },
        { month: '2024-02', funds_arrived_yuan: 7, signed_count: 0, started_count: 3 },
      ],
      prev_year: [{ month: '2023-02', funds_arrived_yuan: 6 }],
    })
    expect(m).toEqual({
      months: ['2024-01', '2024-02'],
      funds_arrived_yuan: [5, 7],
      prev_year_funds_arrived_yuan: [0, 6],
      signed_count: [2, 0],
      started_count: [1, 3],
    })
    expect(normalizeMonthly({ error: 'x' })).toBeNull()
  })
})
