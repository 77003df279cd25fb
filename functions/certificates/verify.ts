import type { VerifiedCertificate } from '../../shared/certification.js'
import { awardCategoryTitle } from '../../shared/reports/labels.js'
import { getCertificateCode, getCertification, getLatestCertification } from '../store/certifications.js'

/**
 * What a verification code certifies, from the certification it was issued with (a code names one winner of
 * one version), or undefined for a code nobody issued. Only what the certificate itself shows is answered.
 */
export async function verifyCertificate(code: string): Promise<VerifiedCertificate | undefined> {
  const stored = await getCertificateCode(code)
  if (!stored) return undefined
  const certification = await getCertification(stored.fy, stored.version)
  // A code written by a certification attempt that lost to a concurrent one names a version it is not in.
  if (!certification?.certificates.some((c) => c.code === code)) return undefined
  const position = certification.categories.findIndex((c) => c.id === stored.categoryId)
  const category = certification.categories[position]
  const entry = category?.standings.find((s) => s.id === stored.subjectId && s.awarded)
  if (!category || !entry) return undefined
  const latest = await getLatestCertification(stored.fy)
  return {
    code,
    fy: certification.fy,
    version: certification.version,
    superseded: (latest?.version ?? certification.version) > certification.version,
    categoryId: category.id,
    categoryTitle: awardCategoryTitle(category, position + 1),
    subject: category.subject,
    holder: entry.name,
    ...(entry.agencyName ? { agencyName: entry.agencyName } : {}),
    rank: entry.rank,
    downloads: entry.downloads,
    ...(entry.awardCount === undefined ? {} : { awardCount: entry.awardCount }),
    tiedAtCutoff: entry.tiedAtCutoff,
    countingRules: certification.countingRules,
    certifiedAt: certification.certifiedAt,
    contentSha256: certification.contentSha256,
  }
}
