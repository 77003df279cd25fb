import type { AwardMetric, AwardProgramme } from './awards.js'
import type { LocalizedText } from './catalog.js'
import type { CountingRules } from './counting/user-agent.js'
import type { ReviewDecision, ReviewState, ReviewSubject } from './reviews.js'

/** One entry of certified standings: its place, its counts and whether it won, with its names as certified. */
export interface CertifiedEntry {
  rank: number
  /** The agency's id (agency categories) or the dataset's (dataset categories). */
  id: string
  agencyId: string
  /** The agency's name, or the dataset's title. */
  name: LocalizedText
  /** A dataset's agency. */
  agencyName?: LocalizedText
  downloads: number
  uniqueDownloads: number
  /** Downloads after a review discount, when they differ from `downloads`. */
  awardCount?: number
  awarded: boolean
  tiedAtCutoff: boolean
  review?: ReviewState
}

/** Where a category (or one agency group of it) put its cut-off. */
export interface CertifiedPool {
  places: number
  qualifying: number
  cutoff: number | null
  ties: boolean
}

/** A category's certified standings: every winner and the runners-up near the cut-off. */
export interface CertifiedCategory extends CertifiedPool {
  id: string
  subject: ReviewSubject
  metric: AwardMetric
  groups?: (CertifiedPool & { group: string })[]
  standings: CertifiedEntry[]
}

/** A review decision as it was when the results were certified. */
export interface CertifiedReview {
  subjectId: string
  subject: ReviewSubject
  decision: ReviewDecision
  reason: string
  days?: string[]
  months?: string[]
  setBy: string
  setAt: string
}

/** What a certification freezes, and what its hash covers: the figures and the rules they were decided by. */
export interface CertificationContent {
  fy: number
  countingRules: CountingRules
  programme: AwardProgramme
  categories: CertifiedCategory[]
  /** Every review decision of the fiscal year, by subject id. */
  reviews: CertifiedReview[]
}

/** One winner's certificate: its verification code and its file in the pack. */
export interface CertificateRef {
  code: string
  categoryId: string
  subject: ReviewSubject
  subjectId: string
  /** The certificate's file name in the pack (`certificates/<categoryId>/<subjectId>.pdf`). */
  file: string
}

/** A file of the ceremony pack. */
export interface PackFile {
  name: string
  size: number
  sha256: string
}

/** A certification as stored and answered by `GET /v1/awards/:fy/certification`. */
export interface Certification extends CertificationContent {
  /** 1 for the first; each restatement is the next. */
  version: number
  /** Hex SHA-256 of `canonicalJson(content)`: the same figures always give the same hash. */
  contentSha256: string
  certifiedBy: string
  certifiedAt: string
  /** The certification this one restates (its figures changed since). */
  restates?: { version: number; contentSha256: string }
  /** Where this version's pack is kept (its own folder per attempt). */
  packId: string
  certificates: CertificateRef[]
  files: PackFile[]
}

/** What the public verification page shows: nothing that is not public. */
export interface VerifiedCertificate {
  code: string
  fy: number
  version: number
  /** A later certification restates this one's figures. */
  superseded: boolean
  categoryId: string
  categoryTitle: LocalizedText
  subject: ReviewSubject
  holder: LocalizedText
  agencyName?: LocalizedText
  rank: number
  downloads: number
  awardCount?: number
  tiedAtCutoff: boolean
  countingRules: CountingRules
  certifiedAt: string
  contentSha256: string
}

/**
 * JSON with object keys in code-unit order, no whitespace and no `undefined` members: for the values certified
 * (strings, whole numbers, booleans, null, arrays, objects) this is RFC 8785's JSON Canonicalization Scheme, so
 * anyone can recompute a certification's hash from its JSON.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot certify the number ${value}`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
    return `{${members.join(',')}}`
  }
  throw new TypeError(`cannot certify a value of type ${typeof value}`)
}

/** Crockford's base 32: digits and capitals without I, L, O and U, so a code read aloud or typed is not mistaken. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Random characters of a code (50 bits), before its check character. */
export const CODE_RANDOM_LENGTH = 10
const N = CODE_ALPHABET.length

/** Luhn mod N over the code alphabet: catches any single mistyped character and most swaps of neighbours. */
function luhnSum(chars: string, doubleFirst: boolean): number {
  let factor = doubleFirst ? 2 : 1
  let sum = 0
  for (let i = chars.length - 1; i >= 0; i--) {
    let addend = factor * CODE_ALPHABET.indexOf(chars[i] as string)
    factor = factor === 2 ? 1 : 2
    addend = Math.floor(addend / N) + (addend % N)
    sum += addend
  }
  return sum
}

/** The check character of a code's random part. */
export function codeCheckChar(body: string): string {
  return CODE_ALPHABET[(N - (luhnSum(body, true) % N)) % N] as string
}

/**
 * A verification code from random bytes (at least `CODE_RANDOM_LENGTH`; each gives one character, 256 being a
 * multiple of 32 keeps them uniform): ten random characters and a check character.
 */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_RANDOM_LENGTH) throw new RangeError(`need ${CODE_RANDOM_LENGTH} random bytes`)
  const body = Array.from(bytes.subarray(0, CODE_RANDOM_LENGTH), (b) => CODE_ALPHABET[b % N]).join('')
  return body + codeCheckChar(body)
}

/**
 * A code as someone may type it (lower case, grouped with hyphens or spaces, O for 0, I or L for 1) in its
 * stored form, or undefined when it is not the shape of a code (wrong length, letters outside the alphabet, a
 * check character that does not match): such a code is refused without looking anything up.
 */
export function normalizeCode(input: string): string | undefined {
  if (input.length > 32) return undefined
  const code = input.toUpperCase().replace(/[-\s]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (code.length !== CODE_RANDOM_LENGTH + 1) return undefined
  if ([...code].some((c) => !CODE_ALPHABET.includes(c))) return undefined
  return luhnSum(code, false) % N === 0 ? code : undefined
}

/** A code as printed: in groups of four (`ABCD-EFGH-JKM`). */
export const formatCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code

/** The public verification address a certificate prints. */
export const verificationUrl = (base: string, code: string) => `${base.replace(/\/+$/, '')}/verify/${code}`

/** Every winner of certified standings, category by category, in rank order. */
export function winnersOf(content: Pick<CertificationContent, 'categories'>) {
  return content.categories.flatMap((category) =>
    category.standings.filter((s) => s.awarded).map((entry) => ({ category, entry })),
  )
}

/** A certificate's file name in the pack. */
export const certificateFile = (categoryId: string, subjectId: string) =>
  `certificates/${categoryId}/${subjectId}.pdf`

/** The results document's file name in the pack. */
export const RESULTS_FILE = 'results.pdf'
