import { describe, expect, it } from 'vitest'
import type { AgencyRankingItem, IntegrityResponse } from '../../shared/api.js'
import { concentrationSignal, spikeSignal } from '../../shared/integrity.js'
import { messages } from '../../web/src/i18n/index.js'
import {
  agencyChoices,
  concentrationEvidence,
  datasetRows,
  formatShare,
  leftOutFigures,
  requestsSeen,
  share,
  signalViews,
  spikeEvidence,
  warningCount,
} from '../../web/src/pages/Agency/integrity.js'

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

/** An agency in FY 2570 with 1,000 downloads, 150 robots and 50 double clicks left out, and no warning sign. */
function integrity(overrides: Partial<IntegrityResponse> = {}): IntegrityResponse {
  return {
    agencyId: 'a1',
    period: { fy: 2570, complete: false, dataUpTo: '2026-11-27T08:00:00.000Z' },
    downloads: 1000,
    machineDownloads: 120,
    excluded: { robots: 150, doubleClicks: 50, harvesters: 0 },
    signals: [
      concentrationSignal(counts(1000, 200)),
      spikeSignal('2026-10', 300, history(250, 260, 280, 240, 270, 250)),
      spikeSignal('2026-11', 500, history(260, 280, 240, 270, 250, 300)),
    ],
    datasets: [
      {
        datasetId: 'd1',
        title: { th: 'สถิติประชากร', en: 'Population statistics' },
        downloads: 400,
        excluded: { robots: 60, doubleClicks: 20, harvesters: 0 },
        concentration: concentrationSignal(counts(400, 100)),
        spike: spikeSignal('2026-11', 150, history(120, 130, 140, 125, 135, 130)),
      },
    ],
    ...overrides,
  }
}

describe('shares of what counting left out', () => {
  it('counts every request the rules saw: counted downloads, robots and double clicks', () => {
    expect(requestsSeen(integrity())).toBe(1200)
  })

  it('is 0 of nothing rather than NaN', () => {
    expect(share(0, 0)).toBe(0)
    expect(share(5, 0)).toBe(0)
    expect(share(150, 1200)).toBe(0.125)
  })

  it.each([
    [0, 'th', '0%'],
    [0.125, 'en', '12.5%'],
    [0.5, 'th', '50%'],
    [0.0004, 'en', '<0.1%'],
    [0.00999, 'en', '1%'],
  ] as const)('formats the share %s in %s as %s', (value, lang, text) => {
    expect(formatShare(value, lang)).toBe(text)
  })

  it('shows robots and double clicks as shares of all requests, machine downloads of counted ones', () => {
    const figures = Object.fromEntries(leftOutFigures(integrity(), 'th').map((f) => [f.id, f]))
    expect(figures.requests).toMatchObject({ value: '1,200', detail: 'นับเป็นยอดดาวน์โหลด 1,000 (83.3%)' })
    expect(figures.robots).toMatchObject({ value: '150', detail: '12.5% ของคำขอทั้งหมด' })
    expect(figures.doubleClicks).toMatchObject({ value: '50', detail: '4.2% ของคำขอทั้งหมด' })
    expect(figures.machine).toMatchObject({ value: '120', detail: '12% ของยอดที่นับ' })
    const en = leftOutFigures(integrity(), 'en').find((f) => f.id === 'robots')
    expect(en).toMatchObject({ label: 'Robots, left out', detail: '12.5% of all requests' })
  })

  it('shows harvesting left out beside robots and double clicks, and counts it among all requests', () => {
    const harvested = integrity({ excluded: { robots: 150, doubleClicks: 50, harvesters: 300 } })
    expect(requestsSeen(harvested)).toBe(1500)
    const figures = Object.fromEntries(leftOutFigures(harvested, 'en').map((f) => [f.id, f]))
    expect(figures.harvesters).toMatchObject({ label: 'Systematic harvesting, left out', value: '300' })
    expect(figures.harvesters?.detail).toMatch(/^20% of all requests · one client taking dozens of files/)
    // An answer from before counting-v2 has no harvesters: nothing is added.
    const older = integrity({ excluded: { robots: 150, doubleClicks: 50 } as IntegrityResponse['excluded'] })
    expect(requestsSeen(older)).toBe(1200)
  })

  it('shows an agency without requests as zeros, not as NaN%', () => {
    const empty = integrity({
      downloads: 0,
      machineDownloads: 0,
      excluded: { robots: 0, doubleClicks: 0, harvesters: 0 },
    })
    for (const f of leftOutFigures(empty, 'en')) expect(`${f.value} ${f.detail}`).not.toMatch(/NaN|Infinity/)
  })
})

describe('warning signs in words, with their evidence', () => {
  it('words a concentration warning with who made how much, against the threshold, in both languages', () => {
    const s = concentrationSignal(counts(1380, 1173))
    expect(s.warning).toBe(true)
    expect(concentrationEvidence(s, 'th')).toBe(
      'ผู้ดาวน์โหลด 3 รายที่ดาวน์โหลดมากที่สุดในแต่ละวัน มียอดรวม 1,173 จาก 1,380 ครั้ง (85%) ถึงเกณฑ์เตือน 50%',
    )
    expect(concentrationEvidence(s, 'en')).toBe(
      "Each day's 3 busiest clients made 1,173 of 1,380 downloads (85%), at or above the 50% warning level",
    )
  })

  it('says why a high share of very few downloads is no warning', () => {
    const s = concentrationSignal(counts(40, 30))
    expect(s.warning).toBe(false)
    expect(concentrationEvidence(s, 'en')).toContain(
      'too few to be a warning sign (it takes at least 200 downloads)',
    )
    expect(concentrationEvidence(s, 'th')).toContain('ต้องมีอย่างน้อย 200 ครั้ง')
  })

  it('words a spike as the month against the median of the months before, with the rule', () => {
    const s = spikeSignal('2026-09', 1200, history(300, 280, 320, 310, 290, 300))
    expect(s.warning).toBe(true)
    expect(spikeEvidence(s, 'th')).toBe(
      'กันยายน 2569: 1,200 ครั้ง เป็น 4 เท่าของค่ามัธยฐาน 300 ครั้งใน 6 เดือนก่อนหน้า (เกณฑ์เตือน: 3 เท่าขึ้นไปและเพิ่มขึ้นอย่างน้อย 100 ครั้ง)',
    )
    expect(spikeEvidence(s, 'en')).toBe(
      'September 2026: 1,200 downloads, 4× the median of 300 over the 6 months before (warning at 3× or more and at least 100 more)',
    )
  })

  it('says when there is too little history to judge a spike', () => {
    const s = spikeSignal('2026-03', 900, history(10, 20))
    expect(spikeEvidence(s, 'en')).toBe(
      'March 2026: 900 downloads; fewer than 3 earlier months to compare with',
    )
  })

  it('shows the concentration, each spiking month, and one all-clear line for the calm months', () => {
    const spike = spikeSignal('2026-09', 1200, history(300, 280, 320, 310, 290, 300))
    const r = integrity({ signals: [...integrity().signals, spike] })
    const views = signalViews(r, 'en')
    expect(views.map((v) => [v.id, v.warning])).toEqual([
      ['concentration', false],
      ['spike-2026-09', true],
      ['spike-clear', false],
    ])
    // The calm months are summed up with the highest of them, so the reader sees how far from a warning.
    expect(views[2]?.evidence).toMatch(
      /^2 months checked, no sudden spike · highest November 2026: 500 downloads, 1\.9×/,
    )
    expect(views[1]?.title).toBe('Sudden spike in downloads')
  })

  it('has every message of the section in Thai and in English', () => {
    const keys = [
      'integrity',
      'noWarnings',
      'integrityForbidden',
      'concentrationWarning',
      'spikeWarning',
    ] as const
    for (const key of keys) {
      expect(messages.th[key]).toMatch(/[\u0E00-\u0E7F]/)
      expect(messages.en[key]).toMatch(/^[\x20-\x7E]+$/)
    }
  })
})

describe('the all-clear and the datasets', () => {
  it('counts no warning signs for a calm agency', () => {
    expect(warningCount(integrity())).toBe(0)
  })

  it('counts the agency signals and the datasets whose downloads are concentrated', () => {
    const r = integrity()
    const hot = {
      datasetId: 'd2',
      title: { th: 'ชุดข้อมูลที่ถูกปั่น', en: 'Gamed dataset' },
      downloads: 1380,
      excluded: { robots: 0, doubleClicks: 12, harvesters: 0 },
      concentration: concentrationSignal(counts(1380, 1173)),
      spike: null,
    }
    const gamed = integrity({
      signals: [concentrationSignal(counts(1000, 700)), ...r.signals.slice(1)],
      datasets: [...r.datasets, hot],
    })
    expect(warningCount(gamed)).toBe(2)
    // Datasets with a warning come first, with their share in the reader's language.
    const rows = datasetRows(gamed, 'th')
    expect(rows.map((d) => [d.datasetId, d.warning, d.topClientShare])).toEqual([
      ['d2', true, '85%'],
      ['d1', false, '25%'],
    ])
    expect(rows.every((d) => d.judged)).toBe(true)
    expect(rows[0]).toMatchObject({
      title: 'ชุดข้อมูลที่ถูกปั่น',
      secondaryTitle: 'Gamed dataset',
      doubleClicks: '12',
    })
  })
})

it('counts a dataset whose month spikes against its own history as a warning, and shows the factor', () => {
  const spiking = {
    datasetId: 'd4',
    title: { th: 'ข้อมูลพุ่ง', en: 'Spiking data' },
    downloads: 900,
    excluded: { robots: 0, doubleClicks: 0, harvesters: 0 },
    concentration: concentrationSignal(counts(900, 90)),
    spike: spikeSignal('2026-11', 800, history(100, 90, 110, 100, 95, 105)),
  }
  const r = integrity({ datasets: [...integrity().datasets, spiking] })
  expect(warningCount(r)).toBe(1)
  const rows = datasetRows(r, 'en')
  expect(rows.map((d) => [d.datasetId, d.warning, d.spikeWarning, d.spike])).toEqual([
    ['d4', true, true, '×8'],
    ['d1', false, false, '×1.2'],
  ])
  expect(rows[0]?.spikeEvidence).toContain('November 2026: 800 downloads, 8× the median of 100')
})

it('marks a dataset with too few downloads as not judged, however concentrated', () => {
  const few = {
    datasetId: 'd3',
    title: { th: 'ข้อมูลเล็ก', en: 'Small data' },
    downloads: 3,
    excluded: { robots: 0, doubleClicks: 0, harvesters: 0 },
    concentration: concentrationSignal(counts(3, 3)),
    spike: null,
  }
  const [row] = datasetRows(integrity({ datasets: [few] }), 'en')
  expect(row).toMatchObject({ topClientShare: '100%', judged: false, warning: false })
})

describe('the agency picker', () => {
  const item = (agencyId: string, th: string, en: string, rank: number): AgencyRankingItem => ({
    rank,
    agencyId,
    name: { th, en },
    downloads: 100 - rank,
    uniqueDownloads: 0,
    machineDownloads: 0,
    excluded: { robots: 0, doubleClicks: 0, harvesters: 0 },
    rankChange: null,
  })
  const items = [
    item('nso', 'สำนักงานสถิติแห่งชาติ', 'National Statistical Office', 1),
    item('tmd', 'กรมอุตุนิยมวิทยา', 'Thai Meteorological Department', 2),
    item('ddc', 'กรมควบคุมโรค', 'Department of Disease Control', 3),
    item('egat', 'การไฟฟ้าฝ่ายผลิตแห่งประเทศไทย', 'Electricity Generating Authority of Thailand', 4),
  ]

  it('lists every agency of the ranking by Thai collation of its Thai name, not by rank', () => {
    expect(agencyChoices(items, 'th').map((c) => c.label)).toEqual([
      'กรมควบคุมโรค',
      'กรมอุตุนิยมวิทยา',
      'การไฟฟ้าฝ่ายผลิตแห่งประเทศไทย',
      'สำนักงานสถิติแห่งชาติ',
    ])
  })

  it('names agencies in English, in alphabetical order, for English readers', () => {
    expect(agencyChoices(items, 'en').map((c) => c.agencyId)).toEqual(['ddc', 'egat', 'nso', 'tmd'])
  })
})
