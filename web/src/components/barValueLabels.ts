import type { Chart, Plugin } from 'chart.js'

/** Space between a bar's end and its value, in CSS pixels. */
const PAD = 6

/**
 * Where a bar's value goes: inside the bar's end when the bar is long enough to hold it (light on the bar's
 * colour), else just past the end (dark on the background).
 */
export function valueLabelPlacement(barLength: number, textWidth: number): 'inside' | 'outside' {
  return barLength >= textWidth + 2 * PAD ? 'inside' : 'outside'
}

/**
 * Writes each bar's value at its end, in the chart's locale, on horizontal bar charts: values read without
 * hovering (a tooltip needs a pointer). A few lines instead of a labels library.
 */
export const barValueLabels: Plugin<'bar'> = {
  id: 'barValueLabels',
  afterDatasetsDraw(chart: Chart<'bar'>) {
    const { ctx } = chart
    const format = new Intl.NumberFormat(chart.options.locale, { maximumFractionDigits: 0 })
    ctx.save()
    ctx.textBaseline = 'middle'
    ctx.font = `700 13px ${chart.options.font?.family ?? 'sans-serif'}`
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i)
      if (meta.hidden) return
      meta.data.forEach((bar, j) => {
        const value = dataset.data[j]
        if (typeof value !== 'number') return
        const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as {
          x: number
          y: number
          base: number
        }
        const text = format.format(value)
        const inside = valueLabelPlacement(x - base, ctx.measureText(text).width) === 'inside'
        ctx.textAlign = inside ? 'right' : 'left'
        ctx.fillStyle = inside ? '#fff' : '#1b2430'
        ctx.fillText(text, inside ? x - PAD : x + PAD, y)
      })
    })
    ctx.restore()
  },
}
