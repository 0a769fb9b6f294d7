// Monthly dispatch and the three project lists, as the city's investment bureau.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, apiLogin } from './lib/server.mjs'
import { openBrowser, withShot, login } from './lib/browser.mjs'

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

function prevMonth() {
  const d = new Date()
  const y = d.getFullYear()
  const m = d.getMonth() // 0-based: this is last month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`
}

test('the city opens a dispatch period, sees who reported and closes it', async () => {
  const { page } = b
  const month = prevMonth()
  await withShot(page, 'dispatch', async () => {
    await login(page, srv.base, 'city', 'city123')
    await page.click('[data-test=nav-dispatch]')
    await page.waitForURL(/\/dispatch/)
    await page.click('[data-test=dispatch-open]')
    await page.locator('[data-test=dispatch-open-submit]').click()

    // The new period is selected (the demo city has this year's earlier periods, closed) and
    // its status table lists the districts.
    const label = `${month.slice(0, 4)}年${Number(month.slice(5))}月 · 报送中`
    await page.locator('[data-test=dispatch-status] .card-title', { hasText: label }).waitFor()
    const table = page.locator('[data-test=dispatch-status-table]')
    await table.locator('.el-table__body tr').first().waitFor()
    const city = await apiLogin(srv.api, 'city', 'city123')
    const st = (await city.get(`/dispatch/periods/${month}/status`)).json
    await page.locator('[data-test=dispatch-summary]', { hasText: `应报 ${st.due} 个` }).waitFor()
    assert.equal(st.period.status, 'open')
    const rows = await table.locator('.el-table__body tr.el-table__row').count()
    assert.equal(rows, st.regions.length)
    assert.ok(rows > 0)
    const names = await table.locator('.el-table__body').innerText()
    assert.ok(names.includes(st.regions[0].region_name), names)
    assert.match(await page.locator('[data-test=dispatch-summary]').innerText(), new RegExp(`应报 ${st.due} 个`))

    // Close it (confirmed), and the page offers to reopen.
    await page.click('[data-test=dispatch-close]')
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('[data-test=dispatch-reopen]').waitFor()
    assert.equal((await city.get(`/dispatch/periods/${month}`)).json.status, 'closed')
    assert.match(await page.locator('[data-test=dispatch-periods]').innerText(), /已关闭/)
  })
})

test('a district user sees the dispatch status but no write buttons', async () => {
  const { page } = b
  await withShot(page, 'dispatch-district', async () => {
    await page.context().clearCookies()
    await login(page, srv.base, 'gaoxin', 'gaoxin123')
    await page.goto(`${srv.base}/dispatch`)
    await page.locator('[data-test=dispatch-status-table] .el-table__body tr.el-table__row').first().waitFor()
    assert.equal(await page.locator('[data-test=dispatch-open]').count(), 0)
    assert.equal(await page.locator('[data-test=dispatch-reopen]').count(), 0)
    assert.equal(await page.locator('[data-test=dispatch-close]').count(), 0)
  })
})

test('the lists page shows the new signed projects of a period', async () => {
  const { page } = b
  const year = new Date().getFullYear()
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  await withShot(page, 'lists', async () => {
    await page.context().clearCookies()
    await login(page, srv.base, 'city', 'city123')
    const city = await apiLogin(srv.api, 'city', 'city123')
    const lists = (await city.get(`/lists?region=370700&from=${from}&to=${to}`)).json.lists
    const signed = lists.find((l) => l.kind === 'signed')
    assert.ok(signed.totals.count > 0, 'the demo has projects signed this year')
    await page.goto(`${srv.base}/lists?from=${from}&to=${to}`)
    const rows = page.locator('[data-test=lists-table-signed] .el-table__body tr.el-table__row')
    await rows.first().waitFor()
    assert.equal(await rows.count(), signed.items.length)
    assert.ok((await rows.first().innerText()).includes(signed.items[0].code))
    assert.match(await page.locator('[data-test=lists-totals-signed]').innerText(), new RegExp(`${signed.totals.count} 个项目`))
    // Three tabs with their counts.
    const tabs = await page.locator('[data-test=lists] .el-tabs__item').allInnerTexts()
    assert.equal(tabs.length, 3)
    const href = await page.locator('[data-test=lists-download]').getAttribute('href')
    assert.match(href, /\/api\/v1\/lists\.xlsx\?region=370700&from=/)
  })
})
