import { Duration } from 'aws-cdk-lib'
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2'
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch'
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as kms from 'aws-cdk-lib/aws-kms'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import * as sns from 'aws-cdk-lib/aws-sns'
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions'
import type * as sqs from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'
import { METRICS_NAMESPACE, ROLLUP_COMPLETED_METRIC } from '../../shared/metrics.js'

export interface AlarmsProps {
  /** Subscribed to the alarm topic (SNS mails a confirmation link). @default no subscription */
  email?: string
}

export interface FunctionAlarmOptions {
  /** Errors within five minutes that raise the alarm. @default 1 */
  errors?: number
  /** Alarm on throttles too (not for a job whose reserved concurrency throttles by design). @default true */
  throttles?: boolean
}

/** CloudWatch alarms of the product, all sent to one encrypted SNS topic. */
export class Alarms extends Construct {
  readonly topic: sns.Topic
  private readonly action: SnsAction

  constructor(scope: Construct, id: string, props: AlarmsProps = {}) {
    super(scope, id)
    // CloudWatch cannot publish to a topic under the AWS-managed SNS key, so the topic has its own key.
    const key = new kms.Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'OGD Rankings alarm topic',
    })
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*')
    this.topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true })
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email))
    this.action = new SnsAction(this.topic)
  }

  /** Alarms on a function's errors (a failed run, for a job) and, unless told otherwise, its throttles. */
  watchFunction(name: string, fn: lambda.IFunction, options: FunctionAlarmOptions = {}): void {
    const errors = options.errors ?? 1
    this.add(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), errors, {
      description: `${name}: ${errors} or more errors in 5 minutes`,
    })
    if (options.throttles ?? true) {
      this.add(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), 1, {
        description: `${name}: throttled in the last 5 minutes`,
      })
    }
  }

  /** Alarms when a dead-letter queue holds any message. */
  watchDeadLetters(name: string, queue: sqs.IQueue): void {
    const metric = queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Max',
    })
    this.add(`${name}Depth`, metric, 1, { description: `${name}: failed deliveries or job runs are waiting` })
  }

  /**
   * Alarms on the rollup's age: no rollup finished in five minutes (the rollup function counts each one it
   * finishes in the product's metric), so counts fall behind what was acknowledged. Missing data is the
   * failure itself (a schedule that stopped, a rollup that never finishes), so it breaches.
   */
  watchRollupAge(name: string): void {
    const metric = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: ROLLUP_COMPLETED_METRIC,
      period: Duration.minutes(5),
      statistic: 'Sum',
    })
    this.add(`${name}Age`, metric, 1, {
      description: `${name}: no rollup finished in 5 minutes; counts are falling behind the downloads acknowledged`,
      comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      missingData: cloudwatch.TreatMissingData.BREACHING,
    })
  }

  /** Alarms on server errors (5xx) of the HTTP API. */
  watchApi(name: string, api: HttpApi): void {
    const metric = api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' })
    this.add(`${name}ServerErrors`, metric, 5, { description: `${name}: 5 or more 5xx answers in 5 minutes` })
  }

  private add(
    id: string,
    metric: cloudwatch.IMetric,
    threshold: number,
    props: {
      description: string
      comparison?: cloudwatch.ComparisonOperator
      missingData?: cloudwatch.TreatMissingData
    },
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator:
        props.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: props.missingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: props.description,
    })
    alarm.addAlarmAction(this.action)
    alarm.addOkAction(this.action)
  }
}
