import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { S3Client } from '@aws-sdk/client-s3'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { type Config, config } from '../config.js'

let dynamoClient: DynamoDBDocumentClient | undefined
let s3Client: S3Client | undefined
/** Where the clients connect: a configuration that changes it (the local runtime's) builds them again. */
let builtFor: string | undefined

function current(): Config {
  const c = config()
  const connection = JSON.stringify([c.region, c.dynamodbEndpoint, c.s3Endpoint, c.credentials?.accessKeyId])
  if (builtFor !== connection) {
    resetClients()
    builtFor = connection
  }
  return c
}

/** The DynamoDB document client, built once per configuration. */
export function dynamo(): DynamoDBDocumentClient {
  const { region, dynamodbEndpoint, credentials } = current()
  if (!dynamoClient) {
    const base = new DynamoDBClient({
      region,
      ...(dynamodbEndpoint ? { endpoint: dynamodbEndpoint } : {}),
      ...(credentials ? { credentials } : {}),
    })
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
  const { region, s3Endpoint, credentials } = current()
  if (!s3Client) {
    s3Client = new S3Client({
      region,
      ...(credentials ? { credentials } : {}),
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
