/**
 * `npm run bench -- ceremony-pack`: renders the ceremony pack of a default programme (9 agency plaques, 49
 * dataset certificates, 20 runners-up each) in this process — what `POST /v1/awards/:fy/certify` does before it
 * stores the files — and prints the time taken and the pack's size. Rendering only: no store, no network.
 */
import { randomBytes } from 'node:crypto'
import { renderPack } from '../functions/certificates/pack.js'
import type { Certification, CertifiedEntry } from '../shared/certification.js'
import { certificateFile, codeFromBytes } from '../shared/certification.js'

const entry = (subject: 'agency' | 'dataset', i: number, places: number): CertifiedEntry => ({
  rank: i,
  id: `${subject}-${i}`,
  agencyId: `agency-${i}`,
  name:
    subject === 'agency'
      ? { th: `กรมส่งเสริมการปกครองท้องถิ่น หน่วยที่ ${i}`, en: `Department of Local Administration ${i}` }
      : { th: `ข้อมูลปริมาณน้ำฝนรายวันของสถานีตรวจวัดทั่วประเทศ ชุดที่ ${i}`, en: `Daily rainfall, set ${i}` },
  ...(subject === 'dataset'
    ? { agencyName: { th: 'กรมอุตุนิยมวิทยา', en: 'Thai Meteorological Department' } }
    : {}),
  downloads: 100_000 - i * 731,
  uniqueDownloads: 50_000 - i * 300,
  awarded: i <= places,
  tiedAtCutoff: false,
})

const categories = (
  [
    ['agency-plaque', 'agency', 9],
    ['dataset-certificate', 'dataset', 49],
  ] as const
).map(([id, subject, places]) => ({
  id,
  subject,
  metric: 'downloads' as const,
  places,
  qualifying: places,
  cutoff: 100_000 - places * 731,
  ties: false,
  standings: Array.from({ length: places + 20 }, (_, i) => entry(subject, i + 1, places)),
}))
const certification: Certification = {
  fy: 2569,
  countingRules: 'counting-v1',
  programme: { categories: categories.map(({ id, subject, places }) => ({ id, subject, places }) as never) },
  categories,
  reviews: [],
  version: 1,
  contentSha256: 'f'.repeat(64),
  certifiedBy: 'bench',
  certifiedAt: '2026-12-03T03:00:00.000Z',
  packId: 'bench',
  certificates: categories.flatMap((c) =>
    c.standings
      .filter((s) => s.awarded)
      .map((s) => ({
        code: codeFromBytes(randomBytes(16)),
        categoryId: c.id,
        subject: c.subject,
        subjectId: s.id,
        file: certificateFile(c.id, s.id),
      })),
  ),
  files: [],
}

// The first render loads the fonts: timed apart from the pack.
const warm = performance.now()
await renderPack(
  { ...certification, certificates: certification.certificates.slice(0, 1) },
  'https://example.go.th',
)
const warmMs = performance.now() - warm
const runs: number[] = []
let bytes = 0
let files = 0
for (let r = 0; r < 3; r++) {
  const start = performance.now()
  const pack = await renderPack(certification, 'https://rankings.example.go.th')
  runs.push(performance.now() - start)
  bytes = pack.reduce((sum, f) => sum + f.body.length, 0)
  files = pack.length
}
runs.sort((a, b) => a - b)
console.log(`first render (fonts loaded, results + 1 certificate): ${warmMs.toFixed(0)} ms`)
console.log(
  `pack of ${files} files (results + ${files - 1} certificates): median ${runs[1]?.toFixed(0)} ms over 3 runs (min ${runs[0]?.toFixed(0)}, max ${runs[2]?.toFixed(0)})`,
)
console.log(
  `per certificate: ${((runs[1] ?? 0) / (files - 1)).toFixed(0)} ms; pack size ${(bytes / 1024).toFixed(0)} KiB`,
)
