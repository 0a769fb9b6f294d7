// A project's attachments: upload a site photo and an agreement, see the
// thumbnail, preview both, download the photo byte for byte, delete it and undo.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { startServer, apiLogin } from './lib/server.mjs'
import { openBrowser, withShot, login } from './lib/browser.mjs'

let srv
let b
let code
let before0 // attachments the project had (the demo gives some projects a site photo)
before(async () => {
  srv = await startServer()
  b = await openBrowser()
  const city = await apiLogin(srv.api, 'city', 'city123')
  const res = await city.get('/projects?page_size=1&sort=code')
  assert.equal(res.status, 200, res.text)
  code = res.json.items[0].code
  before0 = (await city.get(`/projects/${encodeURIComponent(code)}/attachments`)).json.items.length
})
after(async () => {
  await b?.close()
  await srv?.stop()
})

/** A real 32×32 PNG (a red square on white), built by hand: no image library needed. */
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const x of buf) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const size = 32
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const rows = []
  for (let y = 0; y < size; y++) {
    const row = [0]
    for (let x = 0; x < size; x++) {
      const red = x > 7 && x < 24 && y > 7 && y < 24
      row.push(red ? 220 : 255, red ? 38 : 255, red ? 38 : 255)
    }
    rows.push(Buffer.from(row))
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const PHOTO = png()

function row(page, name) {
  return page.locator('[data-test=attach-table] .el-table__body tr', { hasText: name })
}

async function upload(page, kind, name, mimeType, buffer) {
  await page.locator(`[data-test=attach-kind-${kind}]`).click()
  await page.locator('[data-test=attach-upload] input[type=file]').setInputFiles({ name, mimeType, buffer })
  await row(page, name).waitFor()
}

test('uploads a photo and an agreement, previews and downloads them', async () => {
  const { page, ctx } = b
  await withShot(page, 'attachments-upload', async () => {
    await login(page, srv.base, 'city', 'city123')
    await page.goto(`${srv.base}/projects/${encodeURIComponent(code)}`)
    await page.locator('#tab-attachments').click()
    await page.locator('[data-test=attach-table]').waitFor()

    await upload(page, 'photo', '现场照片.png', 'image/png', PHOTO)
    await upload(page, 'agreement', '投资协议.pdf', 'application/pdf', PDF)
    assert.equal(await page.locator('#tab-attachments').innerText(), `附件 (${before0 + 2})`)

    const photo = row(page, '现场照片.png')
    const text = await photo.innerText()
    assert.match(text, /现场照片/) // the kind
    assert.match(text, /市投资促进局/) // the uploader (the demo's city user)
    assert.match(text, /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
    assert.match(text, /\d+(\.\d)? (B|KB)/)
    assert.match(await row(page, '投资协议.pdf').innerText(), /协议/)

    // The thumbnail is the image itself, loaded from the server.
    const thumb = photo.locator('[data-test=attach-thumb]')
    await page.waitForFunction((el) => el.complete && el.naturalWidth === 32, await thumb.elementHandle())

    // Preview the photo in the viewer.
    await thumb.click()
    const viewer = page.locator('.el-image-viewer__wrapper')
    await viewer.waitFor()
    assert.match(await viewer.locator('img').first().getAttribute('src'), /\/api\/v1\/attachments\/\d+\?inline=1$/)
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'detached' })

    // Preview the agreement: a new tab on the inline URL, served inline.
    const [tab] = await Promise.all([ctx.waitForEvent('page'), row(page, '投资协议.pdf').locator('[data-test=attach-preview]').click()])
    assert.match(tab.url(), /\/api\/v1\/attachments\/\d+\?inline=1$/)
    const inline = await page.request.get(tab.url())
    assert.equal(inline.status(), 200)
    assert.equal(inline.headers()['content-type'], 'application/pdf')
    assert.match(inline.headers()['content-disposition'], /^inline; .*filename\*=UTF-8''%E6%8A%95%E8%B5%84%E5%8D%8F%E8%AE%AE\.pdf/)
    assert.deepEqual(Buffer.from(await inline.body()), PDF)
    await tab.close()

    // Download the photo: the same bytes, under its Chinese name.
    const [download] = await Promise.all([page.waitForEvent('download'), photo.locator('[data-test=attach-download]').click()])
    assert.equal(download.suggestedFilename(), '现场照片.png')
    assert.deepEqual(readFileSync(await download.path()), PHOTO)
  })
})

test('deletes an attachment and undoes the delete', async () => {
  const { page } = b
  await withShot(page, 'attachments-delete', async () => {
    await row(page, '现场照片.png').locator('[data-test=attach-delete]').click()
    await page.locator('[data-test=attach-deleted]').waitFor()
    await row(page, '现场照片.png').waitFor({ state: 'detached' })
    assert.equal(await page.locator('#tab-attachments').innerText(), `附件 (${before0 + 1})`)

    await page.locator('[data-test=attach-undo]').click()
    await row(page, '现场照片.png').waitFor()
    await page.locator('.el-message', { hasText: '已恢复“现场照片.png”' }).waitFor()
    assert.equal(await page.locator('#tab-attachments').innerText(), `附件 (${before0 + 2})`)

    // The server agrees, and the project's history tells the story.
    const city = await apiLogin(srv.api, 'city', 'city123')
    const list = await city.get(`/projects/${encodeURIComponent(code)}/attachments`)
    assert.deepEqual(list.json.items.slice(0, 2).map((a) => a.file_name), ['投资协议.pdf', '现场照片.png'])
    assert.equal(list.json.items.length, before0 + 2)
    await page.locator('#tab-history').click()
    const hist = await page.locator('[data-test=history]').innerText()
    for (const s of ['上传附件', '删除附件', '恢复附件', '现场照片：现场照片.png', '协议：投资协议.pdf']) assert.ok(hist.includes(s), `history lacks ${s}:\n${hist}`)
  })
})
