import { type App, Validations } from 'aws-cdk-lib'
import { AwsSolutionsChecks } from 'cdk-nag'
import { OgdRankingsStack } from './stack.js'

/**
 * Adds the product's stack to an app, named by the `stackName` context value (default `OgdRankings`), and
 * runs the AWS Solutions checks on every synth: an unacknowledged finding stops synth and deploy.
 */
export function defineApp(app: App): OgdRankingsStack {
  const stack = new OgdRankingsStack(app, String(app.node.tryGetContext('stackName') ?? 'OgdRankings'), {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: 'OGD Rankings: dataset download rankings for the DIGI Data Awards',
  })
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }))
  return stack
}
