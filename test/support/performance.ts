import type { PerformanceResponse } from '../../shared/api.js'

/**
 * An agency's performance two months into FY 2570 (October and November 2026): 2,000 downloads against a
 * target of 24,000, ranked 12th, 1,000 below the cut-off. The dashboard's unit tests change what they test.
 */
export function samplePerformance(overrides: Partial<PerformanceResponse> = {}): PerformanceResponse {
  return {
    agencyId: 'a1',
    name: { th: 'กรมทดสอบ', en: 'Test Department' },
    group: 'department',
    fy: 2570,
    period: { fy: 2570, complete: false, dataUpTo: '2026-11-27T08:00:00.000Z' },
    months: [
      { month: '2026-10', downloads: 1200, cumulative: 1200 },
      { month: '2026-11', downloads: 800, cumulative: 2000 },
    ],
    downloads: 2000,
    uniqueDownloads: 1500,
    target: 24000,
    targetSource: 'dga',
    targetPercent: 8.3,
    rank: 12,
    rankChange: 3,
    cutoff: 3000,
    awarded: false,
    gapToCutoff: 1000,
    projection: 12500,
    remainingMonths: 11,
    neededPerMonth: 2000,
    ...overrides,
  }
}
