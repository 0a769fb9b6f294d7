// Creating a project through the form, then advancing it from its page and
// by dragging its card on the kanban board.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
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

async function pick(page, selectTestId, optionText) {
  await page.locator(`[data-test=${selectTestId}]`).click()
  const opt = page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first()
  await opt.waitFor()
  await opt.click()
}

function field(page, id) {
  return page.locator(`input[data-test="${id}"], [data-test="${id}"] input`).first()
}

const CODE = 'E2E-NEW-0001'

test('creates a project with field validation', async () => {
  const { page } = b
  await withShot(page, 'project-create', async () => {
    await login(page, srv.base, 'city', 'city123')
    await page.goto(`${srv.base}/projects/new`)
    // Saving an empty form shows the messages at the fields.
    await page.click('[data-test=f-submit]')
    // The form validates its fields one by one: wait for each message rather than reading the
    // errors once the first appears (that raced on a busy machine).
    for (const text of ['项目编码不能为空', '项目名称不能为空']) {
      await page.locator('.el-form-item__error', { hasText: text }).first().waitFor({ timeout: 5000 })
    }

    await field(page, 'f-code').fill(CODE)
    await field(page, 'f-name').fill('端到端测试智能装备产业园')
    await pick(page, 'f-region', '高新区')
    await field(page, 'f-total').fill('1.23456')
    await page.click('[data-test=f-submit]')
    await page.locator('.el-form-item__error', { hasText: '4位小数' }).waitFor()
    await field(page, 'f-total').fill('52000.5')
    await field(page, 'f-plan').fill('12000')
    await page.click('[data-test=f-submit]')
    await page.waitForURL(new RegExp(`/projects/${CODE}$`))
    await page.locator('[data-test=project-name]', { hasText: '端到端测试智能装备产业园' }).waitFor()
    assert.match(await page.locator('[data-test=project-stage]').innerText(), /线索/)
    assert.match(await page.locator('.el-descriptions').nth(1).innerText(), /5\.20亿元/)
  })
})

test('advances the project from its page, asking the date', async () => {
  const { page } = b
  await withShot(page, 'project-advance', async () => {
    await page.goto(`${srv.base}/projects/${CODE}`)
    await page.click('[data-test=advance]')
    const dlg = page.locator('.stage-dialog')
    await dlg.waitFor()
    const date = dlg.locator('.el-date-editor input').first()
    await date.fill('2024-01-15')
    await date.press('Enter')
    await dlg.locator('[data-test=stage-confirm]').click()
    await page.locator('[data-test=project-stage]', { hasText: '在谈' }).waitFor()
    assert.match(await page.locator('[data-test=timeline]').innerText(), /2024年1月15日/)
  })
})

test('advances the project by dragging its card on the kanban', async () => {
  const { page } = b
  await withShot(page, 'project-kanban', async () => {
    await page.goto(`${srv.base}/projects?view=kanban&q=${CODE}`)
    const card = page.locator(`.kcard[data-code="${CODE}"]`)
    await card.waitFor()
    assert.equal(await card.evaluate((el) => el.closest('[data-stage]').dataset.stage), 'negotiating')
    await card.dragTo(page.locator('.col[data-stage=signed] .col-body'))
    const dlg = page.locator('.stage-dialog')
    await dlg.waitFor()
    const date = dlg.locator('.el-date-editor input').first()
    await date.fill('2024-02-22')
    await date.press('Enter')
    await dlg.locator('[data-test=stage-confirm]').click()
    await page.locator(`.col[data-stage=signed] .kcard[data-code="${CODE}"]`).waitFor()

    // The history keeps both moves, with who made them.
    await page.goto(`${srv.base}/projects/${CODE}`)
    assert.match(await page.locator('[data-test=timeline]').innerText(), /2024年2月22日/)
    assert.match(await page.locator('[data-test=timeline]').innerText(), /历时38天/)
    await page.getByRole('tab', { name: /变更记录/ }).click()
    const hist = await page.locator('[data-test=history]').innerText()
    assert.match(hist, /city/)
  })
})

test('refuses to skip a stage, with the reason', async () => {
  const { page } = b
  await withShot(page, 'project-skip', async () => {
    await page.goto(`${srv.base}/projects?view=kanban&q=${CODE}`)
    const card = page.locator(`.kcard[data-code="${CODE}"]`)
    await card.waitFor()
    await card.dragTo(page.locator('.col[data-stage=started] .col-body'))
    const dlg = page.locator('.stage-dialog')
    await dlg.waitFor()
    assert.match(await dlg.locator('[data-test=stage-error]').innerText(), /立项/)
    await dlg.getByRole('button', { name: '取消' }).click()
  })
})
