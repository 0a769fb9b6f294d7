// A thin fetch wrapper over /api/v1. Errors become ApiError carrying the
// server's Chinese sentence, its per-cell import errors and per-field messages.
import type { CellError } from './types'

export const API_BASE = '/api/v1'

export class ApiError extends Error {
  status: number
  errors: CellError[]
  fields: Record<string, string>
  constructor(status: number, message: string, errors: CellError[] = [], fields: Record<string, string> = {}) {
    super(message)
    this.status = status
    this.errors = errors
    this.fields = fields
  }
}

type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>

/** Builds a query string, skipping empty values; arrays repeat the key. */
export function qs(q: Query = {}): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) {
    if (v === null || v === undefined || v === '') continue
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)))
    else p.append(k, String(v))
  }
  const s = p.toString()
  return s ? `?${s}` : ''
}

let onUnauthorized: (() => void) | null = null
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn
}

function fallbackMessage(status: number): string {
  switch (status) {
    case 400:
      return '请求有误，请检查填写的内容'
    case 401:
      return '登录已过期，请重新登录'
    case 403:
      return '没有权限执行此操作'
    case 404:
      return '记录不存在或无权查看'
    case 409:
      return '数据已被他人修改，请刷新后重试'
    case 413:
      return '文件过大'
    case 422:
      return '数据校验未通过'
    case 429:
      return '操作过于频繁，请稍后再试'
    default:
      return status >= 500 ? '服务器暂时无法处理请求，请稍后再试' : `请求失败（${status}）`
  }
}

export interface RequestOptions {
  method?: string
  body?: unknown
  query?: Query
  /** Do not redirect to the login page on 401 (used by the login/me calls). */
  quiet401?: boolean
  raw?: boolean
  signal?: AbortSignal
}

export async function request<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: BodyInit | undefined
  if (opts.body instanceof FormData) {
    body = opts.body
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  let res: Response
  try {
    res = await fetch(API_BASE + path + qs(opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError(0, '无法连接服务器，请检查网络')
  }
  if (!res.ok) {
    let data: { error?: string; errors?: CellError[]; fields?: Record<string, string> } = {}
    try {
      data = await res.json()
    } catch {
      /* not JSON */
    }
    if (res.status === 401 && !opts.quiet401 && onUnauthorized) onUnauthorized()
    throw new ApiError(res.status, data.error || fallbackMessage(res.status), data.errors ?? [], data.fields ?? {})
  }
  if (opts.raw) return res as unknown as T
  if (res.status === 204) return undefined as T
  const ct = res.headers.get('Content-Type') || ''
  if (ct.includes('application/json')) return (await res.json()) as T
  return (await res.text()) as unknown as T
}

export const api = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>(path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>(path, { ...opts, method: 'POST', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
}

/** Starts a browser download of a server file (export, templates) through a link. */
export function downloadUrl(path: string, query?: Query): string {
  return API_BASE + path + qs(query)
}

/** Saves text or a blob as a file. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
