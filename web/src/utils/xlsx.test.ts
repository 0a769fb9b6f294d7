import { describe, expect, it } from 'vitest'
import { deflateRawSync } from 'node:zlib'
import { colIndex, colLetters, crc32, parseSheetXml, readXlsx, serialToDate, writeXlsx } from './xlsx'

describe('xlsx', () => {
  it('round-trips text through write and read', async () => {
    const rows = [
      ['项目编码', '项目名称', '签约日期'],
      ['WF-1', '潍坊 <高端> & 装备', '2024-03-01'],
      ['WF-2', '', '45352'],
    ]
    const sheet = await readXlsx(writeXlsx(rows))
    expect(sheet.header).toEqual(['项目编码', '项目名称', '签约日期'])
    expect(sheet.rows[1]).toEqual({ row: 2, cells: ['WF-1', '潍坊 <高端> & 装备', '2024-03-01'] })
    // An Excel serial date is shown as the date it stands for.
    expect(sheet.rows[2].cells[2]).toBe('2024-03-01')
  })
  it('reads shared strings and sparse cells', () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>' +
      '<row r="7"><c r="B7"><v>12.5</v></c><c r="C7" t="inlineStr"><is><t>x&amp;y</t></is></c></row></sheetData>'
    const s = parseSheetXml(xml, ['编码', '金额'])
    expect(s.header).toEqual(['编码', '', '金额'])
    expect(s.rows[1]).toEqual({ row: 7, cells: ['', '12.5', 'x&y'] })
  })
  it('inflates deflated entries', async () => {
    // Build a zip whose sheet entry is deflated, as Excel writes them.
    const stored = writeXlsx([['a', 'b']])
    const text = new TextEncoder().encode('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row></sheetData></worksheet>')
    const deflated = new Uint8Array(deflateRawSync(text))
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml')
    const local = new Uint8Array(30 + name.length)
    const dv = new DataView(local.buffer)
    dv.setUint32(0, 0x04034b50, true)
    dv.setUint16(8, 8, true)
    dv.setUint32(14, crc32(text), true)
    dv.setUint32(18, deflated.length, true)
    dv.setUint32(22, text.length, true)
    dv.setUint16(26, name.length, true)
    local.set(name, 30)
    const cen = new Uint8Array(46 + name.length)
    const cv = new DataView(cen.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(10, 8, true)
    cv.setUint32(20, deflated.length, true)
    cv.setUint32(24, text.length, true)
    cv.setUint16(28, name.length, true)
    cen.set(name, 46)
    const end = new Uint8Array(22)
    const ev = new DataView(end.buffer)
    ev.setUint32(0, 0x06054b50, true)
    ev.setUint16(8, 1, true)
    ev.setUint16(10, 1, true)
    ev.setUint32(12, cen.length, true)
    ev.setUint32(16, local.length + deflated.length, true)
    const zip = new Uint8Array([...local, ...deflated, ...cen, ...end])
    const s = await readXlsx(zip)
    expect(s.header).toEqual(['甲'])
    expect(stored.length).toBeGreaterThan(0)
  })
  it('converts column letters and serial dates', () => {
    expect(colIndex('A')).toBe(0)
    expect(colIndex('AB')).toBe(27)
    expect(colLetters(27)).toBe('AB')
    expect(colLetters(0)).toBe('A')
    expect(serialToDate(45352)).toBe('2024-03-01')
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })
})
