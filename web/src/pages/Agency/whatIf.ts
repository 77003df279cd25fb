import type { PerformanceResponse } from '../../../../shared/api.js'

/** How a year-end total compares with the projected cut-off's range. */
export type WhatIfVerdict = 'above_high' | 'above_mid' | 'above_low' | 'short' | 'unknown'

export interface WhatIf {
  /** Downloads at year end: the projection at the year's pace, plus the extra in every month left. */
  end: number
  verdict: WhatIfVerdict
  /** Downloads short of the projected cut-off's `mid` (0 at or above it). */
  shortOfMid: number | null
}

/**
 * "If we add N downloads a month, where do we end?": the agency's projection plus N in each month left (the
 * current one included), against the projected year-end cut-off (low, mid, high). A year that is over has no
 * months left: the answer is what it has.
 */
export function whatIf(p: PerformanceResponse, extraPerMonth: number): WhatIf {
  const extra = Number.isFinite(extraPerMonth) ? Math.max(0, Math.round(extraPerMonth)) : 0
  const end = p.projection + extra * p.remainingMonths
  const cut = p.outlook?.projectedCutoff
  if (!cut) return { end, verdict: 'unknown', shortOfMid: null }
  const verdict =
    end >= cut.high ? 'above_high' : end >= cut.mid ? 'above_mid' : end >= cut.low ? 'above_low' : 'short'
  return { end, verdict, shortOfMid: Math.max(0, cut.mid - end) }
}

/** The extra downloads a month that bring the year's end to the projected cut-off's `mid` (0 if already there). */
export function extraNeededForMid(p: PerformanceResponse): number | null {
  const cut = p.outlook?.projectedCutoff
  if (!cut || p.remainingMonths === 0) return null
  return Math.max(0, Math.ceil((cut.mid - p.projection) / p.remainingMonths))
}
