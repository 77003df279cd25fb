import type { AwardsResponse, TargetResponse } from '../../../../shared/api.js'
import { type InputProblem, parseWholeNumber } from './numberInput.js'

/** The largest target the API takes (functions/api/routes/targets.ts). */
export const MAX_TARGET = 1e12

/** The body of `PUT /v1/targets/:fy/:agencyId`, or what the reader must fix first (by field). */
export type TargetInput =
  | { agencyId: string; body: { downloads: number } }
  | { problems: Partial<Record<'agency' | 'downloads', InputProblem>> }

/** Reads the target form: an agency chosen, and a whole number of downloads from 0 up. */
export function readTargetForm(agencyId: string, downloads: string): TargetInput {
  const problems: Partial<Record<'agency' | 'downloads', InputProblem>> = {}
  if (agencyId === '') problems.agency = { key: 'errPickAgency' }
  const parsed = parseWholeNumber(downloads, { min: 0, max: MAX_TARGET })
  if ('problem' in parsed) problems.downloads = parsed.problem
  if ('value' in parsed && agencyId !== '') return { agencyId, body: { downloads: parsed.value } }
  return { problems }
}

/**
 * What an agency without a DGA target aims at: while the year runs, the projected year-end cut-off of the
 * agency award; once it is over, the actual cut-off; nothing for a year without data.
 */
export type DefaultTarget =
  | { kind: 'projected'; low: number; mid: number; high: number }
  | { kind: 'final'; cutoff: number }
  | { kind: 'none' }

/** The default target of a fiscal year, from its award standings (the first agency category). */
export function defaultTarget(awards: AwardsResponse | undefined): DefaultTarget {
  const category = awards?.categories.find((c) => c.subject === 'agency')
  if (!awards || awards.noData || !category) return { kind: 'none' }
  if (awards.provisional) {
    const p = category.projectedCutoff
    return p ? { kind: 'projected', low: p.low, mid: p.mid, high: p.high } : { kind: 'none' }
  }
  return category.cutoff === null ? { kind: 'none' } : { kind: 'final', cutoff: category.cutoff }
}

/** A target DGA set, with the agency's name for the list. */
export interface TargetRow extends TargetResponse {
  name: string
}

/** The targets DGA set, named, in Thai collation order of the names (then by id). */
export function targetRows(
  items: readonly TargetResponse[],
  nameOf: (agencyId: string) => string | undefined,
): TargetRow[] {
  const collator = new Intl.Collator('th')
  return items
    .map((t) => ({ ...t, name: nameOf(t.agencyId) ?? t.agencyId }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.agencyId < b.agencyId ? -1 : 1))
}
