/**
 * The points of a sparkline: `values` spread evenly across `width`, the lowest at the bottom and the highest at
 * the top of `height` (a flat series in the middle), inside `pad` units of margin; SVG `points` syntax.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 2): string {
  if (values.length === 0) return ''
  const min = Math.min(...values)
  const max = Math.max(...values)
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0
  const y = (v: number) => (max === min ? height / 2 : pad + ((max - v) / (max - min)) * (height - 2 * pad))
  const round = (n: number) => Math.round(n * 100) / 100
  const x = (i: number) => (values.length > 1 ? pad + i * step : width / 2)
  return values.map((v, i) => `${round(x(i))},${round(y(v))}`).join(' ')
}
