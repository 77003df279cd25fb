import { randomBytes, randomUUID } from 'node:crypto'
import type { CategoryStandings, Standing } from '../../shared/awards.js'
import type { LocalizedText } from '../../shared/catalog.js'
import {
  type Certification,
  type CertificationContent,
  type CertifiedCategory,
  type CertifiedEntry,
  type CertifiedReview,
  certificateFile,
  codeFromBytes,
  winnersOf,
} from '../../shared/certification.js'
import { contentSha256 } from '../../shared/certification-hash.js'
import { fiscalYearLabel, monthRange, monthsOfFiscalYear } from '../../shared/time.js'
import { clock } from '../clock.js'
import { AppError } from '../errors.js'
import { fiscalYearStandings } from '../read-model/awards.js'
import { readVersions } from '../read-model/cache.js'
import { catalog } from '../read-model/catalog.js'
import { countingRulesOfPeriod } from '../read-model/programme.js'
import {
  certificationFileKey,
  getLatestCertification,
  putCertificateCodes,
  putCertification,
} from '../store/certifications.js'
import { putReportFile } from '../store/reports.js'
import { packEntry, renderPack } from './pack.js'

export class FiscalYearNotEndedError extends AppError {
  override name = 'FiscalYearNotEndedError'
  constructor(fy: number, endsAt: number) {
    super(
      'fiscal_year_not_ended',
      `FY${fy} (${fiscalYearLabel(fy, 'en')}) has not ended: it can be certified from ${new Date(endsAt).toISOString()} (1 October, 00:00 Bangkok time)`,
    )
  }
}
export class NothingToCertifyError extends AppError {
  override name = 'NothingToCertifyError'
  constructor(fy: number) {
    super('nothing_to_certify', `FY${fy} has no downloads counted: there are no results to certify`)
  }
}
export class CertificationInProgressError extends AppError {
  override name = 'CertificationInProgressError'
  constructor(fy: number) {
    super(
      'certification_in_progress',
      `FY${fy} was certified by someone else at the same time; read it and try again`,
    )
  }
}

/** The instant a fiscal year ends: 1 October, 00:00 in Bangkok. */
export const fiscalYearEnd = (fy: number) => monthRange(monthsOfFiscalYear(fy)[11] as string).end

type Names = Awaited<ReturnType<typeof catalog>>

function certifiedEntry(subject: CategoryStandings['subject'], s: Standing, cat: Names): CertifiedEntry {
  const fallback = (id: string): LocalizedText => ({ th: id, en: id })
  const agencyName = cat.agencies.get(s.agencyId)?.name ?? fallback(s.agencyId)
  return {
    rank: s.rank,
    id: s.id,
    agencyId: s.agencyId,
    name: subject === 'agency' ? agencyName : (cat.datasets.get(s.id)?.title ?? fallback(s.id)),
    ...(subject === 'dataset' ? { agencyName } : {}),
    downloads: s.downloads,
    uniqueDownloads: s.uniqueDownloads,
    ...(s.awardCount === undefined ? {} : { awardCount: s.awardCount }),
    awarded: s.awarded,
    tiedAtCutoff: s.tiedAtCutoff,
    ...(s.review ? { review: s.review } : {}),
  }
}

/**
 * A finished fiscal year's results as they stand now: each category's winners and runners-up near the cut-off
 * (award counts after DGA's review decisions), ties and cut-offs, the programme, the counting rules and every
 * review decision: what a certification freezes.
 */
export async function currentResults(fy: number, now = clock.now()): Promise<CertificationContent> {
  const versions = await readVersions()
  const { programme, categories, reviews } = await fiscalYearStandings(versions, fy, now)
  const cat = await catalog()
  const countingRules = await countingRulesOfPeriod(versions, { fy })
  const certified = categories.map(
    (c): CertifiedCategory => ({
      id: c.id,
      subject: c.subject,
      metric: c.metric,
      places: c.places,
      qualifying: c.qualifying,
      cutoff: c.cutoff,
      ties: c.ties,
      ...(c.groups ? { groups: c.groups } : {}),
      standings: c.standings.map((s) => certifiedEntry(c.subject, s, cat)),
    }),
  )
  const decisions = [...reviews.values()]
    .map(
      (r): CertifiedReview => ({
        subjectId: r.subjectId,
        subject: r.subject,
        decision: r.decision,
        reason: r.reason,
        ...(r.days ? { days: r.days } : {}),
        ...(r.months ? { months: r.months } : {}),
        setBy: r.setBy,
        setAt: r.setAt,
      }),
    )
    .sort((a, b) => (a.subjectId < b.subjectId ? -1 : 1))
  return { fy, countingRules, programme, categories: certified, reviews: decisions }
}

/** What certifying gives: the certification in force, and whether this call made it. */
export interface CertifyOutcome {
  certification: Certification
  created: boolean
}

/**
 * Certifies a finished fiscal year. When its results are those of the latest certification (the same content
 * hash) that one is the answer; otherwise a new version is made (a restatement when one existed): a
 * verification code per winner, the ceremony pack in the bucket, then the version listed, never changed after.
 */
export async function certifyFiscalYear(
  fy: number,
  actor: string,
  verifyBase: string,
  now = clock.now(),
): Promise<CertifyOutcome> {
  const endsAt = fiscalYearEnd(fy)
  if (now < endsAt) throw new FiscalYearNotEndedError(fy, endsAt)
  const content = await currentResults(fy, now)
  if (winnersOf(content).length === 0) throw new NothingToCertifyError(fy)
  const hash = contentSha256(content)
  const latest = await getLatestCertification(fy)
  if (latest?.contentSha256 === hash) return { certification: latest, created: false }

  const version = (latest?.version ?? 0) + 1
  const draft: Certification = {
    ...content,
    version,
    contentSha256: hash,
    certifiedBy: actor,
    certifiedAt: new Date(now).toISOString(),
    ...(latest ? { restates: { version: latest.version, contentSha256: latest.contentSha256 } } : {}),
    // A pack of its own per attempt: two certifications made at once never write into each other's files.
    packId: randomUUID(),
    certificates: winnersOf(content).map(({ category, entry }) => ({
      code: codeFromBytes(randomBytes(16)),
      categoryId: category.id,
      subject: category.subject,
      subjectId: entry.id,
      file: certificateFile(category.id, entry.id),
    })),
    files: [],
  }
  const rendered = await renderPack(draft, verifyBase)
  for (const file of rendered) {
    await putReportFile(certificationFileKey(fy, draft.packId, file.name), file.body, 'application/pdf')
  }
  await putCertificateCodes(draft.certificates.map((ref) => ({ ...ref, fy, version })))
  const certification: Certification = { ...draft, files: rendered.map(packEntry) }
  if (!(await putCertification(certification))) throw new CertificationInProgressError(fy)
  return { certification, created: true }
}
