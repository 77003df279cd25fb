import { Match, Template } from 'aws-cdk-lib/assertions'
import type { CfnRole } from 'aws-cdk-lib/aws-iam'
import { type CfnFunction, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda'
import { describe, expect, it } from 'vitest'
import { Jobs } from '../../cdk/constructs/jobs.js'
import { actionsOf, testData, testStack } from './support.js'

describe('Jobs', () => {
  const stack = testStack()
  new Jobs(stack, 'Jobs', { data: testData(stack), ckanUrl: 'https://ckan.example.org' })
  const template = Template.fromStack(stack)

  it('schedules the rollup every minute, the catalog sync and the archive daily and the monthly run, in Bangkok time', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 4)
    template.allResourcesProperties('AWS::Scheduler::Schedule', {
      ScheduleExpressionTimezone: 'Asia/Bangkok',
    })
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(* * * * ? *)' })
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 3 * * ? *)' })
    // 02:00 on the 1st (MONTHLY_RUN_CRON, as the local schedule): recount, report and emails, in one run.
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 2 1 * ? *)' })
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(30 4 * * ? *)' })
  })

  it('lets the archive job write only archive objects, and the rollup and recount only read them', () => {
    const policies = template.findResources('AWS::IAM::Policy')
    const statements = Object.values(policies).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    )
    const s3Writes = statements.filter((s) => [s.Action].flat().includes('s3:PutObject'))
    const archiveWrites = s3Writes.filter((s) => JSON.stringify(s.Resource).includes('/archive/*'))
    expect(archiveWrites).toHaveLength(1)
    const archiveReads = statements.filter(
      (s) => [s.Action].flat().includes('s3:GetObject') && JSON.stringify(s.Resource).includes('/archive/*'),
    )
    // The archive job, the rollup and the monthly run (its recount reads archived days).
    expect(archiveReads).toHaveLength(3)
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.archiveHandler' })
  })

  it.each([
    ['the catalog sync', 'letStartCatalogSync', 'CATALOG_SYNC_FUNCTION', 'catalogSync'],
    ["a month's report", 'letStartReport', 'REPORT_FUNCTION', 'monthly'],
  ] as const)(
    'lets a function start %s now, by name and with an invoke grant only on that function',
    (_, method, variable, job) => {
      const other = testStack()
      const jobs = new Jobs(other, 'Jobs', { data: testData(other), ckanUrl: 'https://ckan.example.org' })
      const caller = new LambdaFunction(other, 'Caller', {
        runtime: Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: Code.fromInline('export const handler = () => {}'),
      })
      jobs[method](caller)
      const t = Template.fromStack(other)
      const target = other.getLogicalId(jobs[job].fn.node.defaultChild as CfnFunction)
      t.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.handler',
        Environment: { Variables: { [variable]: { Ref: target } } },
      })
      // The caller's own policy: one invoke statement, on that job function alone.
      const role = other.getLogicalId(caller.role?.node.defaultChild as CfnRole)
      const statements = Object.values(t.findResources('AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
        .flatMap(
          (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
        )
      const invokes = statements.filter((st) => actionsOf(st).includes('lambda:InvokeFunction'))
      expect(invokes).toHaveLength(1)
      const functions = JSON.stringify(invokes[0]?.Resource).match(/"Fn::GetAtt":\["(\w+)"/g) ?? []
      expect(functions.length).toBeGreaterThan(0)
      expect(functions.every((r) => r.includes(target))).toBe(true)
    },
  )

  it('runs the monthly pipeline at 02:00 on the 1st, one run at a time, retried', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 1 * ? *)',
      ScheduleExpressionTimezone: 'Asia/Bangkok',
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }) }),
    })
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.monthlyHandler',
      ReservedConcurrentExecutions: 1,
    })
  })

  it("the monthly job may read the table, write only its recount (and a live day's incremental state), lease, report index and run items, and reports", () => {
    const report = Object.entries(template.findResources('AWS::Lambda::Function')).find(
      ([, f]) => f.Properties.Handler === 'index.monthlyHandler',
    )
    const role = report?.[1].Properties.Role['Fn::GetAtt'][0]
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role),
    )
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement)
    const actions = statements.flatMap((s: { Action: string | string[] }) => [s.Action].flat())
    expect(actions).toContain('dynamodb:Query')
    expect(actions).toContain('s3:PutObject')
    const writes = statements.filter((s: { Action: string[] }) =>
      [s.Action].flat().some((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a)),
    )
    expect(writes).toHaveLength(1)
    expect(writes[0].Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': [
          'LEASE',
          'SLICE#*',
          'SESSION#*',
          'ROLLUP#READY',
          'COUNTS#*',
          'COUNTCHANGES#*',
          'VERSION',
          'REPORT',
          'RUN',
        ],
      },
    })
  })

  it('a monthly run that still fails after retries lands in the dead-letter queue', () => {
    const report = Object.entries(template.findResources('AWS::Lambda::Function')).find(
      ([, f]) => f.Properties.Handler === 'index.monthlyHandler',
    )?.[0]
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: report },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    })
  })

  it('every schedule retries and has a dead-letter queue', () => {
    const dlq = template.findResources('AWS::SQS::Queue')
    const [dlqId] = Object.keys(dlq)
    template.allResourcesProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }),
      }),
    })
  })

  it('runs the jobs by handler name, the rollup never twice at once, and gives the sync its CKAN URL', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.rollupHandler',
      ReservedConcurrentExecutions: 1,
    })
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.catalogSyncHandler',
      Environment: { Variables: Match.objectLike({ CKAN_URL: 'https://ckan.example.org' }) },
    })
  })

  it('gives the sync every portal when ckanUrls names several', () => {
    const other = testStack()
    new Jobs(other, 'Jobs', {
      data: testData(other),
      ckanUrl: 'https://ckan.example.org',
      ckanUrls: 'national=https://ckan.example.org,opdc=https://opdc.example.org',
    })
    Template.fromStack(other).hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.catalogSyncHandler',
      Environment: {
        Variables: Match.objectLike({
          CKAN_URLS: 'national=https://ckan.example.org,opdc=https://opdc.example.org',
        }),
      },
    })
  })

  it('the rollup times out before its five-minute lease expires', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.rollupHandler',
      Timeout: Match.anyValue(),
    })
    const rollup = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Handler === 'index.rollupHandler',
    )
    expect(rollup?.Properties.Timeout).toBeLessThan(300)
  })

  it('a catalog sync that fails after retries lands in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    })
  })

  it('the dead-letter queue is encrypted and TLS-only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true })
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    })
  })
})
