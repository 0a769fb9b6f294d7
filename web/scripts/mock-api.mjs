// A stand-in for the Go server, for working on the UI without it:
//   node scripts/mock-api.mjs [port]   (serves dist/ and a fake /api/v1)
// It follows shared/API.md loosely, with generated data for Weifang. It is a
// development aid only: the e2e tests always run against the real binary.
import { createServer } from 'node:http'
import { readFileSync, existsSync, statSync } from 'node:fs'
import { join, dirname, extname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const dist = join(here, '..', 'dist')
const port = Number(process.argv[2] || 8090)

const CITY = { code: '370700', name: '潍坊市', parent_code: '370000', kind: 'city' }
const UNITS = [
  ['370705', '奎文区'], ['370702', '潍城区'], ['370704', '坊子区'], ['370703', '寒亭区'], ['370781', '青州市'],
  ['370782', '诸城市'], ['370783', '寿光市'], ['370784', '安丘市'], ['370785', '高密市'], ['370786', '昌邑市'],
  ['370724', '临朐县'], ['370725', '昌乐县'], ['370771', '高新区'], ['370772', '滨海区'], ['370773', '保税区'], ['370774', '峡山区'],
].map(([code, name]) => ({ code, name, parent_code: '370700', kind: code.startsWith('37077') ? 'zone' : 'county' }))
const REGIONS = [CITY, ...UNITS]
const USERS = {
  admin: { username: 'admin', display_name: '系统管理员', role: 'admin', region_code: '', region_name: '', password: 'admin123' },
  city: { username: 'city', display_name: '市投资促进局', role: 'city', region_code: '370700', region_name: '潍坊市', password: 'city123' },
  gaoxin: { username: 'gaoxin', display_name: '高新区招商局', role: 'district', region_code: '370771', region_name: '高新区', password: 'gaoxin123' },
  leader: { username: 'leader', display_name: '市领导', role: 'leader', region_code: '370700', region_name: '潍坊市', password: 'leader123' },
}
const STAGES = ['lead', 'negotiating', 'signed', 'approved', 'started', 'producing', 'achieved']
const DATE_F = { negotiating: 'negotiating_on', signed: 'signed_on', approved: 'approved_on', started: 'started_on', producing: 'producing_on', achieved: 'achieved_on' }
const CHAINS = ['高端装备', '高端化工', '新材料', '生物医药', '磁悬浮', '现代农业', '新一代信息技术']
const TYPES = ['industrial', 'industrial', 'industrial', 'platform', 'social', 'infrastructure']

let seed = 7
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
const pad = (n) => String(n).padStart(2, '0')
const projects = []
for (let i = 1; i <= 120; i++) {
  const unit = UNITS[Math.floor(rnd() * UNITS.length)]
  const si = Math.floor(rnd() * 7)
  const p = {
    code: `WF2026-${String(i).padStart(3, '0')}`,
    name: `${unit.name}${CHAINS[i % CHAINS.length]}项目${i}`,
    region_code: unit.code,
    region_name: unit.name,
    type: TYPES[i % TYPES.length],
    chain: CHAINS[i % CHAINS.length],
    chain_node: '',
    manufacturing: i % 3 !== 0,
    capital_source: ['in_province', 'out_of_province', 'foreign', 'hk_macao_taiwan'][i % 4],
    total_investment_yuan: Math.round(rnd() * 500) * 1000000 + 50000000,
    annual_plan_yuan: Math.round(rnd() * 100) * 1000000,
    signed_amount_yuan: 0,
    stage: STAGES[si],
    tags: i % 4 === 0 ? ['市重点项目'] : i % 5 === 0 ? ['省重大项目', '新经济新产业'] : [],
    batches: i % 6 === 0 ? ['2026年春季全市重大项目集中开工'] : [],
    investors: [{ name: `潍坊某某实业有限公司${i}`, uscc: '' }],
    version: 1,
    created_at: '2026-01-05T08:00:00Z',
    updated_at: '2026-03-05T08:00:00Z',
    drop_reason: '',
    dropped_on: '',
  }
  let m = 1 + Math.floor(rnd() * 3)
  let y = rnd() < 0.4 ? 2025 : 2026
  for (let s = 1; s <= si; s++) {
    p[DATE_F[STAGES[s]]] = `${y}-${pad(m)}-${pad(1 + Math.floor(rnd() * 27))}`
    m += 1
    if (m > 10) break
  }
  for (const f of Object.values(DATE_F)) p[f] = p[f] || ''
  projects.push(p)
}

const sessions = new Map()
let audit = []

function send(res, status, body, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type })
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body))
}

function scopeOf(user) {
  if (!user || user.role === 'admin' || !user.region_code) return null
  return user.region_code
}
function inRegion(p, code) {
  if (!code) return true
  if (code === '370700') return true
  return p.region_code === code
}

function filterProjects(q, user) {
  let items = projects.filter((p) => inRegion(p, scopeOf(user)) && inRegion(p, q.get('region')))
  const eq = (k, f = k) => {
    const v = q.get(k)
    if (v) items = items.filter((p) => p[f] === v)
  }
  eq('stage')
  eq('type')
  eq('chain')
  if (q.get('tag')) items = items.filter((p) => p.tags.includes(q.get('tag')))
  if (q.get('batch')) items = items.filter((p) => p.batches.includes(q.get('batch')))
  if (q.get('q')) items = items.filter((p) => p.name.includes(q.get('q')) || p.code.includes(q.get('q')))
  if (q.get('min_investment_yuan')) items = items.filter((p) => p.total_investment_yuan >= Number(q.get('min_investment_yuan')))
  if (q.get('max_investment_yuan')) items = items.filter((p) => p.total_investment_yuan <= Number(q.get('max_investment_yuan')))
  if (q.get('signed_from')) items = items.filter((p) => p.signed_on && p.signed_on >= q.get('signed_from'))
  if (q.get('signed_to')) items = items.filter((p) => p.signed_on && p.signed_on <= q.get('signed_to'))
  const sort = q.get('sort') || '-updated_at'
  const k = sort.replace(/^-/, '')
  const dir = sort.startsWith('-') ? -1 : 1
  items = [...items].sort((a, b) => (a[k] > b[k] ? dir : a[k] < b[k] ? -dir : 0))
  return items
}

function summary(items, from, to) {
  const inP = (d) => d && d >= from && d <= to
  const signed = items.filter((p) => inP(p.signed_on))
  return {
    signed: { count: signed.length, amount_yuan: signed.reduce((a, p) => a + (p.signed_amount_yuan || p.total_investment_yuan), 0), manufacturing_count: signed.filter((p) => p.manufacturing).length, manufacturing_amount_yuan: 0 },
    approved: { count: items.filter((p) => inP(p.approved_on)).length },
    started: { count: items.filter((p) => inP(p.started_on)).length, manufacturing_count: items.filter((p) => inP(p.started_on) && p.manufacturing).length },
    producing: { count: items.filter((p) => inP(p.producing_on)).length },
    funds: { arrived_yuan: 1234500000 * (from.startsWith('2026') ? 1.1 : 1), prev_year_arrived_yuan: 1234500000, yoy_pct: 10.2, manufacturing_arrived_yuan: 800000000, out_of_province_arrived_yuan: 370000000 },
    fixed_asset_invested_yuan: 2345600000,
  }
}

async function body(req) {
  const chunks = []
  for await (const c of req) chunks.push(c)
  const b = Buffer.concat(chunks)
  try {
    return JSON.parse(b.toString() || '{}')
  } catch {
    return b
  }
}

const MIME = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown' }

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  const path = url.pathname
  const q = url.searchParams
  const sid = /sid=(\w+)/.exec(req.headers.cookie || '')?.[1]
  const user = sid ? sessions.get(sid) : null
  if (path === '/healthz') return send(res, 200, 'ok', 'text/plain')
  if (!path.startsWith('/api/')) {
    let f = join(dist, path)
    if (!existsSync(f) || statSync(f).isDirectory()) f = join(dist, 'index.html')
    // As the Go server does: hashed build outputs are immutable.
    if (path.startsWith('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
    return send(res, 200, readFileSync(f), MIME[extname(f)] || 'application/octet-stream')
  }
  const api = path.slice('/api/v1'.length)
  if (api === '/auth/login' && req.method === 'POST') {
    const b = await body(req)
    const u = USERS[b.username]
    if (!u || u.password !== b.password) return send(res, b.username === 'locked' ? 429 : 401, { error: b.username === 'locked' ? '登录尝试过多，请 15 分钟后再试' : '用户名或密码错误' })
    const id = Math.random().toString(36).slice(2)
    sessions.set(id, u)
    res.setHeader('Set-Cookie', `sid=${id}; Path=/; HttpOnly`)
    return send(res, 200, { user: { ...u, password: undefined } })
  }
  if (!user) return send(res, 401, { error: '请先登录' })
  if (api === '/auth/me') return send(res, 200, { user: { ...user, password: undefined } })
  if (api === '/auth/logout') {
    sessions.delete(sid)
    res.writeHead(204)
    return res.end()
  }
  if (api === '/auth/password') {
    res.writeHead(204)
    return res.end()
  }
  if (api === '/dicts')
    return send(res, 200, {
      types: [{ value: 'industrial', label: '产业类' }, { value: 'platform', label: '平台类' }, { value: 'social', label: '社会事业类' }, { value: 'infrastructure', label: '基础设施类' }],
      stages: [],
      capital_sources: [],
      chains: CHAINS,
      tags: ['省重大项目', '市重点项目', '新经济新产业', '潍商回归'],
      batches: ['2026年春季全市重大项目集中开工'],
    })
  if (api === '/regions') {
    const parent = q.get('parent_code')
    return send(res, 200, { items: REGIONS.filter((r) => r.parent_code === parent) })
  }
  if (api.startsWith('/regions/')) {
    const r = REGIONS.find((x) => x.code === api.slice(9))
    return r ? send(res, 200, r) : send(res, 404, { error: '区域不存在' })
  }
  if (api === '/projects' && req.method === 'GET') {
    const items = filterProjects(q, user)
    const page = Number(q.get('page') || 1)
    const size = Number(q.get('page_size') || 20)
    return send(res, 200, { items: items.slice((page - 1) * size, page * size), total: items.length, page, page_size: size })
  }
  if (api === '/projects' && req.method === 'POST') {
    const b = await body(req)
    if (projects.some((p) => p.code === b.code)) return send(res, 422, { error: '项目编码已存在', fields: { code: '项目编码已存在' } })
    const p = { ...b, region_name: REGIONS.find((r) => r.code === b.region_code)?.name, version: 1, created_at: new Date().toISOString(), updated_at: new Date().toISOString() }
    projects.unshift(p)
    return send(res, 201, p)
  }
  if (api === '/projects/export') return send(res, 200, Buffer.from('PK'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  let m = /^\/projects\/([^/]+)(\/\w+)?$/.exec(api)
  if (m) {
    const p = projects.find((x) => x.code === decodeURIComponent(m[1]))
    if (!p || !inRegion(p, scopeOf(user))) return send(res, 404, { error: '项目不存在' })
    if (!m[2] && req.method === 'GET') return send(res, 200, p)
    if (!m[2] && req.method === 'PATCH') {
      const b = await body(req)
      if (b.version !== p.version) return send(res, 409, { error: '项目已被他人修改，请刷新后重试' })
      Object.assign(p, b, { version: p.version + 1 })
      return send(res, 200, p)
    }
    if (m[2] === '/stage') {
      const b = await body(req)
      const i = STAGES.indexOf(p.stage)
      if (b.stage !== 'dropped' && STAGES.indexOf(b.stage) !== i + 1) return send(res, 422, { error: '不能跳过阶段' })
      p.stage = b.stage
      if (DATE_F[b.stage]) p[DATE_F[b.stage]] = b.on
      p.version++
      audit.unshift({ at: new Date().toISOString(), username: user.username, action: 'project.stage', object: `project:${p.code}`, changes: [{ field: 'stage', before: STAGES[i], after: b.stage }] })
      return send(res, 200, p)
    }
    if (m[2] === '/history') return send(res, 200, { items: audit.filter((a) => a.object === `project:${p.code}`).reverse() })
    if (m[2] === '/progress') return send(res, 200, { items: [{ month: '2026-01', funds_arrived_yuan: 12000000, invested_yuan: 9000000, progress_text: '土地手续办理中' }, { month: '2026-02', funds_arrived_yuan: 30000000, invested_yuan: 21000000, progress_text: '主体施工' }] })
  }
  if (api === '/stats/summary') {
    const items = filterProjects(new URLSearchParams({ region: q.get('region') || '' }), user)
    return send(res, 200, summary(items, q.get('from'), q.get('to')))
  }
  if (api === '/stats/monthly') {
    const months = Array.from({ length: 12 }, (_, i) => `${q.get('year')}-${pad(i + 1)}`)
    return send(res, 200, {
      months,
      funds_arrived_yuan: months.map((_, i) => (i < 10 ? 80000000 + i * 9000000 : 0)),
      prev_year_funds_arrived_yuan: months.map((_, i) => 70000000 + i * 7000000),
      signed_count: months.map((_, i) => (i * 7) % 11),
      started_count: months.map((_, i) => (i * 5) % 7),
    })
  }
  if (api === '/stats/ranking') {
    if ((q.get('region') || '') !== '370700') return send(res, 200, { rows: [] })
    return send(res, 200, {
      rows: UNITS.map((u, i) => ({ key: u.code, name: u.name, signed_count: (i * 7) % 13, signed_amount_yuan: ((i * 37) % 50) * 100000000, started_count: (i * 5) % 9, funds_arrived_yuan: ((i * 53) % 40) * 100000000, invested_yuan: ((i * 29) % 30) * 100000000 })),
    })
  }
  if (api === '/stats/projects') {
    const g = q.get('group_by')
    const region = q.get('region') || ''
    const items = filterProjects(new URLSearchParams({ region }), user)
    const rows = new Map()
    const keyOf = (p) => (g === 'region' ? p.region_code : p[g === 'capital_source' ? 'capital_source' : g])
    if (g === 'region' && region !== '370700') return send(res, 200, { rows: [] })
    for (const p of items) {
      const k = keyOf(p)
      const r = rows.get(k) || { key: k, name: g === 'region' ? p.region_name : k, count: 0, total_investment_yuan: 0, annual_plan_yuan: 0 }
      r.count++
      r.total_investment_yuan += p.total_investment_yuan
      r.annual_plan_yuan += p.annual_plan_yuan
      rows.set(k, r)
    }
    return send(res, 200, { rows: [...rows.values()] })
  }
  if (api === '/reports/bulletin')
    return send(res, 200, `# ${q.get('year')}年潍坊市招商引资工作通报\n\n## 一、总体情况\n\n全市新签约项目1126个，新开工项目583个，到位资金1524亿元，增长10.2%。\n\n| 区县 | 项目数 | 总投资 |\n|---|---|---|\n| 奎文区 | 16个 | 81.8亿元 |\n\n<script>alert(1)</script>\n`, 'text/markdown; charset=utf-8')
  if (api === '/users') return send(res, 200, { items: Object.values(USERS).map((u, i) => ({ ...u, password: undefined, id: i + 1, created_at: '2026-01-01T00:00:00Z', disabled: false })) })
  if (api === '/audit') return send(res, 200, { items: audit, total: audit.length })
  if (api.startsWith('/imports/')) {
    if (api.endsWith('/template')) return send(res, 200, Buffer.from('PK'), 'application/octet-stream')
    return send(res, 422, { error: '第 3 行：签约日期无效（另有 1 处错误）', errors: [{ row: 3, column: '签约日期', message: '日期“2024-02-30”无效' }, { row: 4, column: '总投资(万元)', message: '总投资必须大于 0' }] })
  }
  send(res, 404, { error: '接口不存在' })
}).listen(port, '127.0.0.1', () => console.log(`mock on http://127.0.0.1:${port}`))
