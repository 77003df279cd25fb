import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib'
import type { Construct } from 'constructs'
import { Api } from './constructs/api.js'
import { DataStore } from './constructs/data.js'

/** The whole product on AWS; the stack only wires the constructs. */
export class OgdRankingsStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props)
    const data = new DataStore(this, 'Data')
    const api = new Api(this, 'Api', {
      data,
      ingestApiKeys: String(this.node.tryGetContext('ingestApiKeys') ?? ''),
    })
    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint })
  }
}
