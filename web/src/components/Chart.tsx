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
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import type { ChartTable } from './chartTable.js'

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
ChartJs.defaults.color = '#1b2430'

/**
 * The one owner of chart.js: creates the chart on mount, updates it in place, destroys it on unmount. Every
 * chart offers its figures as a table too ("show as table"): the picture is a summary, the table the data.
 */
export function Chart({
  config,
  label,
  table,
  tall = false,
}: {
  config: ChartConfiguration<'bar'> | ChartConfiguration<'line'>
  label: string
  table: ChartTable
  tall?: boolean
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const chart = useRef<ChartJs>()
  const [showTable, setShowTable] = useState(false)
  const tableId = useId()

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
    <figure class="chart-figure">
      <div class={tall ? 'chart tall' : 'chart'}>
        <canvas ref={canvas} role="img" aria-label={`${label}. ${t('chartTableHint')}`} />
      </div>
      <button
        type="button"
        class="link-button"
        aria-expanded={showTable}
        aria-controls={tableId}
        data-testid="chart-table-toggle"
        onClick={() => setShowTable(!showTable)}
      >
        {showTable ? t('chartHideTable') : t('chartShowTable')}
      </button>
      <table id={tableId} class="ranking chart-table" data-testid="chart-table" hidden={!showTable}>
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={c} scope="col" class={i > 0 ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.header}>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, i) => (
                <td key={table.columns[i + 1]} class="num">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
