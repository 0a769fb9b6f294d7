// Administration pages and the bulletin: users and roles, regions and zones, the audit log.
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

function dialogField(page, label) {
  return page.locator('.el-dialog:visible .el-form-item', { hasText: label }).locator('input').first()
}

test('an administrator adds a user, a zone, and reads the audit log', async () => {
  const { page } = b
  await withShot(page, 'admin', async () => {
    await login(page, srv.base, 'admin', 'admin123')
    await page.goto(`${srv.base}/admin/users`)
    await page.locator('[data-test=users-table] .el-table__body tr', { hasText: 'gaoxin' }).waitFor()

    await page.click('[data-test=user-add]')
    await dialogField(page, '用户名').fill('e2e_qingzhou')
    await dialogField(page, '姓名').fill('青州市招商局')
    await page.locator('.el-dialog:visible .el-form-item', { hasText: '角色' }).locator('.el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '区县' }).first().click()
    await page.locator('.el-dialog:visible .el-form-item', { hasText: '所属区域' }).locator('.el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '青州市' }).first().click()
    await dialogField(page, '初始密码').fill('qingzhou-2024')
    await page.locator('.el-dialog:visible').getByRole('button', { name: '保存' }).click()
    await page.locator('[data-test=users-table] .el-table__body tr', { hasText: 'e2e_qingzhou' }).waitFor()
    const api = await apiLogin(srv.base, 'e2e_qingzhou', 'qingzhou-2024')
    assert.equal((await api.get('/auth/me')).json.user.role, 'district')

    await page.goto(`${srv.base}/admin/regions`)
    await page.locator('[data-test=regions-table]', { hasText: '高新区' }).waitFor()
    await page.getByRole('button', { name: '新增功能区' }).first().click()
    await dialogField(page, '区划代码').fill('370779')
    await dialogField(page, '名称').fill('测试功能区')
    await page.locator('.el-dialog:visible').getByRole('button', { name: '保存' }).click()
    await page.locator('[data-test=regions-table]', { hasText: '测试功能区' }).waitFor()

    await page.goto(`${srv.base}/admin/audit`)
    await page.locator('[data-test=audit-table] .el-table__body tr', { hasText: 'e2e_qingzhou' }).first().waitFor()
  })
})

test('the bulletin is shown rendered and can be downloaded', async () => {
  const { page } = b
  await withShot(page, 'bulletin', async () => {
    await page.goto(`${srv.base}/bulletin`)
    await page.locator('[data-test=bulletin] .md h1, [data-test=bulletin] .md h2').first().waitFor()
    const text = await page.locator('[data-test=bulletin]').innerText()
    assert.match(text, /招商引资/)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=bulletin-download]')])
    assert.match(download.suggestedFilename(), /\.md$/)
  })
})
