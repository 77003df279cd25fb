import type { Agency, Dataset, LocalizedText, Resource } from '../../shared/catalog.js'
import { demoId, seededRandom } from './ids.js'
import provinceList from './provinces.json' with { type: 'json' }
import agencyList from './thai-agencies.json' with { type: 'json' }
import { BMA_TOPICS, GENERIC_TOPICS, MINISTRY_TOPICS, PROVINCIAL_TOPICS, QUALIFIERS } from './topics.js'

export interface DemoCatalog {
  agencies: Agency[]
  datasets: Dataset[]
  resources: Resource[]
}

const FORMATS = [
  { format: 'CSV', ext: 'csv', weight: 0.6 },
  { format: 'XLSX', ext: 'xlsx', weight: 0.25 },
  { format: 'JSON', ext: 'json', weight: 0.1 },
  { format: 'PDF', ext: 'pdf', weight: 0.05 },
]

function pickFormat(r: number) {
  let left = r
  for (const f of FORMATS) {
    left -= f.weight
    if (left <= 0) return f
  }
  return FORMATS[0] as (typeof FORMATS)[number]
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/** The agencies: every one of thai-agencies.json, 77 provincial offices and Bangkok Metropolitan Administration. */
function demoAgencies(): { agency: Agency; topics: LocalizedText[]; size: [number, number] }[] {
  const ministries = new Map(agencyList.ministries.map((m) => [m.id, m]))
  const moi = ministries.get('moi')
  const central = agencyList.agencies.map((a) => {
    const parent = ministries.get(a.ministry)
    const agency: Agency = {
      agencyId: demoId('organization', a.id),
      slug: a.id,
      name: { th: a.th, en: a.en },
      ...(parent ? { parentId: parent.id, parentName: { th: parent.th, en: parent.en } } : {}),
      group: a.group,
      active: true,
    }
    return {
      agency,
      topics: [...(MINISTRY_TOPICS[a.ministry] ?? []), ...GENERIC_TOPICS],
      size: [8, 26] as [number, number],
    }
  })
  const provincial = provinceList.provinces.map((p) => ({
    agency: {
      agencyId: demoId('organization', p.id),
      slug: p.id,
      name: { th: p.th, en: p.en },
      ...(moi ? { parentId: moi.id, parentName: { th: moi.th, en: moi.en } } : {}),
      group: 'provincial',
      active: true,
    },
    topics: PROVINCIAL_TOPICS.map((t) => ({
      th: `${t.th}${p.province.th}`,
      en: `${t.en}, ${p.province.en}`,
    })),
    size: [10, 11] as [number, number],
  }))
  const local = provinceList.localGovernment.map((l) => ({
    agency: {
      agencyId: demoId('organization', l.id),
      slug: l.id,
      name: { th: l.th, en: l.en },
      group: l.group,
      active: true,
    },
    topics: [...BMA_TOPICS, ...GENERIC_TOPICS],
    size: [40, 40] as [number, number],
  }))
  return [...central, ...provincial, ...local]
}

/**
 * The demo catalog: about 2,000 datasets with Thai titles over 147 agencies, each dataset with one to three
 * resources. Deterministic: the same ids and titles on every machine.
 */
export function buildDemoCatalog(): DemoCatalog {
  const random = seededRandom(2566)
  const catalog: DemoCatalog = { agencies: [], datasets: [], resources: [] }
  for (const { agency, topics, size } of demoAgencies()) {
    catalog.agencies.push(agency)
    const combos = topics.flatMap((topic, t) =>
      QUALIFIERS.map((q, k) => ({ topic, q, key: `${t + 1}-${k}` })),
    )
    const count = size[0] + Math.floor(random() * (size[1] - size[0] + 1))
    for (const { topic, q, key } of shuffled(combos, random).slice(0, count)) {
      const slug = `${agency.slug}-${key}`
      const datasetId = demoId('package', slug)
      const resourceIds: string[] = []
      const files = 1 + Math.floor(random() * random() * 3)
      for (let f = 0; f < files; f++) {
        const resourceId = demoId('resource', `${slug}-${f}`)
        const { format, ext } = pickFormat(random())
        resourceIds.push(resourceId)
        catalog.resources.push({
          resourceId,
          datasetId,
          agencyId: agency.agencyId,
          url: `https://data.example.go.th/dataset/${slug}/resource/${resourceId}/download/${slug}-${f + 1}.${ext}`,
          format,
          active: true,
        })
      }
      catalog.datasets.push({
        datasetId,
        agencyId: agency.agencyId,
        slug,
        title: { th: `${topic.th}${q.th}`, en: `${topic.en}${q.en}` },
        active: true,
        resourceIds,
      })
    }
  }
  return catalog
}
