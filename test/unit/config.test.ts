import { afterEach, describe, expect, it } from 'vitest'
import { ingestKeyHash } from '../../functions/auth/api-keys.js'
import { ConfigError, config, loadConfig, resetConfig, useConfig } from '../../functions/config.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  resetConfig()
})

const read = (env: Record<string, string>) => {
  Object.assign(process.env, env)
  resetConfig()
  return config()
}

describe('configuration of sign-in, keys and limits', () => {
  it.each([
    [{ INGEST_API_KEY_HASHES: 'not-a-hash' }, 'INGEST_API_KEY_HASHES'],
    [{ RATE_LIMIT_DOWNLOADS_PER_MINUTE: '0' }, 'RATE_LIMIT_DOWNLOADS_PER_MINUTE'],
    [{ RATE_LIMIT_EVENT_REQUESTS_PER_MINUTE: 'lots' }, 'RATE_LIMIT_EVENT_REQUESTS_PER_MINUTE'],
    [
      { COGNITO_USER_POOL_ID: 'ap-southeast-1_x', COGNITO_CLIENT_ID: 'c', COGNITO_DOMAIN: 'http://plain' },
      'COGNITO_DOMAIN',
    ],
    [{ OGD_NOW: '2026-10-01' }, 'OGD_NOW'],
    [{ OGD_NOW: '2026-10-01T09:00:00' }, 'OGD_NOW'],
    [{ OGD_NOW: '2026-02-30T09:00:00+07:00' }, 'OGD_NOW'],
    [{ OGD_NOW: '2026-10-01T09:00:00+07:00', AWS_LAMBDA_FUNCTION_NAME: 'api' }, 'OGD_NOW'],
  ])('refuses %j, naming the variable', (env, name) => {
    expect(() => read(env)).toThrow(ConfigError)
    expect(() => read(env)).toThrow(name)
  })

  it('reads hashes in any case and several keys', () => {
    const hash = 'AB'.repeat(32)
    const cfg = read({ INGEST_API_KEYS: 'k1, k2', INGEST_API_KEY_HASHES: hash })
    expect(cfg.ingestApiKeys).toEqual(['k1', 'k2'])
    expect(cfg.ingestApiKeyHashes).toEqual([hash.toLowerCase()])
  })

  it('lets functions without sign-in start in cognito mode without a pool', () => {
    const cfg = read({ AUTH_MODE: 'cognito', COGNITO_USER_POOL_ID: '', COGNITO_CLIENT_ID: '' })
    expect(cfg.authMode).toBe('cognito')
    expect(cfg.cognito).toBeUndefined()
  })
})

describe('configuration of report emails', () => {
  const clear = { SMTP_URL: '', MAIL_TRANSPORT: '', MAIL_FROM: '', DASHBOARD_URL: '' }

  it.each([
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL'],
    [{ MAIL_TRANSPORT: 'pigeon' }, 'MAIL_TRANSPORT'],
    [{ MAIL_TRANSPORT: 'smtp' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM'],
    [{ DASHBOARD_URL: 'rankings.example.go.th' }, 'DASHBOARD_URL'],
  ])('refuses %j, naming the variable', (env, name) => {
    expect(() => read({ ...clear, ...env })).toThrow(ConfigError)
    expect(() => read({ ...clear, ...env })).toThrow(name)
  })

  it.each([
    [{}, 'outbox'],
    [{ SMTP_URL: 'smtp://127.0.0.1:2525' }, 'smtp'],
    [{ SMTP_URL: 'smtps://user:pass@mail.example.org' }, 'smtp'],
    [{ MAIL_TRANSPORT: 'ses' }, 'ses'],
  ])('with %j sends through %s', (env, transport) => {
    expect(read({ ...clear, ...env }).mail.transport).toBe(transport)
  })

  it('defaults the dashboard to the local one and drops a trailing slash', () => {
    expect(read(clear).mail.dashboardUrl).toBe('http://localhost:3000')
    expect(read({ ...clear, DASHBOARD_URL: 'https://r.example.go.th/' }).mail.dashboardUrl).toBe(
      'https://r.example.go.th',
    )
  })

  it('takes a sender with a display name', () => {
    expect(read({ ...clear, MAIL_FROM: 'OGD Rankings <reports@example.go.th>' }).mail.from).toBe(
      'OGD Rankings <reports@example.go.th>',
    )
  })
})

describe('loadConfig', () => {
  it('is a function of the environment it is given, not of the process', () => {
    const before = { ...process.env }
    const cfg = loadConfig({
      TABLE_NAME: 'given-table',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
      SMTP_URL: 'smtp://mail:25',
    })
    expect(cfg.tableName).toBe('given-table')
    expect(cfg.dynamodbEndpoint).toBe('http://127.0.0.1:1')
    expect(cfg.mail).toMatchObject({ transport: 'smtp', dashboardUrlSet: false })
    // Defaults where the environment says nothing, whatever this process's own environment holds.
    expect(loadConfig({})).toMatchObject({
      tableName: 'ogd-rankings',
      dynamodbEndpoint: undefined,
      authMode: 'dev',
    })
    expect(process.env).toEqual(before)
  })

  it('is what the process runs with once its entry point chose it', () => {
    const chosen = loadConfig({ TABLE_NAME: 'chosen' })
    useConfig(chosen)
    expect(config()).toBe(chosen)
    resetConfig()
    expect(config().tableName).toBe(process.env.TABLE_NAME?.trim() || 'ogd-rankings')
  })
})

describe('configuration of CKAN portals', () => {
  const clear = { CKAN_URL: '', CKAN_URLS: '', INGEST_API_KEYS: '', INGEST_API_KEY_HASHES: '' }

  it.each([
    [{ CKAN_URLS: 'https://data.go.th' }, 'not a name=url pair'],
    [{ CKAN_URLS: 'National=https://data.go.th' }, 'not a portal name'],
    [{ CKAN_URLS: 'national=data.go.th' }, 'not a URL'],
    [{ CKAN_URLS: 'national=ftp://data.go.th' }, 'http:// or https://'],
    [{ CKAN_URLS: 'a=https://data.go.th,a=https://opdc.example' }, 'listed twice'],
    [{ CKAN_URLS: 'a=https://data.go.th,b=https://data.go.th/' }, 'the same URL'],
    [{ CKAN_URLS: ',,' }, 'lists no portal'],
    [{ CKAN_URLS: 'a=https://data.go.th?x=1' }, 'no query'],
    [{ CKAN_URLS: 'a=https://data.go.th', CKAN_URL: 'https://data.go.th' }, 'not both'],
    [{ CKAN_URL: 'not a url' }, 'CKAN_URL'],
    [{ CKAN_URLS: 'national=https://data.go.th', INGEST_API_KEYS: 'opdc:k1' }, 'not configured'],
    [{ INGEST_API_KEY_HASHES: `opdc:${'ab'.repeat(32)}` }, 'not configured'],
  ])('refuses %j with a message that says what is wrong', (env, message) => {
    expect(() => read({ ...clear, ...env })).toThrow(ConfigError)
    expect(() => read({ ...clear, ...env })).toThrow(message)
  })

  it('reads name=url pairs in order, the first being the default portal', () => {
    const cfg = read({
      ...clear,
      CKAN_URLS: ' national=https://data.go.th/ , opdc=https://opdc.example/ckan',
    })
    expect(cfg.portals).toEqual([
      { name: 'national', url: 'https://data.go.th' },
      { name: 'opdc', url: 'https://opdc.example/ckan' },
    ])
    expect(cfg.defaultPortal).toBe('national')
    expect(cfg.ckanUrl).toBe('https://data.go.th')
  })

  it('keeps CKAN_URL as one portal named national, and national as the default without any', () => {
    expect(read({ ...clear, CKAN_URL: 'https://data.go.th' }).portals).toEqual([
      { name: 'national', url: 'https://data.go.th' },
    ])
    const none = read(clear)
    expect(none.portals).toEqual([])
    expect(none.defaultPortal).toBe('national')
  })

  it('binds portal:key keys and portal:hash hashes to their portal', () => {
    const hash = 'CD'.repeat(32)
    const cfg = read({
      ...clear,
      CKAN_URLS: 'national=https://data.go.th,opdc=https://opdc.example',
      INGEST_API_KEYS: 'free-key,opdc:opdc-key',
      INGEST_API_KEY_HASHES: `national:${hash}`,
    })
    expect(cfg.ingestApiKeys).toEqual(['free-key', 'opdc-key'])
    expect(cfg.ingestApiKeyHashes).toEqual([hash.toLowerCase()])
    expect(Object.fromEntries(cfg.ingestKeyPortals)).toEqual({
      [ingestKeyHash('opdc-key')]: 'opdc',
      [hash.toLowerCase()]: 'national',
    })
  })
})
