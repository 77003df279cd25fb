import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import type { ReportEntry } from '../../shared/api.js'
import { isConditionFailed, queryAll, queryPartition } from './batch.js'
import { bucket, dynamo, s3, table } from './clients.js'
import { PARTITIONS, reportEntryKey, reportsPrefix } from './keys.js'

/**
 * Monthly reports. Files live in S3 under `reports/monthly/<YYYY-MM>/v<N>/<name>` (a version's folder is
 * written once and never changed, so every version stays readable); `manifest.json` there is written last.
 * The index of versions is one DynamoDB partition (`pk = REPORT`, `sk = M#<month>#V#<0001>`), written after
 * the files with a condition, so a version is listed only once all its files exist and never twice.
 */
/** The S3 key of a file of a report version. */
export const reportKey = (month: string, version: number, name: string) =>
  `reports/monthly/${month}/v${version}/${name}`

/** A stored version: the API's entry plus what the versioning rule compares. */
export interface StoredReportEntry extends ReportEntry {
  contentSha256: string
}

/**
 * Writes one file of a report version. With `onlyIfAbsent` (the manifest) S3 refuses to overwrite an
 * existing object (`If-None-Match: *`): false when it already exists.
 */
export async function putReportFile(
  key: string,
  body: Buffer,
  contentType: string,
  onlyIfAbsent = false,
): Promise<boolean> {
  try {
    await s3().send(
      new PutObjectCommand({
        Bucket: bucket(),
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentLength: body.length,
        ...(onlyIfAbsent ? { IfNoneMatch: '*' } : {}),
      }),
    )
    return true
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
    if (onlyIfAbsent && (status === 412 || (err as Error).name === 'PreconditionFailed')) return false
    throw err
  }
}

/** The bytes of a report file; undefined when there is none. */
export async function getReportFile(key: string): Promise<Buffer | undefined> {
  try {
    const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }))
    return Buffer.from((await out.Body?.transformToByteArray()) ?? [])
  } catch (err) {
    if ((err as Error).name === 'NoSuchKey') return undefined
    throw err
  }
}

/** A short-lived (5 minutes by default) presigned GET of a report file, downloaded under `filename`. */
export function presignReportFile(key: string, filename: string, expiresInSeconds = 300): Promise<string> {
  return getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucket(),
      Key: key,
      ResponseContentDisposition: `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    }),
    { expiresIn: expiresInSeconds },
  )
}

/** Lists a version in the index; false when that month already has this version (a concurrent run won). */
export async function putReportEntry(entry: StoredReportEntry): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: { ...reportEntryKey(entry.month, entry.version), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    return true
  } catch (err) {
    if (isConditionFailed(err)) return false
    throw err
  }
}

/** Every stored version (of one month, or of all), newest month first and, within a month, newest first. */
export async function listReportEntries(month?: string): Promise<StoredReportEntry[]> {
  const items = await queryPartition(PARTITIONS.reports, reportsPrefix(month))
  return items
    .map(({ pk: _pk, sk: _sk, ...rest }) => rest as unknown as StoredReportEntry)
    .sort((a, b) => (a.month === b.month ? b.version - a.version : a.month < b.month ? 1 : -1))
}

/** A version as the open data lists it: no file list (an entry lists every agency's files: hundreds of KB). */
export type ReportVersionSummary = Pick<
  StoredReportEntry,
  'month' | 'version' | 'complete' | 'generatedAt' | 'countingRules'
>

/** Every stored version's summary, newest month first and, within a month, newest first. */
export async function listReportVersions(): Promise<ReportVersionSummary[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': PARTITIONS.reports, ':p': reportsPrefix() },
    ProjectionExpression: '#m, #v, #c, generatedAt, countingRules',
    ExpressionAttributeNames: { '#m': 'month', '#v': 'version', '#c': 'complete' },
  })
  return (items as unknown as ReportVersionSummary[]).sort((a, b) =>
    a.month === b.month ? b.version - a.version : a.month < b.month ? 1 : -1,
  )
}
