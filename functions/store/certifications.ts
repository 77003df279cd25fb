import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { CertificateRef, Certification } from '../../shared/certification.js'
import { isConditionFailed } from './batch.js'
import { dynamo, table } from './clients.js'
import { certificateCodeKey, certificationKey, certificationsPartition } from './keys.js'
import { bumpVersions } from './versions.js'

/**
 * Certified award results. A fiscal year's certifications are one partition (see keys.ts), a sort key per version,
 * each version written once with a condition and never changed; the ceremony pack's files live in the reports
 * bucket under `reports/certificates/FY<fy>/<packId>/`, written before the version is listed. Each certificate's
 * verification code points at its certification (one item per code).
 */
/** The S3 key of a file of a certification's ceremony pack. */
export const certificationFileKey = (fy: number, packId: string, name: string) =>
  `reports/certificates/FY${fy}/${packId}/${name}`

/** Where a verification code points: the fiscal year, version and winner it certifies. */
export interface StoredCertificateCode extends CertificateRef {
  fy: number
  version: number
}

/** Records a certification version; false when that version already exists (a concurrent certification won). */
export async function putCertification(certification: Certification): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...certificationKey(certification.fy, certification.version), ...certification },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    // Readers cache the latest certification while this version stays (read-model/certification.ts).
    await bumpVersions([certificationsPartition(certification.fy)])
    return true
  } catch (err) {
    if (isConditionFailed(err)) return false
    throw err
  }
}

/** The latest certification of a fiscal year, or undefined when it was never certified. */
export async function getLatestCertification(fy: number): Promise<Certification | undefined> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': certificationsPartition(fy) },
      ScanIndexForward: false,
      Limit: 1,
    }),
  )
  return stripKeys(out.Items?.[0])
}

/** One version of a fiscal year's certification, if it exists. */
export async function getCertification(fy: number, version: number): Promise<Certification | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: table(), Key: certificationKey(fy, version) }))
  return stripKeys(out.Item)
}

/** Records where verification codes point; a code already taken (never expected of 50 random bits) throws. */
export async function putCertificateCodes(codes: readonly StoredCertificateCode[]): Promise<void> {
  for (const code of codes) {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...certificateCodeKey(code.code), ...code },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
  }
}

/** What a verification code certifies, or undefined for an unknown code. */
export async function getCertificateCode(code: string): Promise<StoredCertificateCode | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: table(), Key: certificateCodeKey(code) }))
  if (!out.Item) return undefined
  const { pk: _pk, sk: _sk, ...stored } = out.Item
  return stored as StoredCertificateCode
}

function stripKeys(item: Record<string, unknown> | undefined): Certification | undefined {
  if (!item) return undefined
  const { pk: _pk, sk: _sk, ...rest } = item
  return rest as unknown as Certification
}
