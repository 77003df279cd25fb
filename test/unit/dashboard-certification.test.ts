import { describe, expect, it } from 'vitest'
import type { Certification } from '../../shared/certification.js'
import { packLabels } from '../../web/src/pages/Awards/certificationPack.js'

const certification: Pick<Certification, 'files' | 'certificates' | 'categories'> = {
  files: [
    { name: 'results.pdf', size: 2048, sha256: 'a' },
    { name: 'certificates/agency-plaque/ag-1.pdf', size: 1024, sha256: 'b' },
    { name: 'certificates/dataset-certificate/ds-1.pdf', size: 1024, sha256: 'c' },
  ],
  certificates: [
    {
      code: 'X',
      categoryId: 'agency-plaque',
      subject: 'agency',
      subjectId: 'ag-1',
      file: 'certificates/agency-plaque/ag-1.pdf',
    },
    {
      code: 'Y',
      categoryId: 'dataset-certificate',
      subject: 'dataset',
      subjectId: 'ds-1',
      file: 'certificates/dataset-certificate/ds-1.pdf',
    },
  ],
  categories: [
    {
      id: 'agency-plaque',
      subject: 'agency',
      metric: 'downloads',
      places: 9,
      qualifying: 9,
      cutoff: 1,
      ties: false,
      standings: [
        {
          rank: 1,
          id: 'ag-1',
          agencyId: 'ag-1',
          name: { th: 'กรมทดสอบ', en: 'Test Department' },
          downloads: 5,
          uniqueDownloads: 5,
          awarded: true,
          tiedAtCutoff: false,
        },
      ],
    },
    {
      id: 'dataset-certificate',
      subject: 'dataset',
      metric: 'downloads',
      places: 49,
      qualifying: 1,
      cutoff: 1,
      ties: false,
      standings: [
        {
          rank: 1,
          id: 'ds-1',
          agencyId: 'ag-1',
          name: { th: 'ชุดข้อมูลฝน', en: 'Rainfall' },
          downloads: 5,
          uniqueDownloads: 5,
          awarded: true,
          tiedAtCutoff: false,
        },
      ],
    },
  ],
}

describe('the ceremony pack on the Awards page', () => {
  it.each([
    ['th', ['', 'กรมทดสอบ · โล่รางวัลหน่วยงาน', 'ชุดข้อมูลฝน · เกียรติบัตรชุดข้อมูลที่มีคุณค่า']],
    ['en', ['', 'Test Department · Agency plaque', 'Rainfall · Valuable dataset certificate']],
  ] as const)('names each certificate by its holder and award (%s)', (lang, labels) => {
    const listed = packLabels(certification, lang)
    expect(listed.map((f) => f.label)).toEqual(labels)
    expect(listed.map((f) => f.kind)).toEqual(['results', 'certificate', 'certificate'])
  })

  it('falls back to the subject id for a certificate it cannot place', () => {
    const odd = { ...certification, files: [{ name: 'certificates/x/zz.pdf', size: 1, sha256: 'd' }] }
    expect(packLabels(odd, 'en')[0]?.label).toBe('certificates/x/zz.pdf · ')
  })
})
