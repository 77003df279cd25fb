import { createHash } from 'node:crypto'
import { type CertificationContent, canonicalJson } from './certification.js'

/** The content hash of certified results: hex SHA-256 of their canonical JSON (UTF-8). */
export function contentSha256(content: CertificationContent): string {
  const { fy, countingRules, programme, categories, reviews } = content
  return createHash('sha256')
    .update(canonicalJson({ fy, countingRules, programme, categories, reviews }), 'utf8')
    .digest('hex')
}
