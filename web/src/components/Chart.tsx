import {
  BarController,
  BarElement,
  CategoryScale,
  type ChartConfiguration,
  Chart as ChartJs,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js'
import { useEffect, useRef } from 'preact/hooks'

// Bars (the ranking's top ten) and lines (an agency's year against its target), and nothing else: the bundle
// carries only what is registered.
ChartJs.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
)
ChartJs.defaults.font.family = 'Sarabun, sans-serif'

/** The one owner of chart.js: creates the chart on mount, updates it in place, destroys it on unmount. */
export function Chart({
  config,
  label,
  tall = false,
}: {
  config: ChartConfiguration<'bar'> | ChartConfiguration<'line'>
  label: string
  tall?: boolean
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const chart = useRef<ChartJs>()

  useEffect(() => {
    if (!canvas.current) return
    chart.current = new ChartJs(canvas.current, config as ChartConfiguration)
    // Canvas text does not reflow when a web font arrives: draw again once Sarabun is loaded.
    document.fonts?.ready.then(() => chart.current?.update())
    return () => chart.current?.destroy()
    // The chart is created once; later configs update it in place below.
  }, [])

  useEffect(() => {
    const c = chart.current
    if (!c) return
    c.data = config.data
    if (config.options) c.options = config.options as ChartConfiguration['options'] & object
    c.update()
  }, [config])

  return (
    <div class={tall ? 'chart tall' : 'chart'}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  )
}
