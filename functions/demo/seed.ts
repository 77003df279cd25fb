import type { Agency, Dataset, Resource } from '../../shared/catalog.js'
import { recordDownloads } from '../ingest/record.js'
import { putAgencies, putDatasets, putResources } from '../store/catalog.js'
import { demoId, seededRandom } from './ids.js'
import agencyList from './thai-agencies.json' with { type: 'json' }

const TOPICS = [
  { th: 'สถิติประชากร', en: 'Population statistics' },
  { th: 'งบประมาณรายจ่ายประจำปี', en: 'Annual budget expenditure' },
  { th: 'รายชื่อหน่วยบริการ', en: 'List of service units' },
]

/** The demo catalog: every agency of the list, each with a few datasets of one CSV resource. */
export function buildDemoCatalog() {
  const ministries = new Map(agencyList.ministries.map((m) => [m.id, m]))
  const agencies: Agency[] = agencyList.agencies.map((a) => {
    const parent = ministries.get(a.ministry)
    return {
      agencyId: demoId('organization', a.id),
      slug: a.id,
      name: { th: a.th, en: a.en },
      ...(parent ? { parentId: parent.id, parentName: { th: parent.th, en: parent.en } } : {}),
      group: a.group,
      active: true,
    }
  })
  const datasets: Dataset[] = []
  const resources: Resource[] = []
  for (const agency of agencies) {
    TOPICS.forEach((topic, i) => {
      const slug = `${agency.slug}-dataset-${i + 1}`
      const datasetId = demoId('package', slug)
      const resourceId = demoId('resource', slug)
      datasets.push({
        datasetId,
        agencyId: agency.agencyId,
        slug,
        title: { th: `${topic.th} ${agency.name.th}`, en: `${topic.en}, ${agency.name.en}` },
        active: true,
        resourceIds: [resourceId],
      })
      resources.push({
        resourceId,
        datasetId,
        agencyId: agency.agencyId,
        url: `https://data.example.go.th/dataset/${slug}/resource/${resourceId}/download/data.csv`,
        format: 'CSV',
        active: true,
      })
    })
  }
  return { agencies, datasets, resources }
}

/** Fills an empty store with the demo catalog and recent downloads, through the real ingest path. */
export async function seedDemo(
  options: { now?: number; days?: number; onProgress?: (done: number, total: number) => void } = {},
) {
  const now = options.now ?? Date.now()
  const days = options.days ?? 45
  const { agencies, datasets, resources } = buildDemoCatalog()
  await putAgencies(agencies)
  await putDatasets(datasets)
  await putResources(resources)

  const random = seededRandom(2565)
  const weights = resources.map((_, i) => 1 / ((i % 37) + 1) ** 1.2)
  const totalWeight = weights.reduce((a, b) => a + b, 0)
  const pick = () => {
    let r = random() * totalWeight
    for (const [i, w] of weights.entries()) {
      r -= w
      if (r <= 0) return resources[i] as Resource
    }
    return resources[0] as Resource
  }
  const events = Array.from({ length: days * 60 }, (_, i) => {
    const at = now - Math.floor(random() * days * 86_400_000) - 60_000
    return {
      eventId: `demo-${i}`,
      resourceId: pick().resourceId,
      occurredAt: new Date(at).toISOString(),
      clientIp: `10.${Math.floor(random() * 250)}.${Math.floor(random() * 250)}.${Math.floor(random() * 250)}`,
      userAgent:
        random() < 0.1 ? 'python-requests/2.31' : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120',
    }
  })
  for (let i = 0; i < events.length; i += 500) {
    await recordDownloads(events.slice(i, i + 500), { ip: '127.0.0.1', userAgent: '' }, now)
    options.onProgress?.(Math.min(i + 500, events.length), events.length)
  }
  return { agencies: agencies.length, datasets: datasets.length, events: events.length }
}
