import { randomUUID } from 'node:crypto'
import { beforeAll, inject } from 'vitest'
import { ensureBucket, ensureTable } from '../../functions/store/setup.js'

// Each test file gets its own table and bucket on the shared embedded servers, so files run in parallel.
const id = randomUUID().slice(0, 8)
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
  S3_ENDPOINT: inject('s3Endpoint'),
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  TABLE_NAME: `test-${id}`,
  REPORTS_BUCKET: `test-${id}`,
  INGEST_API_KEYS: 'test-ingest-key,rotated-ingest-key',
  AUTH_MODE: 'dev',
  DEV_SIGNING_KEY: 'test-signing-key-that-is-long-enough',
  UNSUBSCRIBE_SIGNING_KEY: 'test-unsubscribe-key-that-is-long-enough',
  DASHBOARD_URL: 'https://rankings.example.go.th',
  // Generous, so only the tests of rate limiting (which set their own) ever meet a limit.
  RATE_LIMIT_DOWNLOADS_PER_MINUTE: '100000',
  RATE_LIMIT_EVENT_REQUESTS_PER_MINUTE: '100000',
})

beforeAll(async () => {
  await ensureTable()
  await ensureBucket()
})
