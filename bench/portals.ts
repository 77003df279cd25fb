/**
 * Joining several portals' catalogs in a sync (functions/catalog/combine.ts): the national portal's 100,000
 * packages over 300 organizations and an agency portal's 20,000, half of them harvested into the national one
 * (5,000 under the same id, 5,000 linked by their `original URL` extra). Prints the time of the join (the
 * conversion of both portals, agency matching and harvest linking; no I/O), the heap after it, and the
 * conversion alone (what a sync of the same packages from one portal spends on them).
 * Run: `npm run bench -- portals`.
 */

import type { CkanOrganization, CkanPackage } from '../functions/catalog/ckan-schema.js'
import { combinePortals, type FetchedPortal } from '../functions/catalog/combine.js'
import { toAgencies, toDatasets } from '../functions/catalog/to-catalog.js'
import { quantile, round } from './lib/stats.js'

const NATIONAL = 100_000
const AGENCY = 20_000
const ORGS = 300
const RUNS = 7
const portals = [
  { name: 'national', url: 'https://data.example.go.th' },
  { name: 'opdc', url: 'https://opdc.example.go.th' },
]

const org = (id: string, name: string): CkanOrganization => ({ id, name, title: `หน่วยงาน ${name}` })
const pkg = (id: string, name: string, owner: string, extras: CkanPackage['extras'] = []): CkanPackage => ({
  id,
  name,
  title: `ชุดข้อมูล ${name}`,
  owner_org: owner,
  state: 'active',
  private: false,
  extras,
  resources: [
    { id: `${id}-r`, url: `https://files.example.go.th/${id}.csv`, format: 'CSV', state: 'active' },
  ],
})

const nationalOrgs = Array.from({ length: ORGS }, (_, i) => org(`org-${i}`, `agency-${i}`))
const nationalPackages: CkanPackage[] = Array.from({ length: NATIONAL }, (_, i) =>
  pkg(`n-${i}`, `dataset-${i}`, `org-${i % ORGS}`),
)
// The agency portal's one organization has its own id and the national one's name.
const agencyOrgs = [org('opdc-org', 'agency-0')]
const agencyPackages: CkanPackage[] = Array.from({ length: AGENCY }, (_, i) => {
  if (i < 5_000) return pkg(`n-${i}`, `dataset-${i}`, 'opdc-org') // harvested, same id
  return pkg(`a-${i}`, `agency-dataset-${i}`, 'opdc-org')
})
// 5,000 national copies link back to the agency portal's dataset page.
for (let i = 5_000; i < 10_000; i++) {
  ;(nationalPackages[i] as CkanPackage).extras = [
    { key: 'original URL', value: `https://opdc.example.go.th/dataset/agency-dataset-${i}` },
  ]
}
const fetched: FetchedPortal[] = [
  { portal: portals[0] as FetchedPortal['portal'], orgs: nationalOrgs, packages: nationalPackages },
  { portal: portals[1] as FetchedPortal['portal'], orgs: agencyOrgs, packages: agencyPackages },
]
const none = { agencies: [], datasets: [], resources: [] }

const times: number[] = []
let result: ReturnType<typeof combinePortals> | undefined
for (let run = 0; run < RUNS; run++) {
  const started = performance.now()
  result = combinePortals(portals, fetched, none)
  times.push(performance.now() - started)
}
// The same portals converted one by one, as a single-portal sync does: what the join adds is the difference.
const alone: number[] = []
for (let run = 0; run < RUNS; run++) {
  const started = performance.now()
  for (const f of fetched) {
    const { agencies } = toAgencies(f.orgs)
    toDatasets(f.packages, new Set(agencies.map((a) => a.agencyId)))
  }
  alone.push(performance.now() - started)
}
globalThis.gc?.()
const heap = process.memoryUsage().heapUsed / 2 ** 20
console.log(
  `${NATIONAL.toLocaleString('en-US')} + ${AGENCY.toLocaleString('en-US')} packages → ` +
    `${result?.datasets.length.toLocaleString('en-US')} datasets, ${result?.agencies.length} agencies, ` +
    `${result?.resources.length.toLocaleString('en-US')} resources`,
)
console.log(
  `join: median ${round(quantile(times, 0.5))} ms, slowest ${round(Math.max(...times))} ms over ${RUNS} runs; ` +
    `heap after: ${round(heap)} MiB`,
)
console.log(`conversion alone (no join): median ${round(quantile(alone, 0.5))} ms over ${RUNS} runs`)
