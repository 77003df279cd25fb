import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { StoredReview } from '../../shared/reviews.js'
import { queryPartition } from './batch.js'
import { dynamo, table } from './clients.js'
import { reviewKey, reviewsPartition } from './keys.js'
import { bumpVersions } from './versions.js'

/** The version key of a fiscal year's review decisions (see versions.ts): award standings are cached by it. */
export const reviewsVersionKey = reviewsPartition

/** Records (replaces) DGA's review decision on a subject for a fiscal year. */
export async function putReview(review: StoredReview): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: table(), Item: { ...reviewKey(review.fy, review.subjectId), ...review } }),
  )
  await bumpVersions([reviewsVersionKey(review.fy)])
}

/** Removes a review decision (the entry goes back to its counted downloads); answers what was removed. */
export async function deleteReview(fy: number, subjectId: string): Promise<StoredReview | undefined> {
  const out = await dynamo().send(
    new DeleteCommand({ TableName: table(), Key: reviewKey(fy, subjectId), ReturnValues: 'ALL_OLD' }),
  )
  if (!out.Attributes) return undefined
  await bumpVersions([reviewsVersionKey(fy)])
  const { pk: _pk, sk: _sk, ...review } = out.Attributes
  return review as StoredReview
}

/** The review decision on a subject for a fiscal year, if any. */
export async function getReview(fy: number, subjectId: string): Promise<StoredReview | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: table(), Key: reviewKey(fy, subjectId) }))
  if (!out.Item) return undefined
  const { pk: _pk, sk: _sk, ...review } = out.Item
  return review as StoredReview
}

/** Every review decision of a fiscal year, keyed by subject id. */
export async function listReviews(fy: number): Promise<Map<string, StoredReview>> {
  const items = await queryPartition(reviewsPartition(fy))
  return new Map(items.map(({ pk: _pk, sk, ...r }) => [sk as string, r as unknown as StoredReview]))
}
