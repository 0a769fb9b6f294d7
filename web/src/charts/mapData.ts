// District shapes, fetched apart from ECharts so that the download can start
// before the chart library has arrived (see the cockpit's router hook).
const cache: Record<string, Promise<unknown | null>> = {}

/** The GeoJSON of a city's districts, served by the binary at /maps/CODE.json; null if none. */
export function fetchMapJson(cityCode: string): Promise<unknown | null> {
  if (!cache[cityCode]) {
    cache[cityCode] = fetch(`/maps/${encodeURIComponent(cityCode)}.json`)
      .then((r) => (r.ok && (r.headers.get('Content-Type') || '').includes('json') ? r.json() : null))
      .catch(() => null)
  }
  return cache[cityCode]
}
