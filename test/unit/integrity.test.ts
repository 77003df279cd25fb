import { describe, expect, it } from 'vitest'
import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { concentrationSignal, spikeSignal } from '../../shared/integrity.js'

describe('concentration of downloads in few clients', () => {
  it.each([
    { downloads: 1000, top: 900, warning: true, share: 0.9 },
    { downloads: 1000, top: 500, warning: true, share: 0.5 },
    { downloads: 1000, top: 499, warning: false, share: 0.499 },
    { downloads: 50, top: 50, warning: false, share: 1, why: 'too few downloads to mean anything' },
    { downloads: 0, top: 0, warning: false, share: 0 },
  ])('$top of $downloads from the top clients: warning $warning', ({ downloads, top, warning, share }) => {
    const s = concentrationSignal({ ...ZERO_COUNTS, downloads, topClientDownloads: top })
    expect(s.warning).toBe(warning)
    expect(s.evidence).toMatchObject({ downloads, topClientDownloads: top, share, topClients: 3 })
  })
})

describe('sudden spikes against the agency own history', () => {
  const history = (values: number[]) =>
    values.map((downloads, i) => ({ month: `2023-${String(i + 1).padStart(2, '0')}`, downloads }))

  it.each([
    { values: [100, 120, 110, 90, 100, 105], downloads: 1000, warning: true, baseline: 102.5 },
    { values: [100, 120, 110, 90, 100, 105], downloads: 300, warning: false, baseline: 102.5 },
    { values: [10, 12, 11], downloads: 60, warning: false, baseline: 11, why: 'big factor, few downloads' },
    { values: [0, 0, 0], downloads: 150, warning: true, baseline: 0 },
    { values: [100, 100], downloads: 5000, warning: false, baseline: null, why: 'not enough history' },
    {
      values: [5000, 9000, 1, 1, 1, 1, 1, 1],
      downloads: 500,
      warning: true,
      baseline: 1,
      why: 'only the last 6 months count',
    },
  ])('$downloads after $values: warning $warning', ({ values, downloads, warning, baseline }) => {
    const s = spikeSignal('2023-12', downloads, history(values))
    expect(s.warning).toBe(warning)
    expect(s.evidence.baseline).toBe(baseline)
    expect(s.evidence.history.length).toBe(Math.min(values.length, 6))
  })

  it('gives the factor as evidence', () => {
    expect(spikeSignal('2023-12', 400, history([100, 100, 100])).evidence.factor).toBe(4)
  })
})
