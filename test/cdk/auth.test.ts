import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { Auth } from '../../cdk/constructs/auth.js'
import { testStack } from './support.js'

const ORIGIN = 'https://dashboard.example.org'

describe('Auth', () => {
  const stack = testStack()
  new Auth(stack, 'Auth', { dashboardOrigin: ORIGIN, domainPrefix: 'ogd-test' })
  const template = Template.fromStack(stack)

  it('has the dga_admin and agency_exec groups', () => {
    for (const name of ['dga_admin', 'agency_exec']) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: name })
    }
  })

  it('has the agency custom attribute, no self sign-up, MFA and deletion protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'agency_ids', AttributeDataType: 'String', Mutable: true }),
      ]),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      DeletionProtection: 'ACTIVE',
    })
  })

  it('has a hosted UI domain and a public client that returns to the dashboard', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'ogd-test' })
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [`${ORIGIN}/`],
      PreventUserExistenceErrors: 'ENABLED',
    })
  })

  it('lets the client read the agency attribute but not write it', () => {
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]
    expect(client?.Properties.ReadAttributes).toContain('custom:agency_ids')
    expect(client?.Properties.WriteAttributes).not.toContain('custom:agency_ids')
  })
})
