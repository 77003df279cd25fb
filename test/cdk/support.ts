import { App, Stack } from 'aws-cdk-lib'
import type { Template } from 'aws-cdk-lib/assertions'
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

/** Statements of every IAM policy in a template, flattened. */
export function policyStatements(
  template: Template,
): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => p.Properties.PolicyDocument.Statement,
  )
}

export const actionsOf = (s: { Action: string | string[] }) =>
  Array.isArray(s.Action) ? s.Action : [s.Action]
