/**
 * The most canvas pixels a chart draws per CSS pixel. A phone with a 3× screen would otherwise fill 9 canvas
 * pixels for each CSS pixel (2.25 times the pixels of 2×) on its first page: at 2× the bars and labels stay sharp
 * to the eye, and drawing and painting the chart cost the phone's main thread less (issue #18).
 */
export const MAX_CHART_PIXEL_RATIO = 2

/** The pixel ratio a chart is drawn at on a screen of `device` pixels per CSS pixel. */
export function chartPixelRatio(device: number | undefined): number {
  const ratio = device !== undefined && Number.isFinite(device) && device > 0 ? device : 1
  return Math.min(ratio, MAX_CHART_PIXEL_RATIO)
}
