import { describe, expect, it } from 'vitest'
import type { IntegrityResponse } from '../../shared/api.js'
import { concentrationSignal, spikeSignal } from '../../shared/integrity.js'
import { execSummary, signalViews, warningCount } from '../../web/src/pages/Agency/integrity.js'

const counts = (downloads: number, topClientDownloads: number) => ({
  downloads,
  uniqueDownloads: downloads,
  machineDownloads: 0,
  robots: 0,
  doubleClicks: 0,
  harvesters: 0,
  topClientDownloads,
})
const history = (...downloads: number[]) =>
  downloads.map((d, i) => ({ month: `2026-0${i + 1}`, downloads: d }))
const calmHistory = history(10, 12, 11, 9, 10, 10)

describe('the busiest-clients share warns only on a large enough sample', () => {
  it.each([
    { name: 'large and dense', downloads: 5000, top: 4900, days: 62, warning: true, judged: true },
    { name: 'below 200 downloads', downloads: 199, top: 199, days: 1, warning: false, judged: false },
    { name: 'thin: under 10 a day', downloads: 500, top: 480, days: 62, warning: false, judged: false },
    { name: 'exactly 10 a day', downloads: 620, top: 600, days: 62, warning: true, judged: true },
    {
      name: 'dense but spread over many clients',
      downloads: 5000,
      top: 400,
      days: 62,
      warning: false,
      judged: true,
    },
    { name: 'period length unknown', downloads: 300, top: 290, days: undefined, warning: true, judged: true },
  ])('$name: warning $warning', ({ downloads, top, days, warning, judged }) => {
    const s = concentrationSignal(counts(downloads, top), days)
    expect([s.warning, s.evidence.judged]).toEqual([warning, judged])
  })
})

/** The gamed agency of the issue: concentrated and spiking, and so is its dataset. */
function gamed(): IntegrityResponse {
  return {
    agencyId: 'a1',
    period: { fy: 2570, complete: false, dataUpTo: '2026-12-02T03:00:00.000Z' },
    downloads: 5528,
    machineDownloads: 0,
    excluded: { robots: 40, doubleClicks: 12, harvesters: 0 },
    signals: [
      concentrationSignal(counts(5528, 5520), 62),
      spikeSignal('2026-10', 5520, calmHistory),
      spikeSignal('2026-11', 8, calmHistory),
    ],
    datasets: [
      {
        datasetId: 'd1',
        title: { th: 'ชุดข้อมูลที่ถูกปั่น', en: 'Gamed dataset' },
        downloads: 5521,
        excluded: { robots: 0, doubleClicks: 0, harvesters: 0 },
        concentration: concentrationSignal(counts(5521, 5520), 62),
        spike: spikeSignal('2026-10', 5520, history(0, 0, 0, 1, 0, 0)),
      },
    ],
  }
}

describe('warning signs that read right', () => {
  it('lists every warning it counts: the agency signals and each dataset warning', () => {
    const r = gamed()
    const warnings = signalViews(r, 'en').filter((v) => v.warning)
    expect(warningCount(r)).toBe(4)
    expect(warnings.length).toBe(warningCount(r))
    expect(warnings.map((v) => v.id)).toContain('dataset-spike-d1')
  })

  it('never says "no sudden spike" beside a month that spikes: the calm months are "other months"', () => {
    const titles = signalViews(gamed(), 'en').map((v) => v.title)
    expect(titles).toContain('Other months: no sudden spike')
    expect(titles).not.toContain('No sudden spike')
    const calm = { ...gamed(), signals: [spikeSignal('2026-11', 8, calmHistory)], datasets: [] }
    expect(signalViews(calm, 'th').map((v) => v.title)).toEqual(['ไม่มียอดพุ่งผิดปกติ'])
  })
})

describe("an executive's plain-language summary", () => {
  it('names what DGA will look at, once per kind, without thresholds or shares', () => {
    const s = execSummary(gamed(), 'en')
    expect(s.clean).toBe(false)
    expect(s.concerns).toEqual(['Downloads concentrated in a few clients', 'Sudden spike in downloads'])
    expect(s.leftOut).toBe('52 requests were not counted (robots, double clicks, harvesting) out of 5,580')
    expect(JSON.stringify(s)).not.toMatch(/%|median|×/)
  })

  it('is clean for an agency without warning signs', () => {
    const calm = { ...gamed(), signals: [concentrationSignal(counts(300, 30), 62)], datasets: [] }
    expect(execSummary(calm, 'th')).toMatchObject({ clean: true, concerns: [] })
  })
})
