// Serves dist/ with the SPA fallback and forwards /api and /healthz to a
// running zhaoyin server — to try a fresh build against a server that was
// built before it:  node scripts/serve-dist.mjs 8092 http://127.0.0.1:8080
import { createServer, request } from 'node:http'
import { readFileSync, existsSync, statSync } from 'node:fs'
import { join, dirname, extname } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const port = Number(process.argv[2] || 8092)
const target = new URL(process.argv[3] || 'http://127.0.0.1:8080')
const MIME = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8' }

createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname
  if (path.startsWith('/api/') || path === '/healthz') {
    const headers = { ...req.headers, host: target.host }
    if (headers.origin) headers.origin = target.origin
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode, r.headers)
      r.pipe(res)
    })
    up.on('error', () => {
      res.writeHead(502)
      res.end()
    })
    req.pipe(up)
    return
  }
  let f = join(dist, path)
  if (!f.startsWith(dist) || !existsSync(f) || statSync(f).isDirectory()) f = join(dist, 'index.html')
  res.writeHead(200, { 'Content-Type': MIME[extname(f)] || 'application/octet-stream' })
  res.end(readFileSync(f))
}).listen(port, '127.0.0.1', () => console.log(`dist on http://127.0.0.1:${port} → ${target.origin}`))
