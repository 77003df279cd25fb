import { Template } from 'aws-cdk-lib/assertions'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import { describe, expect, it } from 'vitest'
import { Email } from '../../cdk/constructs/email.js'
import { actionsOf, policyStatements, testStack } from './support.js'

describe('Email', () => {
  const stack = testStack()
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = () => {}'),
  })
  const email = new Email(stack, 'Email', { mailFrom: 'reports@example.org' })
  email.grantSend(fn)
  const template = Template.fromStack(stack)

  it('creates the sender identity and lets a function send only as it', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'reports@example.org' })
    const send = policyStatements(template).find((s) => actionsOf(s).includes('ses:SendEmail'))
    const identity = Object.keys(template.findResources('AWS::SES::EmailIdentity'))[0]
    expect(JSON.stringify(send?.Resource)).toContain(`":identity/",{"Ref":"${identity}"}`)
  })
})
