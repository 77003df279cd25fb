import { sparklinePoints } from './sparkline.js'

const WIDTH = 120
const HEIGHT = 32

/**
 * A small trend line of monthly values as inline SVG (no chart library): the last point, the month shown, is
 * marked. `label` is its text alternative (the figures it shows in words).
 */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const points = sparklinePoints(values, WIDTH, HEIGHT, 3)
  const last = points.split(' ').at(-1)?.split(',').map(Number)
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-points={values.length}
    >
      <title>{label}</title>
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        vector-effect="non-scaling-stroke"
      />
      {last && last.length === 2 && <circle cx={last[0]} cy={last[1]} r="2.5" fill="currentColor" />}
    </svg>
  )
}
