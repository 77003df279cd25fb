import { Duration, Validations } from 'aws-cdk-lib'
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import * as logs from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import { PARTITIONS } from '../../functions/store/keys.js'
import type { Auth } from './auth.js'
import type { DataStore } from './data.js'
import { ProductFunction } from './function.js'

export interface ApiProps {
  data: DataStore
  auth: Auth
  /** The dashboard's origin (`https://…`), the only cross-origin caller the API answers (`DASHBOARD_ORIGIN`). */
  dashboardOrigin: string
  /** Hex SHA-256 digests of the ingest keys accepted by POST /v1/events (never the keys). */
  ingestApiKeyHashes: readonly string[]
  /** The CKAN portals events may name (`CKAN_URLS`: name=url pairs). @default none (only the default portal) */
  ckanUrls?: string | undefined
  /** Days function and access logs are kept. @default 90 */
  logRetentionDays?: number
  /** Steady-state requests per second the whole API accepts before answering 429. @default 1000 */
  rateLimit?: number
}

/**
 * The partitions the API function may write on AWS: targets, award programmes, award reviews, the audit log, the period
 * versions its caches check, subscriptions. test/integration/api-footprint.test.ts holds the API to it.
 */
export const API_WRITE_PARTITIONS = [
  PARTITIONS.targets,
  PARTITIONS.awardProgrammes,
  PARTITIONS.reviews,
  PARTITIONS.certifications,
  PARTITIONS.certificateCodes,
  PARTITIONS.audit,
  PARTITIONS.versions,
  PARTITIONS.subscriptions,
]
/** Only what ingest touches: catalog resources, day salts, raw events, late-day markers. */
export const INGEST_WRITE_PARTITIONS = [
  PARTITIONS.catalogResources,
  PARTITIONS.salts,
  PARTITIONS.events,
  PARTITIONS.rollupDirty,
]

/** The HTTP API: the ingest function (downloads and events) and the API function (everything else). */
export class Api extends Construct {
  readonly httpApi: HttpApi
  readonly ingest: ProductFunction
  readonly api: ProductFunction

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id)
    const { data, auth } = props
    const environment = {
      TABLE_NAME: data.table.tableName,
      REPORTS_BUCKET: data.reports.bucketName,
      COGNITO_USER_POOL_ID: auth.userPool.userPoolId,
      COGNITO_CLIENT_ID: auth.client.userPoolClientId,
      DASHBOARD_ORIGIN: props.dashboardOrigin,
      ...(props.ckanUrls ? { CKAN_URLS: props.ckanUrls } : {}),
    }

    this.ingest = new ProductFunction(this, 'Ingest', {
      entry: 'functions/ingest/lambda.ts',
      logRetentionDays: props.logRetentionDays,
      environment: { ...environment, INGEST_API_KEY_HASHES: props.ingestApiKeyHashes.join(',') },
    })
    data.grantItems(
      this.ingest.fn,
      ['GetItem', 'BatchGetItem', 'PutItem', 'BatchWriteItem'],
      INGEST_WRITE_PARTITIONS,
    )

    this.api = new ProductFunction(this, 'Api', {
      entry: 'functions/api/lambda.ts',
      memorySize: 1024,
      timeout: Duration.seconds(29),
      logRetentionDays: props.logRetentionDays,
      // The hosted UI's origin: the API tells the dashboard where to sign in (GET /v1/auth/config).
      // DASHBOARD_URL: certificates print its /verify/<code> address (CloudFront sends /verify/* here).
      environment: {
        ...environment,
        COGNITO_DOMAIN: auth.hostedUiUrl,
        DASHBOARD_URL: props.dashboardOrigin,
      },
      // Certifying a fiscal year renders its ceremony pack (PDF) in the request.
      withReportFonts: true,
    })
    // It reads everything, writes only what DGA and executives change (the catalog sync and the reports run
    // in their own functions on AWS, which the API starts), and presigns report downloads.
    data.table.grantReadData(this.api.fn)
    data.grantItems(this.api.fn, ['PutItem', 'UpdateItem', 'DeleteItem'], API_WRITE_PARTITIONS)
    data.grantReports(this.api.fn, 'read')
    data.grantCertificates(this.api.fn)
    data.grantReadModel(this.api.fn)

    this.httpApi = new HttpApi(this, 'HttpApi', {
      defaultIntegration: new HttpLambdaIntegration('ApiIntegration', this.api.fn),
    })
    const ingest = new HttpLambdaIntegration('IngestIntegration', this.ingest.fn)
    this.httpApi.addRoutes({ path: '/d/{resourceId}', methods: [HttpMethod.GET], integration: ingest })
    this.httpApi.addRoutes({ path: '/v1/events', methods: [HttpMethod.POST], integration: ingest })

    this.configureDefaultStage(props)
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Downloads (GET /d/…) and /healthz are public by design; every other route checks a Cognito JWT ' +
        'or an ingest key in the function, which also applies the per-role and per-agency rules.',
    })
  }

  /** Access logs as JSON in CloudWatch Logs and a stage-wide throttle, on the `$default` stage. */
  private configureDefaultStage(props: ApiProps): void {
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: (props.logRetentionDays ?? 90) as logs.RetentionDays,
    })
    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage
    const rate = props.rateLimit ?? 1000
    stage.defaultRouteSettings = { throttlingRateLimit: rate, throttlingBurstLimit: rate * 2 }
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // The caller's address is left out: raw IP addresses are never stored (PDPA).
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTimeEpoch',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        userAgent: '$context.identity.userAgent',
      }),
    }
  }
}
