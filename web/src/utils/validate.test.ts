import { describe, expect, it } from 'vitest'
import { isValidDate, isValidUSCC, nextStage, validateProject, type ProjectDraft } from './validate'

function draft(over: Partial<ProjectDraft> = {}): ProjectDraft {
  return {
    code: 'WF-2024-001',
    name: '潍坊高端装备产业园',
    region_code: '370771',
    type: 'industrial',
    stage: 'signed',
    total_investment_wan: '50000',
    annual_plan_wan: '',
    signed_amount_wan: '',
    land_mu: '',
    investors: [],
    negotiating_on: '2024-01-02',
    signed_on: '2024-02-08',
    approved_on: null,
    started_on: null,
    producing_on: null,
    achieved_on: null,
    ...over,
  }
}

describe('USCC check digit (GB 32100-2015)', () => {
  it('accepts valid codes and rejects wrong check digits', () => {
    expect(isValidUSCC('91350100M000100Y43')).toBe(true)
    expect(isValidUSCC('91350100m000100y43')).toBe(true)
    expect(isValidUSCC('91350100M000100Y44')).toBe(false)
    expect(isValidUSCC('9135010')).toBe(false)
    expect(isValidUSCC('91350100I000100Y43')).toBe(false)
  })
})

describe('project validation', () => {
  it('passes a good draft', () => {
    expect(validateProject(draft(), true)).toEqual({})
  })
  it('requires the fields the server requires', () => {
    const e = validateProject(draft({ code: '', name: ' ', region_code: '', type: '', total_investment_wan: '' }), true)
    expect(Object.keys(e).sort()).toEqual(['code', 'name', 'region_code', 'total_investment_wan', 'type'])
    expect(e.name).toBe('项目名称不能为空')
  })
  it('checks the code as the server does', () => {
    expect(validateProject(draft({ code: 'WF 01' }), true).code).toContain('不能含空格')
    expect(validateProject(draft({ code: 'WF/01' }), true).code).toContain('不能含空格')
    expect(validateProject(draft({ total_investment_wan: '0' }), true).total_investment_wan).toBe('总投资必须大于 0')
  })
  it('checks amounts in 万元', () => {
    const e = validateProject(draft({ total_investment_wan: '1.23456', annual_plan_wan: '-1' }), true)
    expect(e.total_investment_wan).toContain('4位小数')
    expect(e.annual_plan_wan).toBe('金额不能为负数')
  })
  it('wants every earlier stage date, in order', () => {
    const e = validateProject(draft({ stage: 'started', approved_on: '2024-01-01', started_on: null }), true)
    expect(e.approved_on).toContain('早于签约日期')
    expect(e.started_on).toContain('须填写开工日期')
    const e2 = validateProject(draft({ stage: 'lead', negotiating_on: '2024-01-02', signed_on: null }), true)
    expect(e2.negotiating_on).toContain('不应填写在谈日期')
  })
  it('checks investors USCC', () => {
    const e = validateProject(draft({ investors: [{ name: '某公司', uscc: '91350100M000100Y44' }] }), true)
    expect(e['investors.0.uscc']).toContain('校验位')
  })
  it('knows the lifecycle and real dates', () => {
    expect(nextStage('lead')).toBe('negotiating')
    expect(nextStage('achieved')).toBeNull()
    expect(nextStage('dropped')).toBeNull()
    expect(isValidDate('2024-02-29')).toBe(true)
    expect(isValidDate('2023-02-29')).toBe(false)
  })
})
