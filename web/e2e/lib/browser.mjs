// Debian's chromium driven by playwright-core. Never downloads a browser.
import { chromium } from 'playwright-core'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts')
const EXE = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A fresh browser profile (playwright passes it as --user-data-dir). Any
 * request that would leave the loopback is recorded: the UI must not touch
 * the internet.
 */
export async function openBrowser({ viewport = { width: 1366, height: 768 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'zhaoyin-chromium-'))
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: EXE,
    headless: true,
    args: ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  })
  // Recorded, not intercepted: routing would switch off the HTTP cache and slow
  // every request, and there is no network to reach anyway.
  const external = []
  ctx.on('request', (req) => {
    const u = req.url()
    if (!/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:)/.test(u)) external.push(u)
  })
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  return {
    ctx,
    page,
    external,
    errors,
    async close() {
      await ctx.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Runs fn; on failure saves a full-page screenshot under e2e/artifacts/ before rethrowing. */
export async function withShot(page, name, fn) {
  try {
    return await fn()
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true })
    const file = join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`)
    try {
      await page.screenshot({ path: file, fullPage: true })
      e.message += `\n(screenshot: ${file})`
    } catch {
      /* page gone */
    }
    throw e
  }
}

export async function login(page, base, username, password) {
  await page.goto(`${base}/login`)
  await page.fill('#username', username)
  await page.fill('#password', password)
  await page.click('[data-test=login-submit]')
  await page.waitForURL(/\/cockpit/, { timeout: 15000 })
}
