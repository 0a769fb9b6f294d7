// The import wizard: a sheet with bad cells is refused with every bad cell
// highlighted; the corrected sheet goes through.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, apiLogin } from './lib/server.mjs'
import { openBrowser, withShot, login } from './lib/browser.mjs'
import { writeXlsx } from './lib/xlsx.mjs'

let srv
let b
before(async () => {
  srv = await startServer()
  b = await openBrowser()
})
after(async () => {
  await b?.close()
  await srv?.stop()
})

const HEADER = ['项目编码', '项目名称', '所属区域', '项目类型', '总投资(万元)', '当前阶段', '洽谈日期', '签约日期', '投资方', '投资方统一社会信用代码']
const ROWS = [
  ['E2E-IMP-001', '导入测试新材料项目', '高新区', '产业类', '35000', '签约', '2024-01-05', '2024-02-01', '潍坊测试新材料有限公司', '91350100M000100Y43'],
  ['E2E-IMP-002', '导入测试物流园项目', '寿光市', '基础设施类', '8800.5', '在谈', '2024-03-10', '', '', ''],
]

test('shows the bad cells of a refused sheet, then imports the fixed one', async () => {
  const { page } = b
  const bad = ROWS.map((r) => [...r])
  bad[0][7] = '2024-02-30' // no such day
  bad[1][4] = '-5' // negative amount
  const badFile = join(srv.dir, '项目-有错.xlsx')
  const goodFile = join(srv.dir, '项目-修正.xlsx')
  writeFileSync(badFile, writeXlsx([HEADER, ...bad]))
  writeFileSync(goodFile, writeXlsx([HEADER, ...ROWS]))

  await withShot(page, 'import', async () => {
    await login(page, srv.base, 'city', 'city123')
    await page.goto(`${srv.base}/imports`)
    await page.setInputFiles('[data-test=import-file]', badFile)
    await page.locator('[data-test=import-bad]').waitFor()
    const errs = await page.locator('[data-test=import-errors] .el-table__body tr').count()
    assert.ok(errs >= 2, `expected at least two bad cells, got ${errs}`)
    const tableText = await page.locator('[data-test=import-errors]').innerText()
    assert.match(tableText, /签约日期/)
    // The bad cells are highlighted in the sheet preview, at their row and column.
    const badCells = page.locator('[data-test=import-sheet] td.bad')
    assert.ok((await badCells.count()) >= 2)
    const signedCol = HEADER.indexOf('签约日期')
    assert.equal(await page.locator(`[data-test=import-sheet] td[data-cell="2:${signedCol}"]`).getAttribute('class'), 'bad')

    // Nothing was stored.
    const api = await apiLogin(srv.base, 'city', 'city123')
    assert.equal((await api.get('/projects?q=E2E-IMP')).json.total, 0)

    await page.setInputFiles('[data-test=import-file]', goodFile)
    await page.locator('[data-test=import-ok]').waitFor()
    await page.click('[data-test=import-commit]')
    await page.locator('[data-test=import-done]').waitFor()
    assert.match(await page.locator('[data-test=import-done]').innerText(), /新增 2/)
    const after = await api.get('/projects?q=E2E-IMP')
    assert.equal(after.json.total, 2)
  })
})

test('fixes a bad cell in the preview and retries', async () => {
  const { page } = b
  const bad = [ROWS[0].map((c, i) => (i === 0 ? 'E2E-IMP-003' : i === 7 ? '2024-13-01' : c))]
  const file = join(srv.dir, '项目-就地修正.xlsx')
  writeFileSync(file, writeXlsx([HEADER, ...bad]))
  await withShot(page, 'import-inline', async () => {
    await page.goto(`${srv.base}/imports`)
    await page.setInputFiles('[data-test=import-file]', file)
    await page.locator('[data-test=import-bad]').waitFor()
    const cell = page.locator(`[data-test=import-sheet] td[data-cell="2:${HEADER.indexOf('签约日期')}"] input`)
    await cell.fill('2024-02-01')
    await page.click('[data-test=import-retry-edited]')
    await page.locator('[data-test=import-ok]').waitFor()
    await page.click('[data-test=import-commit]')
    await page.locator('[data-test=import-done]').waitFor()
  })
})
