// Builds and starts the real zhaoyin binary for a test file, on a free
// loopback port with a fresh demo database, and stops it afterwards.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from 'node:net'
import { createServer as createHttpServer, request } from 'node:http'
import { readFileSync, statSync } from 'node:fs'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const BIN = process.env.ZHAOYIN_E2E_BIN || '/tmp/zhaoyin-e2e'

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer()
    s.unref()
    s.on('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
  })
}

let built = false
/** go build -o /tmp/zhaoyin-e2e ./cmd/zhaoyin, once per process (Go's cache makes repeats cheap). */
export function buildBinary() {
  if (built || process.env.ZHAOYIN_E2E_BIN) return BIN
  execFileSync('go', ['build', '-o', BIN, './cmd/zhaoyin'], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] })
  built = true
  return BIN
}

export async function startServer() {
  // ZHAOYIN_E2E_BASE=http://… runs against a server already up (a dev server or
  // scripts/mock-api.mjs) instead of building and starting the binary.
  if (process.env.ZHAOYIN_E2E_BASE) {
    const dir = mkdtempSync(join(tmpdir(), 'zhaoyin-e2e-'))
    return { base: process.env.ZHAOYIN_E2E_BASE, api: process.env.ZHAOYIN_E2E_BASE, dir, log: () => '', stop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const bin = buildBinary()
  if (!existsSync(bin)) throw new Error(`no binary at ${bin}`)
  const dir = mkdtempSync(join(tmpdir(), 'zhaoyin-e2e-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let log = ''
  const proc = spawn(bin, ['serve', '--demo', '--addr', `127.0.0.1:${port}`, '--db', join(dir, 'z.db')], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ZHAOYIN_DB: '' },
  })
  proc.stdout.on('data', (d) => (log += d))
  proc.stderr.on('data', (d) => (log += d))
  let exited = null
  proc.on('exit', (code) => (exited = code))
  const deadline = Date.now() + 60000
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited}:\n${log}`)
    try {
      const r = await fetch(`${base}/healthz`)
      if (r.ok) break
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL')
      throw new Error(`server did not become healthy in 60 s:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  // ZHAOYIN_E2E_FRONT=1 puts web/dist in front of the binary (for a binary that
  // does not embed the UI yet, or to try a new build without rebuilding Go).
  let front = null
  let url = base
  if (process.env.ZHAOYIN_E2E_FRONT) {
    front = await frontFor(base)
    url = front.url
  }
  return {
    base: url,
    api: base,
    dir,
    log: () => log,
    async stop() {
      if (front) await new Promise((r) => front.server.close(r))
      if (exited === null) {
        proc.kill('SIGTERM')
        await Promise.race([new Promise((r) => proc.once('exit', r)), new Promise((r) => setTimeout(r, 5000))])
        if (exited === null) proc.kill('SIGKILL')
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A logged-in API client (cookie session) for arranging and checking data. */
export async function apiLogin(base, username, password) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ username, password }),
  })
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`)
  const cookie = (r.headers.getSetCookie?.() ?? [r.headers.get('set-cookie')]).filter(Boolean).map((c) => c.split(';')[0]).join('; ')
  const call = async (method, path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, Origin: base, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    let json = null
    try {
      json = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, text }
  }
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b), patch: (p, b) => call('PATCH', p, b) }
}

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist')
const MIME = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.txt': 'text/plain' }

async function frontFor(target) {
  const t = new URL(target)
  const port = await freePort()
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname
    if (path.startsWith('/api/') || path === '/healthz') {
      const headers = { ...req.headers, host: t.host }
      if (headers.origin) headers.origin = t.origin
      if (headers.referer) headers.referer = t.origin + '/'
      const up = request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers }, (r) => {
        res.writeHead(r.statusCode, r.headers)
        r.pipe(res)
      })
      up.on('error', () => res.writeHead(502).end())
      req.pipe(up)
      return
    }
    let f = join(DIST, path)
    try {
      if (!f.startsWith(DIST) || !statSync(f).isFile()) f = join(DIST, 'index.html')
    } catch {
      f = join(DIST, 'index.html')
    }
    const ext = f.slice(f.lastIndexOf('.'))
    res.writeHead(200, { 'Content-Type': MIME[ext] || 'application/octet-stream' })
    res.end(readFileSync(f))
  })
  await new Promise((r) => server.listen(port, '127.0.0.1', r))
  return { server, url: `http://127.0.0.1:${port}` }
}
