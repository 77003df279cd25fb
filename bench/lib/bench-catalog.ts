import { putAgencies, putDatasets, putResources } from '../../functions/store/catalog.js'

/** A catalog for load tests: 50 agencies × 10 datasets × 1 resource. Returns the resource ids. */
export async function storeBenchCatalog(): Promise<string[]> {
  const agencies = Array.from({ length: 50 }, (_, a) => ({
    agencyId: `bench-agency-${a}`,
    slug: `bench-agency-${a}`,
    name: { th: `หน่วยงาน ${a}`, en: `Agency ${a}` },
    group: 'department',
    active: true,
  }))
  const datasets = agencies.flatMap((a) =>
    Array.from({ length: 10 }, (_, d) => ({
      datasetId: `${a.agencyId}-ds-${d}`,
      agencyId: a.agencyId,
      slug: `${a.agencyId}-ds-${d}`,
      title: { th: `ชุดข้อมูล ${d}`, en: `Dataset ${d}` },
      active: true,
      resourceIds: [`${a.agencyId}-res-${d}`],
    })),
  )
  const resources = datasets.map((d) => ({
    resourceId: d.resourceIds[0] as string,
    datasetId: d.datasetId,
    agencyId: d.agencyId,
    url: `https://data.example.go.th/dataset/${d.slug}/download/file.csv`,
    format: 'CSV',
    active: true,
  }))
  await putAgencies(agencies)
  await putDatasets(datasets)
  await putResources(resources)
  return resources.map((r) => r.resourceId)
}
