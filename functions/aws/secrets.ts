import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { config } from '../config.js'

let client: SecretsManagerClient | undefined

/** The current value of a Secrets Manager secret (by name or ARN); callers cache it per cold start. */
export async function getSecretString(secretId: string): Promise<string> {
  client ??= new SecretsManagerClient({ region: config().region })
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }))
  if (!out.SecretString) throw new Error(`The secret ${secretId} has no string value`)
  return out.SecretString
}
