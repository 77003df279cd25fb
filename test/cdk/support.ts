import { App, Stack } from 'aws-cdk-lib'
import { AwsSolutionsChecks } from 'cdk-nag'
import type { IConstruct } from 'constructs'
import { AccessLogs } from '../../cdk/constructs/access-logs.js'
import { DataStore } from '../../cdk/constructs/data.js'

/** A built dashboard stand-in, so tests never depend on (or race with) a real `web/dist`. */
export const WEB_DIST_FIXTURE = 'test/cdk/fixtures/web-dist'

/**
 * A test app that skips bundling and CDK's built-in CloudFormation validation (together about 10 s per app on a
 * busy machine); the one whole-app synth test runs both.
 */
export const testApp = (context: Record<string, unknown> = {}) =>
  new App({
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [], webDist: 'none', ...context },
  })

/** A bare stack in a test app. */
export const testStack = () => new Stack(testApp(), 'Test')

/** A DataStore with its access log bucket, for constructs that need one. */
export const testData = (stack: Stack) =>
  new DataStore(stack, 'Data', { accessLogs: new AccessLogs(stack, 'AccessLogs').bucket })

/** Unacknowledged AWS Solutions findings under `scope`, as "rule at path" lines. */
export function awsSolutionsFindings(scope: IConstruct, severity: 'error' | 'warning'): string[] {
  const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(scope)
  return report.violations
    .filter((v) => v.severity === severity)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`))
}
