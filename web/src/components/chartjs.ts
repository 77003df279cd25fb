import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js'
import { chartPixelRatio } from './chartPixels.js'

// Bars (the ranking's top ten) and lines (an agency's year against its target), and nothing else: the bundle
// carries only what is registered. No legend plugin: a chart's legend is HTML (Chart.tsx), text that wraps on a
// phone and that a screen reader reads.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
)
Chart.defaults.font.family = 'Sarabun, sans-serif'
Chart.defaults.color = '#1b2430'
// At most 2 canvas pixels per CSS pixel, read whenever a chart is sized (a window moved to another screen too).
Chart.defaults.set({ devicePixelRatio: () => chartPixelRatio(globalThis.devicePixelRatio) })
// chart.js is evaluated: a mark the time-to-usable benchmark reads (bench/dashboard.ts).
performance.mark('chartjs.js evaluated')

export { Chart as ChartJs }
