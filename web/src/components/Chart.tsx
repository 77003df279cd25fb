import {
  BarController,
  BarElement,
  CategoryScale,
  type ChartConfiguration,
  Chart as ChartJs,
  LinearScale,
  Tooltip,
} from 'chart.js'
import { useEffect, useRef } from 'preact/hooks'

ChartJs.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)
ChartJs.defaults.font.family = 'Sarabun, sans-serif'

/** The one owner of chart.js: creates the chart on mount, updates it in place, destroys it on unmount. */
export function Chart({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const chart = useRef<ChartJs>()

  useEffect(() => {
    if (!canvas.current) return
    chart.current = new ChartJs(canvas.current, config)
    // Canvas text does not reflow when a web font arrives: draw again once Sarabun is loaded.
    document.fonts?.ready.then(() => chart.current?.update())
    return () => chart.current?.destroy()
    // The chart is created once; later configs update it in place below.
  }, [])

  useEffect(() => {
    const c = chart.current
    if (!c) return
    c.data = config.data
    if (config.options) c.options = config.options
    c.update()
  }, [config])

  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  )
}
