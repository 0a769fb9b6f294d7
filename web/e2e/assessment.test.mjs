// 考核比拼 and 预警与周期 as the city's bureau: a scheme created in the browser is scored and
// ranked from the demo city's figures, and each warning list shows its projects.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, apiLogin } from './lib/server.mjs'
import { openBrowser, withShot, login } from './lib/browser.mjs'

let srv
let b
let city
before(async () => {
  srv = await startServer()
  b = await openBrowser()
  city = await apiLogin(srv.api, 'city', 'city123')
  await login(b.page, srv.base, 'city', 'city123')
})
after(async () => {
  await b?.close()
  await srv?.stop()
})

test('the city creates an assessment scheme and sees every district scored and ranked', async () => {
  const { page } = b
  const name = 'e2e到位资金比拼'
  await withShot(page, 'assessment', async () => {
    await page.goto(`${srv.base}/assessment`)
    await page.click('[data-test=assess-new]')
    await page.fill('input[data-test=assess-name], [data-test=assess-name] input', name)
    // The first indicator of the library (funds arrived, 万元), scored against a target.
    await page.fill('input[data-test=assess-target], [data-test=assess-target] input', '10000')
    await page.click('[data-test=assess-save]')
    await page.locator('[data-test=assess-scheme]', { hasText: name }).waitFor()

    const schemes = (await city.get('/assessment/schemes')).json.items
    const scheme = schemes.find((s) => s.name === name)
    assert.ok(scheme, JSON.stringify(schemes))
    assert.equal(scheme.indicators.length, 1)
    assert.equal(scheme.indicators[0].key, 'funds_arrived')
    assert.equal(scheme.indicators[0].target, 100000000) // 10000万元 = 1亿元, in yuan
    const scores = (await city.get(`/assessment/schemes/${scheme.id}/scores`)).json
    assert.ok(scores.regions.length >= 10, `${scores.regions.length} regions scored`)
    assert.ok(scores.regions.some((r) => r.total > 0), 'the demo city has funds arrived this year')

    const rows = page.locator('[data-test=assess-table] .el-table__body-wrapper tr.el-table__row')
    await rows.first().waitFor()
    await page.waitForFunction((n) => document.querySelectorAll('[data-test=assess-table] .el-table__body-wrapper tr.el-table__row').length === n, scores.regions.length)
    // Rows in rank order, with the server's region, total score and funds arrived.
    for (const [i, r] of scores.regions.slice(0, 3).entries()) {
      const text = await rows.nth(i).innerText()
      assert.ok(text.includes(r.region_name), `row ${i}: ${text}`)
      assert.ok(text.includes(r.total.toFixed(2)), `row ${i} total ${r.total}: ${text}`)
      assert.match(text, new RegExp(`^\\s*${r.rank}\\b`))
      assert.match(text, /(万元|亿元)/)
    }
    const ranks = scores.regions.map((r) => r.rank)
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b))
    assert.equal(ranks[0], 1)
    assert.ok(scores.regions[0].total >= scores.regions[scores.regions.length - 1].total)
    // The chart of totals is drawn.
    await page.locator('.assessment canvas').first().waitFor()
  })
})

test('the warnings page lists the projects of each warning kind', async () => {
  const { page } = b
  await withShot(page, 'warnings', async () => {
    await page.goto(`${srv.base}/warnings`)
    const tabs = page.locator('[data-test=warnings] .el-tabs__item')
    await tabs.nth(2).waitFor()
    const me = (await city.get('/auth/me')).json.user
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
    const w = (await city.get(`/stats/warnings?region=${me.region_code}&as_of=${today}&months=6`)).json
    const kinds = [
      ['signed_not_started', /签约满 6 个月未开工/],
      ['no_progress', /连续两月未报送调度/],
      ['funds_behind_plan', /到位资金低于序时进度/],
    ]
    for (const [i, [key, label]] of kinds.entries()) {
      const items = w[key] ?? []
      assert.ok(w[`${key}_total`] > 0, `the demo city has a project for ${key}`)
      const tab = tabs.nth(i)
      const tabText = await tab.innerText()
      assert.match(tabText, label)
      assert.ok(tabText.includes(`（${w[`${key}_total`]}）`), tabText)
      await tab.click()
      const table = page.locator(`[data-test=warn-table-${key}]`)
      await table.locator('tr.el-table__row').first().waitFor()
      assert.equal(await table.locator('.el-table__body-wrapper tr.el-table__row').count(), items.length)
      const first = await table.locator('.el-table__body-wrapper tr.el-table__row').first().innerText()
      assert.ok(first.includes(items[0].code) && first.includes(items[0].region_name), first)
      assert.ok(first.includes(items[0].figure), `${first} / ${items[0].figure}`)
    }
    // A project code leads to the project.
    const link = page.locator('[data-test=warn-table-funds_behind_plan] a').first()
    const code = await link.innerText()
    await link.click()
    await page.waitForURL(new RegExp(`/projects/${encodeURIComponent(code)}$`))
    await page.locator('.page', { hasText: code }).first().waitFor()
  })
})
