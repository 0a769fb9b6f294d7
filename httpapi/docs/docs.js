// The API docs page: reads /api/v1/openapi.json and lists every operation with its
// parameters, request body and responses. No framework, no CDN; the DOM is built with
// textContent only, so nothing in the document can inject markup.
'use strict'

const METHODS = ['get', 'post', 'put', 'patch', 'delete']

function el(tag, attrs, ...children) {
  const e = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v
    else e.setAttribute(k, v)
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue
    e.append(c instanceof Node ? c : document.createTextNode(String(c)))
  }
  return e
}

let spec = null

function resolve(schema) {
  let s = schema
  const seen = new Set()
  while (s && s.$ref && !seen.has(s.$ref)) {
    seen.add(s.$ref)
    const name = s.$ref.replace('#/components/schemas/', '')
    s = (spec.components && spec.components.schemas && spec.components.schemas[name]) || {}
  }
  return s || {}
}

function refName(schema) {
  return schema && schema.$ref ? schema.$ref.replace('#/components/schemas/', '') : ''
}

function typeText(schema) {
  const s = resolve(schema)
  let t = s.type
  if (Array.isArray(t)) {
    const nonNull = t.filter((x) => x !== 'null')
    t = nonNull.join(' | ') + (t.includes('null') ? '，可为 null' : '')
  }
  if (!t && s.properties) t = 'object'
  if (!t) t = 'any'
  if (t === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) {
    t = t.replace('array', typeText(s.items || {}) + '[]')
  }
  const name = refName(schema) || (s.type === 'array' ? refName(s.items) : '')
  let out = t
  if (s.format) out += ' (' + s.format + ')'
  if (name) out = name + ' · ' + out
  return out
}

function constraints(schema) {
  const s = resolve(schema)
  const parts = []
  if (s.enum) parts.push('可选值：' + s.enum.map((x) => JSON.stringify(x)).join('、'))
  if (s.minimum !== undefined) parts.push('≥ ' + s.minimum)
  if (s.maximum !== undefined) parts.push('≤ ' + s.maximum)
  if (s.minLength !== undefined) parts.push('长度 ≥ ' + s.minLength)
  if (s.maxLength !== undefined) parts.push('长度 ≤ ' + s.maxLength)
  if (s.default !== undefined) parts.push('默认 ' + JSON.stringify(s.default))
  return parts.join('；')
}

function schemaTree(schema, depth, seen) {
  const s = resolve(schema)
  const ul = el('ul', { class: depth === 0 ? 'schema root' : 'schema' })
  const target = s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')) ? resolve(s.items || {}) : s
  const props = target.properties || {}
  const required = new Set(target.required || [])
  const name = refName(schema) || refName(s.items)
  if (depth > 6 || (name && seen.has(name))) return null
  const nextSeen = new Set(seen)
  if (name) nextSeen.add(name)
  for (const [key, ps] of Object.entries(props)) {
    const r = resolve(ps)
    const li = el('li', {},
      el('span', { class: 'prop' }, key), ' ',
      el('span', { class: 'type' }, typeText(ps)), ' ',
      required.has(key) ? el('span', { class: 'req' }, '必填') : null, ' ',
      r.description ? el('span', { class: 'doc' }, '— ' + r.description) : null,
    )
    const c = constraints(ps)
    if (c) li.append(' ', el('span', { class: 'enum' }, '（' + c + '）'))
    const child = resolve(r.type === 'array' || (Array.isArray(r.type) && r.type.includes('array')) ? r.items || {} : ps)
    if (child.properties && Object.keys(child.properties).length) {
      const sub = schemaTree(ps, depth + 1, nextSeen)
      if (sub) li.append(sub)
    }
    ul.append(li)
  }
  if (!ul.children.length) {
    ul.append(el('li', {}, el('span', { class: 'type' }, typeText(schema)), target.description ? ' — ' + target.description : ''))
  }
  return ul
}

function paramsTable(params) {
  const t = el('table', {}, el('tr', {}, el('th', {}, '参数'), el('th', {}, '位置'), el('th', {}, '类型'), el('th', {}, '说明')))
  for (const p of params) {
    const s = p.schema || {}
    const c = constraints(s)
    t.append(el('tr', {},
      el('td', {}, el('code', {}, p.name), p.required ? el('span', { class: 'req' }, ' 必填') : null),
      el('td', {}, p.in),
      el('td', {}, el('span', { class: 'type' }, typeText(s))),
      el('td', {}, p.description || resolve(s).description || '', c ? el('div', { class: 'enum' }, c) : null),
    ))
  }
  return t
}

function content(c) {
  const box = el('div', {})
  for (const [type, media] of Object.entries(c || {})) {
    box.append(el('div', {}, el('code', {}, type)))
    if (media.schema) {
      const tree = schemaTree(media.schema, 0, new Set())
      if (tree) box.append(tree)
    }
  }
  return box
}

function operation(method, path, op, id) {
  const secured = !(op.security && op.security.length === 1 && Object.keys(op.security[0]).length === 0)
  const d = el('details', { class: 'op', id },
    el('summary', {},
      el('span', { class: 'method ' + method.toUpperCase() }, method.toUpperCase()),
      el('span', { class: 'path' }, path),
      el('span', { class: 'summary' }, op.summary || ''),
      el('span', { class: 'lock' }, secured ? '需登录' : '无需登录'),
    ),
  )
  const body = el('div', { class: 'body' })
  if (op.description) body.append(el('p', {}, op.description))
  if (op.parameters && op.parameters.length) body.append(el('h4', {}, '参数'), paramsTable(op.parameters))
  if (op.requestBody) body.append(el('h4', {}, '请求体'), content(op.requestBody.content))
  body.append(el('h4', {}, '响应'))
  for (const [status, r] of Object.entries(op.responses || {})) {
    body.append(el('div', { class: 'resp' }, el('span', { class: 'status' }, status), ' ', r.description || ''))
    if (r.content) body.append(content(r.content))
  }
  d.append(body)
  return d
}

function render() {
  const server = (spec.servers && spec.servers[0] && spec.servers[0].url) || ''
  document.getElementById('title').textContent = (spec.info && spec.info.title) || '接口文档'
  document.getElementById('desc').textContent = (spec.info && spec.info.description) || ''
  document.getElementById('server').textContent = server || '/'
  const byTag = new Map()
  const tagDoc = new Map()
  for (const t of spec.tags || []) {
    byTag.set(t.name, [])
    tagDoc.set(t.name, t.description || '')
  }
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const m of METHODS) {
      const op = item[m]
      if (!op) continue
      const tag = (op.tags && op.tags[0]) || '其他'
      if (!byTag.has(tag)) byTag.set(tag, [])
      byTag.get(tag).push({ method: m, path: server + path, op })
    }
  }
  const main = document.getElementById('ops')
  const toc = document.getElementById('toc')
  main.textContent = ''
  toc.textContent = ''
  let n = 0
  for (const [tag, ops] of byTag) {
    if (!ops.length) continue
    const section = el('section', { 'data-tag': tag }, el('h2', { class: 'tag' }, tag))
    if (tagDoc.get(tag)) section.append(el('p', { class: 'doc' }, tagDoc.get(tag)))
    toc.append(el('h3', {}, tag))
    for (const { method, path, op } of ops) {
      const id = 'op-' + n++
      const node = operation(method, path, op, id)
      node.dataset.search = (tag + ' ' + method + ' ' + path + ' ' + (op.summary || '') + ' ' + (op.operationId || '')).toLowerCase()
      section.append(node)
      const a = el('a', { href: '#' + id }, method.toUpperCase() + ' ' + path.replace(server, ''))
      a.dataset.target = id
      a.addEventListener('click', () => { node.open = true })
      toc.append(a)
    }
    main.append(section)
  }
}

function applyFilter() {
  const q = document.getElementById('filter').value.trim().toLowerCase()
  for (const op of document.querySelectorAll('details.op')) {
    op.style.display = !q || op.dataset.search.includes(q) ? '' : 'none'
  }
  for (const sec of document.querySelectorAll('section[data-tag]')) {
    const any = [...sec.querySelectorAll('details.op')].some((d) => d.style.display !== 'none')
    sec.style.display = any ? '' : 'none'
  }
  for (const a of document.querySelectorAll('#toc a')) {
    const target = document.getElementById(a.dataset.target)
    a.style.display = target && target.style.display !== 'none' ? '' : 'none'
  }
}

async function main() {
  try {
    const res = await fetch('/api/v1/openapi.json', { headers: { Accept: 'application/json' } })
    if (!res.ok) throw new Error('HTTP ' + res.status)
    spec = await res.json()
    render()
    document.getElementById('filter').addEventListener('input', applyFilter)
    if (location.hash) {
      const target = document.querySelector(location.hash)
      if (target) { target.open = true; target.scrollIntoView() }
    }
  } catch (e) {
    const main = document.getElementById('ops')
    main.textContent = ''
    main.append(el('p', { class: 'error' }, '无法加载接口说明（' + e.message + '）。'))
  }
}

document.addEventListener('DOMContentLoaded', main)
