import { Match, Template } from 'aws-cdk-lib/assertions'
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda'
import { describe, expect, it } from 'vitest'
import { Jobs } from '../../cdk/constructs/jobs.js'
import { testData, testStack } from './support.js'

describe('Jobs', () => {
  const stack = testStack()
  new Jobs(stack, 'Jobs', { data: testData(stack), ckanUrl: 'https://ckan.example.org' })
  const template = Template.fromStack(stack)

  it('schedules the rollup every minute, the catalog sync daily and the recount monthly, in Bangkok time', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 3)
    template.allResourcesProperties('AWS::Scheduler::Schedule', {
      ScheduleExpressionTimezone: 'Asia/Bangkok',
    })
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(* * * * ? *)' })
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 3 * * ? *)' })
    // 01:00 on the 1st: the month just ended is recounted from raw events before its report (02:00).
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 1 1 * ? *)' })
  })

  it('lets a function start the catalog sync now, by name and with an invoke grant only on that function', () => {
    const other = testStack()
    const jobs = new Jobs(other, 'Jobs', { data: testData(other), ckanUrl: 'https://ckan.example.org' })
    const caller = new LambdaFunction(other, 'Caller', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = () => {}'),
    })
    jobs.letStartCatalogSync(caller)
    const t = Template.fromStack(other)
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: { CATALOG_SYNC_FUNCTION: Match.anyValue() } },
    })
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction', Effect: 'Allow' })]),
      },
    })
  })

  it('runs the monthly recount from raw events one at a time', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.recomputeHandler',
      ReservedConcurrentExecutions: 1,
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
