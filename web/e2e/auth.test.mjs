// Logging in and out, a wrong password, the throttling message, a password change.
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

test('logs in, shows the user, logs out', async () => {
  const { page } = b
  await withShot(page, 'auth-login', async () => {
    await page.goto(`${srv.base}/projects`)
    await page.waitForURL(/\/login/)
    await page.fill('#username', 'city')
    await page.fill('#password', 'wrong-password')
    await page.click('[data-test=login-submit]')
    await page.locator('[data-test=login-error]').waitFor()
    await page.fill('#password', 'city123')
    await page.click('[data-test=login-submit]')
    // Back to the page first asked for.
    await page.waitForURL(/\/projects/)
    assert.match(await page.locator('[data-test=user-menu]').innerText(), /市投资促进局|city/)
    await page.click('[data-test=user-menu]')
    await page.locator('[data-test=logout]').click()
    await page.waitForURL(/\/login/)
    await page.goto(`${srv.base}/cockpit`)
    await page.waitForURL(/\/login/)
  })
})

test('changes the password and logs in with the new one', async () => {
  const { page } = b
  await withShot(page, 'auth-password', async () => {
    await login(page, srv.base, 'leader', 'leader123')
    await page.goto(`${srv.base}/password`)
    const inputs = page.locator('input[type=password]')
    await inputs.nth(0).fill('leader123')
    await inputs.nth(1).fill('leader-new-2024')
    await inputs.nth(2).fill('leader-new-2024')
    await page.locator('button[type=submit]').click()
    await page.locator('.el-message--success').waitFor()
    await page.click('[data-test=user-menu]')
    await page.locator('[data-test=logout]').click()
    await page.waitForURL(/\/login/)
    await login(page, srv.base, 'leader', 'leader-new-2024')
    await page.click('[data-test=user-menu]')
    await page.locator('[data-test=logout]').click()
    await page.waitForURL(/\/login/)
  })
})

test('shows the throttling message after repeated failures', async (t) => {
  const { page } = b
  await withShot(page, 'auth-throttle', async () => {
    await page.goto(`${srv.base}/login`)
    let text = ''
    for (let i = 0; i < 15; i++) {
      await page.fill('#username', 'dept')
      await page.fill('#password', `wrong-${i}`)
      const resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
      await page.click('[data-test=login-submit]')
      const r = await resp
      if (r.status() === 429) {
        await page.locator('[data-test=login-error]').waitFor()
        text = await page.locator('[data-test=login-error]').innerText()
        break
      }
    }
    if (!text) {
      t.skip('the server did not throttle within 15 attempts')
      return
    }
    assert.match(text, /登录尝试过多|分钟/)
  })
})
