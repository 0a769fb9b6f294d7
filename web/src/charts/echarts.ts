// The only module that imports ECharts. It is loaded on demand by EChart.vue,
// so the charts stay out of the initial bundle; only the chart types the
// platform draws are registered.
import * as echarts from 'echarts/core'
import { BarChart, LineChart, FunnelChart, MapChart, PieChart } from 'echarts/charts'
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
  GeoComponent,
  DatasetComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { fetchMapJson } from './mapData'

echarts.use([
  BarChart,
  LineChart,
  FunnelChart,
  MapChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
  GeoComponent,
  DatasetComponent,
  CanvasRenderer,
])

const mapLoads: Record<string, Promise<boolean>> = {}

/**
 * Registers the district shapes of a city (served from /maps/CODE.json by the
 * binary) under the map name CODE. Resolves false when no shapes are shipped.
 */
export function ensureMap(cityCode: string): Promise<boolean> {
  if (!mapLoads[cityCode]) {
    mapLoads[cityCode] = fetchMapJson(cityCode)
      .then((geo) => {
        const g = geo as { features?: unknown[] } | null
        if (!g || !Array.isArray(g.features)) return false
        echarts.registerMap(cityCode, g as Parameters<typeof echarts.registerMap>[1])
        return true
      })
      .catch(() => false)
  }
  return mapLoads[cityCode]
}

/** Names of the districts that have a shape in a registered map. */
export function mapRegionNames(cityCode: string): string[] {
  const m = echarts.getMap(cityCode) as { geoJSON?: { features?: { properties?: { name?: string } }[] } } | null
  return (m?.geoJSON?.features ?? []).map((f) => f.properties?.name ?? '').filter(Boolean)
}

export { echarts }
