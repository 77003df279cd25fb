import { App } from 'aws-cdk-lib'
import { describe, expect, it } from 'vitest'
import { DeployConfigError, readDeployConfig } from '../../cdk/config.js'

const read = (context: Record<string, unknown>) => readDeployConfig(new App({ context }).node)

describe('deployment configuration from CDK context', () => {
  it('has documented defaults', () => {
    expect(read({})).toEqual({
      ckanUrl: 'https://data.go.th',
      ingestApiKeyHashes: [],
      mailFrom: undefined,
      alarmEmail: undefined,
      domainName: undefined,
      certificateArn: undefined,
      webAclArn: undefined,
      authDomainPrefix: undefined,
      logRetentionDays: 90,
      reportVersionDays: 400,
      webDist: 'web/dist',
    })
  })

  it('reads comma-separated key hashes, lower-cased', () => {
    const hashes = read({ ingestApiKeyHashes: ` ${'A'.repeat(64)}, ${'b'.repeat(64)} ` }).ingestApiKeyHashes
    expect(hashes).toEqual(['a'.repeat(64), 'b'.repeat(64)])
  })

  it.each([
    [{ ingestApiKeyHashes: 'my-secret-key' }, /ingestApiKeyHashes/],
    [{ logRetentionDays: '45' }, /logRetentionDays/],
    [{ reportVersionDays: '0' }, /reportVersionDays/],
    [{ mailFrom: 'not an address' }, /mailFrom/],
    [{ alarmEmail: 'ops' }, /alarmEmail/],
    [{ domainName: 'rankings.example.org' }, /certificateArn/],
    [
      { domainName: 'rankings.example.org', certificateArn: 'arn:aws:acm:ap-southeast-1:1:certificate/x' },
      /us-east-1/,
    ],
    [{ ckanUrl: 'data.go.th' }, /ckanUrl/],
    [{ ckanUrls: 'https://data.go.th' }, /ckanUrls must be name=url pairs/],
    [{ ckanUrls: 'a=https://data.go.th,a=https://opdc.example' }, /ckanUrls/],
    [
      { ckanUrls: 'national=https://data.go.th', ingestApiKeyHashes: `opdc:${'ab'.repeat(32)}` },
      /portal "opdc"/,
    ],
    [{ authDomainPrefix: 'Has Spaces' }, /authDomainPrefix/],
  ])('refuses %o', (context, message) => {
    expect(() => read(context)).toThrow(DeployConfigError)
    expect(() => read(context)).toThrow(message)
  })
})
