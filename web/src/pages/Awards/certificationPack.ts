import { type Certification, RESULTS_FILE } from '../../../../shared/certification.js'
import { awardCategoryTitle } from '../../../../shared/reports/labels.js'
import type { Locale } from '../../../../shared/time.js'

/** A file of the ceremony pack as the dashboard lists it: the results first, then each winner's certificate. */
export interface PackLabel {
  name: string
  size: number
  kind: 'results' | 'certificate'
  /** A certificate's holder and award, in the reader's language. */
  label: string
}

/** The pack's files with what each is: the results document, then certificates by category and rank. */
export function packLabels(
  certification: Pick<Certification, 'files' | 'certificates' | 'categories'>,
  lang: Locale,
): PackLabel[] {
  const byFile = new Map(certification.certificates.map((c) => [c.file, c]))
  return certification.files.map((file) => {
    if (file.name === RESULTS_FILE) return { ...file, kind: 'results', label: '' }
    const ref = byFile.get(file.name)
    const position = certification.categories.findIndex((c) => c.id === ref?.categoryId)
    const category = certification.categories[position]
    const entry = category?.standings.find((s) => s.id === ref?.subjectId)
    const award = category ? awardCategoryTitle(category, position + 1)[lang] : ''
    return {
      ...file,
      kind: 'certificate',
      label: `${entry?.name[lang] ?? ref?.subjectId ?? file.name} · ${award}`,
    }
  })
}
