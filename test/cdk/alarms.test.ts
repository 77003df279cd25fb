import { Match, Template } from 'aws-cdk-lib/assertions'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import * as sqs from 'aws-cdk-lib/aws-sqs'
import { describe, it } from 'vitest'
import { Alarms } from '../../cdk/constructs/alarms.js'
import { METRICS_NAMESPACE, ROLLUP_COMPLETED_METRIC } from '../../shared/metrics.js'
import { testStack } from './support.js'

describe('Alarms', () => {
  const stack = testStack()
  const alarms = new Alarms(stack, 'Alarms', { email: 'ops@example.org' })
  const fn = lambda.Function.fromFunctionName(stack, 'Fn', 'job')
  alarms.watchFunction('Job', fn)
  alarms.watchFunction('Rollup', lambda.Function.fromFunctionName(stack, 'Rollup', 'rollup'), {
    errors: 3,
    throttles: false,
  })
  alarms.watchDeadLetters('Dlq', new sqs.Queue(stack, 'Queue', { enforceSSL: true }))
  alarms.watchRollupAge('Rollup')
  const template = Template.fromStack(stack)

  it('alarms on errors, throttles, dead letters and the rollup age, all to the topic', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5)
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0]
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topic }] })
    for (const metric of ['Errors', 'Throttles', 'ApproximateNumberOfMessagesVisible']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, Threshold: 1 })
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 3 })
  })

  it('alarms when no rollup finished in five minutes, a silent rollup included', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: ROLLUP_COMPLETED_METRIC,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      EvaluationPeriods: 1,
    })
  })

  it('the topic is encrypted with a key CloudWatch may use, and mails the alarm address', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() })
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    })
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    })
  })
})
