// Dictionaries: the city bureau keeps chains, tags and batches in order; a rename reaches
// every project using the value, and entries are offered in the project form.
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
})
after(async () => {
  await b?.close()
  await srv?.stop()
})

const OLD = '潍商回归'
const NEW = '潍商回归项目'
const q = (s) => encodeURIComponent(s)

test('the city renames a tag and the projects carry the new name', async () => {
  const { page } = b
  const before = (await city.get(`/projects?tag=${q(OLD)}&page_size=1`)).json
  assert.ok(before.total > 0, 'the demo city has projects tagged 潍商回归')
  const code = before.items[0].code
  const version = before.items[0].version
  await withShot(page, 'dictionaries-rename', async () => {
    await login(page, srv.base, 'city', 'city123')
    await page.click('[data-test=nav-dictionaries]').catch(async () => {
      // The admin sub-menu may be folded.
      await page.locator('.el-sub-menu__title', { hasText: '系统管理' }).click()
      await page.click('[data-test=nav-dictionaries]')
    })
    await page.waitForURL(/\/admin\/dictionaries/)
    await page.click('#tab-tag')
    await page.fill('input[data-test=dict-search], [data-test=dict-search] input', '潍商')
    const row = page.locator('[data-test=dict-table] .el-table__body tr', { hasText: OLD })
    await row.waitFor()
    // The search narrows the list to the one tag.
    await page.waitForFunction(() => document.querySelectorAll('[data-test=dict-table] .el-table__body tr').length === 1)
    assert.equal((await row.locator('.dict-count').innerText()).replace(/,/g, ''), String(before.total))

    await row.locator('[data-test=dict-rename]').click()
    await page.fill('input[data-test=dict-new-name], [data-test=dict-new-name] input', NEW)
    await page.click('[data-test=dict-rename-submit]')
    // The confirmation says how many projects change.
    const box = page.locator('.el-message-box')
    await box.waitFor()
    assert.match(await box.innerText(), new RegExp(`${before.total} 个项目中的“${OLD}”改为“${NEW}”`))
    await box.locator('.el-button--primary').click()
    await page.locator('.el-message', { hasText: `修改了 ${before.total} 个项目` }).waitFor()
    const renamed = page.locator('[data-test=dict-table] .el-table__body tr', { hasText: NEW })
    await renamed.waitFor()
    assert.equal((await renamed.locator('.dict-count').innerText()).replace(/,/g, ''), String(before.total))

    // The project shows the new tag, and its history records the change.
    await page.goto(`${srv.base}/projects/${encodeURIComponent(code)}`)
    await page.locator('.el-descriptions .el-tag', { hasText: NEW }).waitFor()
    const tags = await page.locator('.el-descriptions .el-tag.tg').allInnerTexts()
    assert.ok(tags.includes(NEW) && !tags.includes(OLD), tags.join(','))
  })
  assert.equal((await city.get(`/projects?tag=${q(OLD)}`)).json.total, 0)
  assert.equal((await city.get(`/projects?tag=${q(NEW)}`)).json.total, before.total)
  const p = (await city.get(`/projects/${q(code)}`)).json
  assert.equal(p.version, version + 1)
  const hist = (await city.get(`/projects/${q(code)}/history`)).json.items
  const last = hist[hist.length - 1]
  assert.equal(last.action, 'project.update')
  assert.equal(last.username, 'city')
  assert.deepEqual(last.changes.map((c) => c.field), ['tags'])
})

test('an added chain is offered in the project form until it is retired; types are read-only', async () => {
  const { page } = b
  await withShot(page, 'dictionaries-add', async () => {
    await page.goto(`${srv.base}/admin/dictionaries`)
    await page.locator('#tab-chain').waitFor()
    await page.click('[data-test=dict-add]')
    await page.fill('input[data-test=dict-name], [data-test=dict-name] input', '低空经济')
    await page.fill('textarea[data-test=dict-description], [data-test=dict-description] textarea', '无人机与通用航空')
    await page.click('[data-test=dict-save]')
    const row = page.locator('[data-test=dict-table] .el-table__body tr', { hasText: '低空经济' })
    await row.waitFor()
    assert.match(await row.innerText(), /无人机与通用航空/)
    assert.equal(await row.locator('.dict-count').innerText(), '0')

    const chainOptions = async () => {
      await page.goto(`${srv.base}/projects/new`)
      await page.click('[data-test=f-chain]')
      await page.locator('.el-select-dropdown__item:visible').first().waitFor()
      return page.locator('.el-select-dropdown__item:visible').allInnerTexts()
    }
    assert.ok((await chainOptions()).includes('低空经济'))

    await page.goto(`${srv.base}/admin/dictionaries`)
    await row.locator('[data-test=dict-retire]').click()
    await row.locator('.dict-status', { hasText: '已停用' }).waitFor()
    const opts = await chainOptions()
    assert.ok(!opts.includes('低空经济') && opts.length > 0, opts.join(','))

    // Unused: it can be deleted.
    await page.goto(`${srv.base}/admin/dictionaries`)
    await row.locator('[data-test=dict-delete]').click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('.el-message', { hasText: '已删除' }).waitFor()
    await row.waitFor({ state: 'detached' })

    await page.click('#tab-type')
    const types = page.locator('[data-test=dict-types] .el-table__body')
    await types.locator('tr', { hasText: '基础设施类' }).waitFor()
    const text = await types.innerText()
    for (const l of ['产业类', '平台类', '社会事业类', '基础设施类']) assert.ok(text.includes(l), text)
    assert.equal(await page.locator('[data-test=dict-add]').count(), 0)
  })
  const chains = (await city.get('/dictionaries/chain')).json.items.map((e) => e.name)
  assert.ok(!chains.includes('低空经济'))
})

test('a district user has no dictionaries page and cannot change them', async () => {
  const { page } = b
  await page.context().clearCookies()
  await login(page, srv.base, 'gaoxin', 'gaoxin123')
  assert.equal(await page.locator('[data-test=nav-dictionaries]').count(), 0)
  await page.goto(`${srv.base}/admin/dictionaries`)
  await page.waitForURL(/\/cockpit/)
  const gx = await apiLogin(srv.api, 'gaoxin', 'gaoxin123')
  const r = await gx.post('/dictionaries/tag', { name: '区县自建标签' })
  assert.equal(r.status, 403)
  assert.match(r.json.error, /管理员和市级招商部门/)
})
