import { Template } from 'aws-cdk-lib/assertions'
import * as s3 from 'aws-cdk-lib/aws-s3'
import { describe, expect, it } from 'vitest'
import { defineApp } from '../../cdk/define-app.js'
import { OgdRankingsStack } from '../../cdk/stack.js'
import { ROLLUP_COMPLETED_METRIC } from '../../shared/metrics.js'
import { actionsOf, awsSolutionsFindings, policyStatements, testApp, WEB_DIST_FIXTURE } from './support.js'

const FULL_CONTEXT = {
  webDist: WEB_DIST_FIXTURE,
  mailFrom: 'reports@example.org',
  alarmEmail: 'ops@example.org',
  ingestApiKeyHashes: 'c'.repeat(64),
  ckanUrl: 'https://ckan.example.org',
}

describe('the whole stack', () => {
  const minimal = new OgdRankingsStack(testApp(), 'OgdRankings')
  const full = new OgdRankingsStack(testApp(FULL_CONTEXT), 'OgdRankings')
  const custom = new OgdRankingsStack(
    testApp({
      ...FULL_CONTEXT,
      domainName: 'rankings.example.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ogd/1',
    }),
    'OgdRankings',
    { env: { account: '123456789012', region: 'ap-southeast-1' } },
  )

  it.each([
    ['with defaults', minimal],
    ['with every option', full],
    ['with a custom domain, a web ACL and an explicit environment', custom],
  ])('passes the AWS Solutions checks %s: no unacknowledged errors or warnings', (_, stack) => {
    expect(awsSolutionsFindings(stack, 'error')).toEqual([])
    expect(awsSolutionsFindings(stack, 'warning')).toEqual([])
  })

  it("synthesizes into the test file's own directory, which is removed after it (none left in the temp folder)", () => {
    const app = testApp()
    expect(process.env.CDK_OUTDIR).toMatch(/ogd-cdk-test-/)
    expect(app.outdir).toBe(process.env.CDK_OUTDIR)
  })

  it('outputs what an operator needs after deploying', () => {
    const outputs = Object.keys(Template.fromStack(minimal).findOutputs('*'))
    for (const name of [
      'ApiUrl',
      'DashboardUrl',
      'UserPoolId',
      'HostedUiUrl',
      'ReportsBucket',
      'AlarmTopicArn',
    ]) {
      expect(outputs).toContain(name)
    }
  })

  it('names the hosted UI domain after the stack and account unless told otherwise', () => {
    Template.fromStack(minimal).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['ogdrankings-', { Ref: 'AWS::AccountId' }]] },
    })
    const named = new OgdRankingsStack(testApp({ authDomainPrefix: 'dga-rankings' }), 'OgdRankings')
    Template.fromStack(named).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'dga-rankings',
    })
  })

  it('uploads the dashboard only when a build exists', () => {
    Template.fromStack(minimal).resourceCountIs('Custom::CDKBucketDeployment', 0)
    Template.fromStack(full).resourceCountIs('Custom::CDKBucketDeployment', 1)
  })

  it('creates the SES identity and lets the API and the report job send only when a sender is configured', () => {
    Template.fromStack(minimal).resourceCountIs('AWS::SES::EmailIdentity', 0)
    const none = Object.values(Template.fromStack(minimal).findResources('AWS::Lambda::Function'))
    expect(none.filter((f) => f.Properties.Environment?.Variables?.MAIL_TRANSPORT)).toEqual([])
    const template = Template.fromStack(full)
    template.resourceCountIs('AWS::SES::EmailIdentity', 1)
    const withMail = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.MAIL_FROM === 'reports@example.org',
    )
    expect(withMail.map((f) => f.Properties.Handler).sort()).toEqual([
      'index.handler',
      'index.monthlyHandler',
    ])
    expect(withMail.map((f) => f.Properties.Environment.Variables.MAIL_TRANSPORT)).toEqual(['ses', 'ses'])
    // The report job records deliveries: updates on the DELIVERY# partitions and nothing else.
    const deliveries = policyStatements(template).filter((st) =>
      JSON.stringify(st.Condition ?? {}).includes('DELIVERY#*'),
    )
    expect(deliveries.map((st) => actionsOf(st))).toEqual([['dynamodb:UpdateItem']])
  })

  it('lets no function write to the table outside the partitions its code writes (dynamodb:LeadingKeys)', () => {
    const template = Template.fromStack(full)
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]
    const tableWrites = policyStatements(template).filter((st) =>
      actionsOf(st).some((a) => writes.includes(a)),
    )
    expect(tableWrites.length).toBeGreaterThanOrEqual(6)
    for (const st of tableWrites) {
      const keys = (st.Condition as Record<string, Record<string, string[]>> | undefined)?.[
        'ForAllValues:StringLike'
      ]
      expect(keys?.['dynamodb:LeadingKeys']?.length).toBeGreaterThan(0)
    }
  })

  it('alarms on every function, the API and the dead-letter queue', () => {
    const template = Template.fromStack(minimal)
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'))
    const metrics = alarms.map((a) => a.Properties.MetricName)
    // Ingest, API, rollup, catalog sync, the monthly run: one error alarm each (the rollup's throttles are by design).
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(5)
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(4)
    // A failed monthly run alarms at its first error.
    const report = alarms.find((a) => String(a.Properties.AlarmDescription).startsWith('Monthly:'))
    expect(report?.Properties).toMatchObject({ MetricName: 'Errors', Threshold: 1 })
    expect(metrics).toContain('ApproximateNumberOfMessagesVisible')
    expect(metrics).toContain('5xx')
    // Counts going stale: no rollup finished in five minutes, whatever the reason.
    expect(metrics).toContain(ROLLUP_COMPLETED_METRIC)
  })

  it('the dashboard origin reaches the Lambda environment and the sign-in callback', () => {
    const template = Template.fromStack(custom)
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://rankings.example.org/'],
    })
    const origins = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((f) => f.Properties.Environment?.Variables?.DASHBOARD_ORIGIN)
      .filter(Boolean)
    expect(origins).toEqual(['https://rankings.example.org', 'https://rankings.example.org'])
  })
})

describe('the app', () => {
  it('stops synth on an AWS Solutions finding nobody acknowledged', () => {
    const app = testApp()
    const stack = defineApp(app)
    new s3.Bucket(stack, 'Unlogged', { enforceSSL: true })
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/)
  })
})
