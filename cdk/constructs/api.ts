import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import { Construct } from 'constructs'
import type { DataStore } from './data.js'
import { ProductFunction } from './function.js'

export interface ApiProps {
  data: DataStore
  /** The ingest keys (comma-separated) for POST /v1/events. */
  ingestApiKeys: string
}

/** The HTTP API: the ingest function (downloads and events) and the API function (everything else). */
export class Api extends Construct {
  readonly httpApi: HttpApi
  readonly ingest: ProductFunction
  readonly api: ProductFunction

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id)
    const { table, reports } = props.data
    const environment = { TABLE_NAME: table.tableName, REPORTS_BUCKET: reports.bucketName }

    this.ingest = new ProductFunction(this, 'Ingest', {
      entry: 'functions/ingest/lambda.ts',
      environment: { ...environment, INGEST_API_KEYS: props.ingestApiKeys },
    })
    table.grantReadWriteData(this.ingest.fn)

    this.api = new ProductFunction(this, 'Api', { entry: 'functions/api/lambda.ts', environment })
    table.grantReadWriteData(this.api.fn)
    reports.grantRead(this.api.fn)

    this.httpApi = new HttpApi(this, 'HttpApi', {
      defaultIntegration: new HttpLambdaIntegration('ApiIntegration', this.api.fn),
    })
    const ingest = new HttpLambdaIntegration('IngestIntegration', this.ingest.fn)
    this.httpApi.addRoutes({ path: '/d/{resourceId}', methods: [HttpMethod.GET], integration: ingest })
    this.httpApi.addRoutes({ path: '/v1/events', methods: [HttpMethod.POST], integration: ingest })
  }
}
