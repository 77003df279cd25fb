import { Template } from 'aws-cdk-lib/assertions'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import { describe, expect, it } from 'vitest'
import { Email } from '../../cdk/constructs/email.js'
import { actionsOf, awsSolutionsFindings, policyStatements, testStack } from './support.js'

describe('Email', () => {
  const stack = testStack()
  const fn = (id: string) =>
    new lambda.Function(stack, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('export const handler = () => {}'),
    })
  const sender = fn('Sender')
  const api = fn('Api')
  const email = new Email(stack, 'Email', {
    mailFrom: 'reports@example.org',
    dashboardUrl: 'https://rankings.example.org',
  })
  email.bind(sender)
  email.grantUnsubscribeKey(api)
  const template = Template.fromStack(stack)
  const secret = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0]
  const environment = (id: string) =>
    template.toJSON().Resources[
      stack.getLogicalId(
        id === 'Sender'
          ? (sender.node.defaultChild as lambda.CfnFunction)
          : (api.node.defaultChild as lambda.CfnFunction),
      )
    ].Properties.Environment.Variables

  it('creates the sender identity and lets a bound function send only as it', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'reports@example.org' })
    const send = policyStatements(template).filter((s) => actionsOf(s).includes('ses:SendEmail'))
    expect(send).toHaveLength(1)
    const identity = Object.keys(template.findResources('AWS::SES::EmailIdentity'))[0]
    expect(JSON.stringify(send[0]?.Resource)).toContain(`":identity/",{"Ref":"${identity}"}`)
  })

  it('keeps a generated unsubscribe key that survives the stack', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true } },
    })
  })

  it('tells a bound function the sender, SES, the dashboard and the key, and lets it read the key', () => {
    expect(environment('Sender')).toEqual({
      MAIL_FROM: 'reports@example.org',
      MAIL_TRANSPORT: 'ses',
      DASHBOARD_URL: 'https://rankings.example.org',
      UNSUBSCRIBE_KEY_SECRET: { Ref: secret },
    })
    const reads = policyStatements(template).filter((s) =>
      actionsOf(s).includes('secretsmanager:GetSecretValue'),
    )
    expect(reads).toHaveLength(2)
    expect(reads.every((s) => JSON.stringify(s.Resource) === JSON.stringify({ Ref: secret }))).toBe(true)
  })

  it('lets a function that only answers unsubscribe links read the key, not send', () => {
    expect(environment('Api')).toEqual({
      DASHBOARD_URL: 'https://rankings.example.org',
      UNSUBSCRIBE_KEY_SECRET: { Ref: secret },
    })
  })

  it('passes the AWS Solutions checks', () => {
    expect(awsSolutionsFindings(email, 'error')).toEqual([])
    expect(awsSolutionsFindings(email, 'warning')).toEqual([])
  })
})
