/**
 * Where a page's time to usable goes: what the browser itself records (the document, each file and API request
 * from its start to its end: Resource Timing), the dashboard's own marks (its code evaluated: User Timing), the
 * moments the page changed (shell, content, chart drawn) and the main thread's long tasks. All in milliseconds
 * from the navigation's start.
 */
import type { Page } from 'playwright-core'
import { quantile, round } from './stats.js'

/** One step of a run: a request or file (start and end) or a moment (start = end). */
export interface Step {
  label: string
  start: number
  end: number
}

export interface Timeline {
  usable: number
  steps: Step[]
  /** The main thread's tasks over 50 ms before usable, summed (Long Tasks API). */
  longTasks: number
}

/** What the page's console says once it is usable and, with `complete`, complete (see `whenSettled`). */
const SETTLED = 'ogd-timeline: settled'

/**
 * The script to run before the page's own (`page.addInitScript`): it records the moments the page changed, and
 * `window.__usableAt` once `content` is in the document and the main chart is drawn; with `complete`, also the
 * moment that is in the document ("every row shown": a page that shows its first rows first). Then it says so
 * on the console. A script as text, not a function: tsx's compiled functions call a helper (`__name`) the page
 * does not have.
 */
export function timelineInitScript(content: string, complete?: string): string {
  return `
    window.__moments = {};
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask' });
    } catch {}
    const moment = (name) => { window.__moments[name] ??= performance.now(); };
    const observer = new MutationObserver(() => {
      if (document.querySelector('#app header h1') !== null) moment('shell rendered');
      const shown = document.querySelector(${JSON.stringify(content)}) !== null;
      const drawn = document.querySelector('main canvas[data-drawn="true"]') !== null;
      if (shown) moment('content shown');
      if (drawn) moment('chart drawn');
      const whole = ${complete ? `document.querySelector(${JSON.stringify(complete)}) !== null` : 'true'};
      if (whole && ${complete !== undefined}) moment('every row shown');
      if (!shown || !drawn) return;
      window.__usableAt ??= performance.now();
      if (!whole) return;
      window.__settled = true;
      observer.disconnect();
      console.debug(${JSON.stringify(SETTLED)});
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
  `
}

/** A resource's name in the breakdown: the file without its hash, or the API path without its query or ids. */
export function stepLabel(url: string): string {
  const { pathname } = new URL(url)
  const asset = /^\/assets\/(.+?)-[\w-]{8}\.(\w+)$/.exec(pathname)
  if (asset) return `${asset[1]}.${asset[2]}`
  // An agency's id is the same in every run of a page: written once, as the route says it.
  return pathname.startsWith('/v1/')
    ? `GET ${pathname.replace(/\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/, '/:id')}`
    : pathname
}

/**
 * Resolves once the page is usable and, for a page that shows its first rows first, every row is shown (read
 * too, not part of usable). Call it before the navigation. It listens to the page's console and runs nothing in
 * the page: asking the page (`waitForFunction`) made Playwright compile its own script there while the page
 * loaded, ~90 ms of the throttled main thread before the chart was drawn (docs/BENCHMARKS.md).
 */
export async function whenSettled(page: Page): Promise<void> {
  await page.waitForEvent('console', { predicate: (message) => message.text() === SETTLED })
}

/** Reads the timeline of a page that has settled (`whenSettled`). */
export async function readTimeline(page: Page): Promise<Timeline> {
  const raw = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      usable: window.__usableAt,
      html: [nav.requestStart, nav.responseEnd],
      resources: performance.getEntriesByType('resource').map((r) => [r.name, r.startTime, r.responseEnd]),
      marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
      moments: Object.entries(window.__moments),
      longTasks: window.__longTasks,
    };
  })()`)) as {
    usable: number
    html: [number, number]
    resources: [string, number, number][]
    marks: [string, number][]
    moments: [string, number][]
    longTasks: [number, number][]
  }
  const steps: Step[] = [
    { label: 'index.html', start: raw.html[0], end: raw.html[1] },
    ...raw.resources.map(([name, start, end]) => ({ label: stepLabel(name), start, end })),
    ...[...raw.marks, ...raw.moments].map(([label, at]) => ({ label, start: at, end: at })),
    { label: 'usable', start: raw.usable, end: raw.usable },
  ]
  const longTasks = raw.longTasks.filter(([start]) => start < raw.usable).reduce((s, [, d]) => s + d, 0)
  return { usable: raw.usable, steps, longTasks }
}

/** The median of each step over runs (a step missing from some runs says in how many it was), as table rows. */
export function breakdownRows(runs: readonly Timeline[]): string[] {
  const labels = [...new Set(runs.flatMap((r) => r.steps.map((s) => s.label)))]
  const ms = (n: number) => `${round(n, 0)} ms`
  const rows = labels.map((label) => {
    const seen = runs.flatMap((r) => r.steps.filter((s) => s.label === label))
    const start = quantile(
      seen.map((s) => s.start),
      0.5,
    )
    const end = quantile(
      seen.map((s) => s.end),
      0.5,
    )
    const note = seen.length === runs.length ? '' : ` (${seen.length} of ${runs.length} runs)`
    return { start, text: `| ${label}${note} | ${ms(start)} | ${end === start ? '' : ms(end)} |` }
  })
  rows.sort((a, b) => a.start - b.start)
  return [
    '| step | start (median) | end (median) |',
    '| --- | ---: | ---: |',
    ...rows.map((r) => r.text),
    `| main thread's long tasks before usable, summed | | ${ms(
      quantile(
        runs.map((r) => r.longTasks),
        0.5,
      ),
    )} |`,
  ]
}
