import type { ChartConfiguration, Chart as ChartJs } from 'chart.js'
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { t } from '../i18n/index.js'
import { firstPage } from '../state/first-page.js'
import type { ChartTable } from './chartTable.js'

/**
 * chart.js in a file of its own, out of the first bundle (the dashboard's JavaScript stays under 100 KB
 * gzipped), yet asked for as soon as the dashboard starts: it arrives while the page's data is on its way.
 */
const chartJs = import('./chartjs.js')

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

  const legend = config.data.datasets.map((d) => ({
    label: d.label ?? '',
    color: String(d.borderColor ?? d.backgroundColor ?? ''),
    dashed: 'borderDash' in d && Array.isArray(d.borderDash) && d.borderDash.length > 0,
  }))
  const latest = useRef(config)
  latest.current = config

  // Created before the browser first lays out and paints the page (a layout effect, chart.js already loaded: a
  // microtask away), not in an effect after that paint: on a phone the first page's long table is laid out and
  // painted once, with the chart, instead of twice (issue #18).
  useLayoutEffect(() => {
    let unmounted = false
    void chartJs.then(({ ChartJs }) => {
      if (unmounted || !canvas.current) return
      chart.current = new ChartJs(canvas.current, latest.current as ChartConfiguration)
      // Drawn: what a test or the time-to-usable benchmark waits for, and the reads that wait for the first page.
      canvas.current.dataset.drawn = 'true'
      firstPage.shown()
      // Canvas text does not reflow when a web font arrives: draw again once Sarabun is loaded (only then: a
      // second full draw costs a phone as much as the first).
      if (document.fonts && document.fonts.status !== 'loaded')
        document.fonts.ready.then(() => chart.current?.update())
    })
    return () => {
      unmounted = true
      chart.current?.destroy()
    }
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
      {legend.length > 1 && (
        <ul class="chart-legend">
          {legend.map((item) => (
            <li key={item.label}>
              <span class={item.dashed ? 'swatch dashed' : 'swatch'} style={{ borderColor: item.color }} />
              {item.label}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        class="link"
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
