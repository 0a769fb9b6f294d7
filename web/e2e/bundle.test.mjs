// The first visit loads at most 400 KB of gzipped JavaScript; charts are lazy.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')

test('initial JS is under 400 KB gzipped and leaves ECharts out', (t) => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const files = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1])
  let gz = 0
  for (const f of files) {
    const b = readFileSync(join(dist, f.replace(/^\//, '')))
    gz += gzipSync(b, { level: 9 }).length
    assert.ok(!b.includes('registerMap') || !/echarts/.test(f), `${f} carries ECharts`)
  }
  t.diagnostic(`initial JS ${(gz / 1024).toFixed(1)} KB gzipped in ${files.length} files`)
  assert.ok(gz < 400 * 1024)
  assert.ok(!files.some((f) => /echarts/.test(f)))
  // The map shapes ship with the binary, with their licence.
  const maps = readdirSync(join(dist, 'maps'))
  assert.ok(maps.includes('370700.json') && maps.some((m) => m.startsWith('LICENSE')))
})

test('the build carries no reference to another host', () => {
  const assets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f))
  for (const f of assets) {
    const s = readFileSync(join(dist, 'assets', f), 'utf8')
    // URLs in licence comments and XML namespaces are fine; fetched resources are not.
    const hits = [...s.matchAll(/(?:url\(|src=|href=|fetch\()\s*["']?(https?:\/\/[^"')\s]+)/g)].map((m) => m[1])
    assert.deepEqual(hits, [], `${f} loads ${hits.join(', ')}`)
  }
})
