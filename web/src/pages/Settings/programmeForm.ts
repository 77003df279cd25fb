import type { AwardCategory, AwardMetric, AwardProgramme } from '../../../../shared/awards.js'
import type { MessageKey } from '../../i18n/dga-pages.js'
import { type InputProblem, parseWholeNumber } from './numberInput.js'

// The same bounds as the API's schema (functions/api/routes/awards.ts): the server has the last word, and the
// form only catches what a person can see is wrong before sending.
const PLACES = { min: 1, max: 1000 }
const MAX_CATEGORIES = 10
const MAX_GROUP_NAME = 100
const CATEGORY_ID = /^[a-z0-9][a-z0-9-]{0,39}$/

/** One award category as the form edits it: numbers as typed, optional fields empty when not given. */
export interface CategoryDraft {
  id: string
  subject: 'agency' | 'dataset'
  places: string
  /** Empty: not given (the award ranks by total downloads). */
  metric: AwardMetric | ''
  /** Dataset categories: at most this many datasets of one agency; empty for no limit. */
  maxPerAgency: string
  /** Agency categories: places per agency group; none for one pool of all agencies. */
  perGroup: { group: string; places: string }[]
}

export interface ProgrammeDraft {
  categories: CategoryDraft[]
}

/** A problem with one field, named by its path in the draft (`categories.0.places`), or the form as a whole. */
export interface FieldProblem extends InputProblem {
  field: string
}

/** The programme as the form edits it; its counting rules stay out (only a recount changes them). */
export function programmeDraft(programme: AwardProgramme): ProgrammeDraft {
  return {
    categories: programme.categories.map((c) => ({
      id: c.id,
      subject: c.subject,
      places: String(c.places),
      metric: c.metric ?? '',
      maxPerAgency: c.subject === 'dataset' && c.maxPerAgency !== undefined ? String(c.maxPerAgency) : '',
      perGroup:
        c.subject === 'agency'
          ? Object.entries(c.perGroup ?? {}).map(([group, places]) => ({ group, places: String(places) }))
          : [],
    })),
  }
}

/** A new, empty category of a subject, with an id not yet taken. */
export function newCategory(
  subject: CategoryDraft['subject'],
  taken: readonly CategoryDraft[],
): CategoryDraft {
  const base = subject === 'agency' ? 'agency-award' : 'dataset-award'
  let id = base
  for (let n = 2; taken.some((c) => c.id === id); n++) id = `${base}-${n}`
  return { id, subject, places: '', metric: 'downloads', maxPerAgency: '', perGroup: [] }
}

/** The body of `PUT /v1/awards/:fy/programme`, or every problem the reader must fix first. */
export type ProgrammeInput = { body: AwardProgramme } | { problems: FieldProblem[] }

/** Reads the programme form into the API's body, checking what the API checks that a form can know. */
export function readProgrammeForm(draft: ProgrammeDraft): ProgrammeInput {
  const problems: FieldProblem[] = []
  const add = (field: string, key: MessageKey, detail?: number) =>
    problems.push(detail === undefined ? { field, key } : { field, key, detail })
  const whole = (field: string, text: string): number | undefined => {
    const parsed = parseWholeNumber(text, PLACES)
    if ('problem' in parsed) problems.push({ field, ...parsed.problem })
    return 'value' in parsed ? parsed.value : undefined
  }

  if (draft.categories.length === 0) add('categories', 'errNoCategories')
  if (draft.categories.length > MAX_CATEGORIES) add('categories', 'errTooManyCategories', MAX_CATEGORIES)
  const categories = draft.categories.map((c, i): AwardCategory | undefined => {
    const at = `categories.${i}`
    const id = c.id.trim()
    if (!CATEGORY_ID.test(id)) add(`${at}.id`, 'errCategoryId')
    else if (draft.categories.findIndex((o) => o.id.trim() === id) !== i) add(`${at}.id`, 'errDuplicateId')
    const places = whole(`${at}.places`, c.places)
    const metric = c.metric === '' ? {} : { metric: c.metric }
    if (c.subject === 'dataset') {
      const max = c.maxPerAgency.trim() === '' ? undefined : whole(`${at}.maxPerAgency`, c.maxPerAgency)
      if (places === undefined) return undefined
      return {
        id,
        subject: 'dataset',
        places,
        ...metric,
        ...(max === undefined ? {} : { maxPerAgency: max }),
      }
    }
    const perGroup = readPerGroup(c.perGroup, at, add, whole)
    // The sum is only worth a message once every row reads.
    if (perGroup && places !== undefined) {
      const sum = Object.values(perGroup).reduce((a, b) => a + b, 0)
      if (sum !== places) add(`${at}.perGroup`, 'errPerGroupSum', sum)
    }
    if (places === undefined) return undefined
    return { id, subject: 'agency', places, ...metric, ...(perGroup ? { perGroup } : {}) }
  })
  if (problems.length > 0) return { problems }
  return { body: { categories: categories as AwardCategory[] } }
}

/** Places per group of an agency category: undefined when none is given, or when a row has a problem. */
function readPerGroup(
  rows: CategoryDraft['perGroup'],
  at: string,
  add: (field: string, key: MessageKey, detail?: number) => void,
  whole: (field: string, text: string) => number | undefined,
): Record<string, number> | undefined {
  if (rows.length === 0) return undefined
  // A Map, so a group named like an object's own property ("constructor") is a group like any other.
  const perGroup = new Map<string, number>()
  const named = new Set<string>()
  let complete = true
  rows.forEach((row, j) => {
    const field = `${at}.perGroup.${j}`
    const group = row.group.trim()
    const places = whole(`${field}.places`, row.places)
    let badName = true
    if (group === '' || group.length > MAX_GROUP_NAME) add(`${field}.group`, 'errGroupName')
    else if (named.has(group)) add(`${field}.group`, 'errDuplicateGroup')
    else badName = false
    named.add(group)
    if (!badName && places !== undefined) perGroup.set(group, places)
    else complete = false
  })
  return complete ? Object.fromEntries(perGroup) : undefined
}

/** The problems of one field (for the message beside its input). */
export const problemsOf = (problems: readonly FieldProblem[], field: string) =>
  problems.filter((p) => p.field === field)
