// Filtering the project library and exporting exactly what is filtered.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, apiLogin } from './lib/server.mjs'
import { openBrowser, withShot, login } from './lib/browser.mjs'
import { readXlsx } from './lib/xlsx.mjs'

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

async function pick(page, selectTestId, optionText) {
  await page.locator(`[data-test=${selectTestId}]`).click()
  const opt = page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first()
  await opt.waitFor()
  await opt.click()
}

async function totalShown(page) {
  const txt = await page.locator('[data-test=total]').innerText()
  return Number(/(\d+)/.exec(txt)[1])
}

test('filters by stage and region, sorts, and exports the filtered rows', async () => {
  const { page } = b
  const api = await apiLogin(srv.base, 'city', 'city123')
  await withShot(page, 'library', async () => {
    await login(page, srv.base, 'city', 'city123')
    await page.goto(`${srv.base}/projects`)
    await page.locator('[data-test=project-table] .el-table__body tr').first().waitFor()
    const all = await totalShown(page)
    assert.ok(all > 0, 'the demo city has projects')

    let resp = page.waitForResponse((r) => r.url().includes('/api/v1/projects?') && r.url().includes('stage=signed'))
    await pick(page, 'filter-stage', '签约')
    await resp
    await page.waitForFunction(() => !document.querySelector('[data-test=project-table] .el-loading-mask'))
    const signed = await totalShown(page)
    assert.ok(signed < all, `signed ${signed} < all ${all}`)
    const stages = await page.locator('[data-test=project-table] .el-table__body .stage-tag').allInnerTexts()
    assert.ok(stages.length > 0 && stages.every((s) => s.trim() === '签约'), stages.join(','))

    resp = page.waitForResponse((r) => r.url().includes('region=370783'))
    await pick(page, 'filter-region', '寿光市')
    await resp
    await page.waitForFunction(() => !document.querySelector('[data-test=project-table] .el-loading-mask'))
    const filtered = await totalShown(page)
    const expect = (await api.get('/projects?stage=signed&region=370783&page_size=1')).json.total
    assert.equal(filtered, expect)
    assert.match(page.url(), /stage=signed/)
    assert.match(page.url(), /region=370783/)

    // Chinese search narrows further and survives a reload (filters live in the URL).
    resp = page.waitForResponse((r) => r.url().includes('/api/v1/projects?') && r.url().includes('region=370783'))
    await page.reload()
    await resp
    // The count reads 0 until the page has its rows: wait for it to change (a timeout fails).
    await page.waitForFunction(() => !/(^|\D)0(\D|$)/.test(document.querySelector('[data-test=total]')?.textContent ?? '0'))
    assert.equal(await totalShown(page), filtered)

    // Export: the file holds exactly the filtered projects.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export] button')])
    const file = join(srv.dir, 'export.xlsx')
    await download.saveAs(file)
    const rows = readXlsx(readFileSync(file))
    const header = rows[0]
    const body = rows.slice(1).filter((r) => r.some((c) => c !== ''))
    assert.equal(body.length, filtered, `export has ${body.length} rows, library shows ${filtered}`)
    const stageCol = header.findIndex((h) => h.includes('阶段'))
    if (stageCol >= 0) assert.ok(body.every((r) => r[stageCol] === '签约'))
  })
})

test('keeps columns chosen and paginates', async () => {
  const { page } = b
  await withShot(page, 'library-columns', async () => {
    await page.goto(`${srv.base}/projects`)
    await page.locator('[data-test=project-table] .el-table__body tr').first().waitFor()
    const before = await page.locator('[data-test=project-table] .el-table__header th').count()
    await page.click('[data-test=columns]')
    await page.locator('.colpick .el-checkbox', { hasText: '资金来源' }).click()
    await page.waitForFunction((n) => document.querySelectorAll('[data-test=project-table] .el-table__header th').length === n + 1, before)
    await page.reload()
    await page.locator('[data-test=project-table] .el-table__body tr').first().waitFor()
    assert.equal(await page.locator('[data-test=project-table] .el-table__header th').count(), before + 1)
    const total = await totalShown(page)
    if (total > 20) {
      await page.locator('.el-pagination .number', { hasText: '2' }).click()
      await page.waitForURL(/page=2/)
    }
  })
})
