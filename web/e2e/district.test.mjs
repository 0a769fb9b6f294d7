// A district user sees only its district: in the library, the cockpit and by URL.
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

test('a district user sees only its own projects', async () => {
  const { page } = b
  const city = await apiLogin(srv.base, 'city', 'city123')
  const own = (await city.get('/projects?region=370771&page_size=1')).json.total
  const other = (await city.get('/projects?region=370783&page_size=1')).json.items[0]
  assert.ok(other, 'the demo has projects in 寿光市')

  await withShot(page, 'district', async () => {
    await login(page, srv.base, 'gaoxin', 'gaoxin123')
    await page.goto(`${srv.base}/projects?page_size=100`)
    await page.locator('[data-test=total]').waitFor()
    await page.waitForFunction(() => !document.querySelector('[data-test=project-table] .el-loading-mask'))
    const total = Number(/(\d+)/.exec(await page.locator('[data-test=total]').innerText())[1])
    assert.equal(total, own)
    const regions = await page.locator('[data-test=project-table] .el-table__body tr td:nth-child(3)').allInnerTexts()
    assert.ok(regions.every((r) => r.trim() === '高新区'), regions.join(','))

    // Another district's project is not there, even by its address.
    await page.goto(`${srv.base}/projects/${encodeURIComponent(other.code)}`)
    await page.locator('.el-result').waitFor()
    assert.equal(await page.locator('[data-test=project-name]').count(), 0)

    // The cockpit is the district's.
    await page.goto(`${srv.base}/cockpit`)
    await page.waitForSelector('.cockpit[data-ready="1"]')
    assert.match(await page.locator('.page-sub').first().innerText(), /高新区/)
    // No administration for a district user.
    assert.equal(await page.locator('[data-test=nav-projects]').count(), 1)
    await page.goto(`${srv.base}/admin/users`)
    await page.waitForURL(/\/cockpit/)
  })
})
