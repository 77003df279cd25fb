import { App } from 'aws-cdk-lib'
import { OgdRankingsStack } from './stack.js'

const app = new App()
new OgdRankingsStack(app, String(app.node.tryGetContext('stackName') ?? 'OgdRankings'), {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
})
