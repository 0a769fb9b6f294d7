// A small .xlsx reader and writer, enough to show an uploaded sheet with the
// server's bad cells highlighted and to send back a corrected copy. The reader
// inflates with the browser's DecompressionStream; the writer stores without
// compression. Neither needs a library.

export interface Sheet {
  /** Spreadsheet row number (1-based) → cells by column index (0-based). */
  rows: { row: number; cells: string[] }[]
  header: string[]
}

// ---------------------------------------------------------------- zip read

interface ZipEntry {
  name: string
  method: number
  compSize: number
  offset: number
}

function u16(b: Uint8Array, o: number) {
  return b[o] | (b[o + 1] << 8)
}
function u32(b: Uint8Array, o: number) {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
}

function zipEntries(b: Uint8Array): ZipEntry[] {
  let eocd = -1
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('不是有效的 .xlsx 文件')
  const count = u16(b, eocd + 10)
  let p = u32(b, eocd + 16)
  const out: ZipEntry[] = []
  const dec = new TextDecoder()
  for (let i = 0; i < count; i++) {
    if (u32(b, p) !== 0x02014b50) throw new Error('不是有效的 .xlsx 文件')
    const method = u16(b, p + 10)
    const compSize = u32(b, p + 20)
    const nameLen = u16(b, p + 28)
    const extraLen = u16(b, p + 30)
    const commentLen = u16(b, p + 32)
    const offset = u32(b, p + 42)
    const name = dec.decode(b.subarray(p + 46, p + 46 + nameLen))
    out.push({ name, method, compSize, offset })
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const ds = new DecompressionStream('deflate-raw')
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(ds)
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

async function readEntry(b: Uint8Array, e: ZipEntry): Promise<string> {
  const nameLen = u16(b, e.offset + 26)
  const extraLen = u16(b, e.offset + 28)
  const start = e.offset + 30 + nameLen + extraLen
  const raw = b.subarray(start, start + e.compSize)
  const data = e.method === 0 ? raw : e.method === 8 ? await inflateRaw(raw) : null
  if (!data) throw new Error('不支持的压缩格式')
  return new TextDecoder().decode(data)
}

// ---------------------------------------------------------------- xml bits

export function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      case 'amp':
        return '&'
      case 'quot':
        return '"'
      case 'apos':
        return "'"
    }
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
  })
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
}

function texts(xml: string): string {
  let out = ''
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g
  let m: RegExpExecArray | null
  while ((m = re.exec(xml))) out += m[1] ? unescapeXml(m[1]) : ''
  return out
}

/** "AB" → 27 (0-based column index). */
export function colIndex(letters: string): number {
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}
export function colLetters(i: number): string {
  let s = ''
  let n = i + 1
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** Excel serial day → YYYY-MM-DD (1900 date system). */
export function serialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000)
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`
}

// ---------------------------------------------------------------- sheet

export function parseSheetXml(xml: string, shared: string[]): Sheet {
  const rows: { row: number; cells: string[] }[] = []
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g
  let rm: RegExpExecArray | null
  let nextRow = 1
  while ((rm = rowRe.exec(xml))) {
    const rAttr = /\br="(\d+)"/.exec(rm[1])
    const rowNum = rAttr ? Number(rAttr[1]) : nextRow
    nextRow = rowNum + 1
    const cells: string[] = []
    const body = rm[2] || ''
    const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g
    let cm: RegExpExecArray | null
    let nextCol = 0
    while ((cm = cellRe.exec(body))) {
      const attrs = cm[1]
      const ref = /\br="([A-Z]+)\d+"/.exec(attrs)
      const ci = ref ? colIndex(ref[1]) : nextCol
      nextCol = ci + 1
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n'
      const inner = cm[2] || ''
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1]
      let val = ''
      if (type === 's') val = v !== undefined ? shared[Number(v)] ?? '' : ''
      else if (type === 'inlineStr') val = texts(inner)
      else if (type === 'b') val = v === '1' ? 'TRUE' : 'FALSE'
      else val = v !== undefined ? unescapeXml(v) : ''
      cells[ci] = val
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = ''
    rows.push({ row: rowNum, cells })
  }
  const header = (rows.find((r) => r.row === 1) ?? rows[0])?.cells.map((h) => h.trim()) ?? []
  // Dates typed into Excel arrive as serial numbers; show them as the server reads them.
  const dateCols = header.map((h, i) => (/日期$/.test(h) ? i : -1)).filter((i) => i >= 0)
  for (const r of rows) {
    if (r.row === 1) continue
    for (const i of dateCols) {
      const v = r.cells[i]
      if (v && /^\d{5}(\.\d+)?$/.test(v)) r.cells[i] = serialToDate(Number(v))
    }
  }
  return { rows, header }
}

export async function readXlsx(data: ArrayBuffer | Uint8Array): Promise<Sheet> {
  const b = data instanceof Uint8Array ? data : new Uint8Array(data)
  const entries = zipEntries(b)
  const byName = new Map(entries.map((e) => [e.name, e]))
  const read = (n: string) => {
    const e = byName.get(n)
    return e ? readEntry(b, e) : Promise.resolve('')
  }
  let sheetPath = 'xl/worksheets/sheet1.xml'
  const wb = await read('xl/workbook.xml')
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(wb)?.[1]
  if (rid) {
    const rels = await read('xl/_rels/workbook.xml.rels')
    const re = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*>`)
    const target = /Target="([^"]+)"/.exec(re.exec(rels)?.[0] ?? '')?.[1]
    if (target) sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
  }
  const sst = await read('xl/sharedStrings.xml')
  const shared: string[] = []
  const siRe = /<si>([\s\S]*?)<\/si>|<si\/>/g
  let m: RegExpExecArray | null
  while ((m = siRe.exec(sst))) shared.push(m[1] ? texts(m[1]) : '')
  const xml = await read(sheetPath)
  if (!xml) throw new Error('文件中没有工作表')
  return parseSheetXml(xml, shared)
}

// ---------------------------------------------------------------- zip write

let CRC_TABLE: Uint32Array | null = null
export function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      CRC_TABLE[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function zipStore(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const enc = new TextEncoder()
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const f of files) {
    const name = enc.encode(f.name)
    const crc = crc32(f.data)
    const local = new Uint8Array(30 + name.length)
    const dv = new DataView(local.buffer)
    dv.setUint32(0, 0x04034b50, true)
    dv.setUint16(4, 20, true)
    dv.setUint16(6, 0x0800, true) // UTF-8 names
    dv.setUint16(8, 0, true) // stored
    dv.setUint16(10, 0, true)
    dv.setUint16(12, 0x21, true) // 1980-01-01
    dv.setUint32(14, crc, true)
    dv.setUint32(18, f.data.length, true)
    dv.setUint32(22, f.data.length, true)
    dv.setUint16(26, name.length, true)
    local.set(name, 30)
    const cen = new Uint8Array(46 + name.length)
    const cv = new DataView(cen.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    cv.setUint16(8, 0x0800, true)
    cv.setUint16(10, 0, true)
    cv.setUint16(12, 0, true)
    cv.setUint16(14, 0x21, true)
    cv.setUint32(16, crc, true)
    cv.setUint32(20, f.data.length, true)
    cv.setUint32(24, f.data.length, true)
    cv.setUint16(28, name.length, true)
    cv.setUint32(42, offset, true)
    cen.set(name, 46)
    chunks.push(local, f.data)
    central.push(cen)
    offset += local.length + f.data.length
  }
  const cenSize = central.reduce((a, c) => a + c.length, 0)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, files.length, true)
  ev.setUint16(10, files.length, true)
  ev.setUint32(12, cenSize, true)
  ev.setUint32(16, offset, true)
  const all = [...chunks, ...central, end]
  const out = new Uint8Array(all.reduce((a, c) => a + c.length, 0))
  let p = 0
  for (const c of all) {
    out.set(c, p)
    p += c.length
  }
  return out
}

/** Writes rows of text (first row the header) as a one-sheet .xlsx. */
export function writeXlsx(rows: string[][], sheetName = 'Sheet1'): Uint8Array {
  const enc = new TextEncoder()
  const sheetRows = rows
    .map((r, ri) => {
      const cells = r
        .map((v, ci) => (v === '' || v === null || v === undefined ? '' : `<c r="${colLetters(ci)}${ri + 1}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(v))}</t></is></c>`))
        .join('')
      return `<row r="${ri + 1}">${cells}</row>`
    })
    .join('')
  const files = [
    {
      name: '[Content_Types].xml',
      data: enc.encode(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: enc.encode(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: enc.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: enc.encode(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: enc.encode(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
      ),
    },
  ]
  return zipStore(files)
}
