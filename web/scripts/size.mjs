// Reports the gzipped size of the JavaScript a first visit loads: the entry
// script of dist/index.html and every module it preloads. Exits non-zero
// above the budget (400 KB gzipped).
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const srcs = new Set()
for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) srcs.add(m[1])
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) srcs.add(m[1])
let raw = 0
let gz = 0
for (const s of srcs) {
  const b = readFileSync(join(dist, s.replace(/^\//, '')))
  raw += b.length
  gz += gzipSync(b, { level: 9 }).length
}
let css = 0
for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) css += gzipSync(readFileSync(join(dist, m[1].replace(/^\//, '')))).length
const kb = (n) => (n / 1024).toFixed(1) + ' KB'
console.log(`initial JS: ${srcs.size} files, ${kb(raw)} raw, ${kb(gz)} gzipped; initial CSS ${kb(css)} gzipped`)
if (gz > 400 * 1024) {
  console.error('initial JS is over the 400 KB gzipped budget')
  process.exit(1)
}
