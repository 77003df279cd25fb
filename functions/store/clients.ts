import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { S3Client } from '@aws-sdk/client-s3'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { config } from '../config.js'

let dynamoClient: DynamoDBDocumentClient | undefined
let s3Client: S3Client | undefined

/** The DynamoDB document client, built once per process from the configuration. */
export function dynamo(): DynamoDBDocumentClient {
  if (!dynamoClient) {
    const { region, dynamodbEndpoint } = config()
    const base = new DynamoDBClient({ region, ...(dynamodbEndpoint ? { endpoint: dynamodbEndpoint } : {}) })
    dynamoClient = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true },
    })
  }
  return dynamoClient
}

/**
 * The S3 client. Path-style addressing and checksums only when required keep it working against the
 * embedded S3-compatible server, whose streamed uploads are otherwise stored with chunk framing.
 */
export function s3(): S3Client {
  if (!s3Client) {
    const { region, s3Endpoint } = config()
    s3Client = new S3Client({
      region,
      ...(s3Endpoint
        ? {
            endpoint: s3Endpoint,
            forcePathStyle: true,
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
          }
        : {}),
    })
  }
  return s3Client
}

export const table = () => config().tableName
export const bucket = () => config().reportsBucket

/** Drops the clients (after the configuration changed). */
export function resetClients(): void {
  dynamoClient?.destroy()
  s3Client?.destroy()
  dynamoClient = undefined
  s3Client = undefined
}
