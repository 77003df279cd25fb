import { Capture, Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { AccessLogs } from '../../cdk/constructs/access-logs.js'
import { Web } from '../../cdk/constructs/web.js'
import { testStack, WEB_DIST_FIXTURE } from './support.js'

describe('Web', () => {
  const hostedUi = 'https://ogd-test.auth.ap-southeast-1.amazoncognito.com'
  const build = (props: { domainName?: string; certificateArn?: string } = {}) => {
    const stack = testStack()
    const web = new Web(stack, 'Web', {
      accessLogs: new AccessLogs(stack, 'AccessLogs').bucket,
      hostedUiUrl: hostedUi,
      ...props,
    })
    return { stack, web }
  }
  const { stack, web } = build()
  web.deploy(WEB_DIST_FIXTURE, {
    apiUrl: 'https://api.example.org',
    auth: { region: 'ap-southeast-1', userPoolId: 'pool', clientId: 'client', hostedUiUrl: hostedUi },
  })
  const template = Template.fromStack(stack)

  it('serves a private bucket through origin access control over HTTPS only', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1)
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    })
  })

  it('sends security headers, with a CSP that allows only the API and the hosted UI', () => {
    const csp = new Capture()
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
          }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true },
        }),
      }),
    })
    const policy = JSON.stringify(csp.asObject())
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain(`form-action 'self' ${hostedUi}`)
    expect(policy).toContain("frame-ancestors 'none'")
  })

  it('uploads the dashboard build with its runtime config and invalidates the cache', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      // the build, and config.json
      SourceObjectKeys: [Match.stringLikeRegexp('\\.zip$'), Match.stringLikeRegexp('\\.zip$')],
      DestinationBucketName: { Ref: Match.anyValue() },
      DistributionPaths: ['/*'],
      Prune: true,
    })
  })

  it('uses the custom domain and its certificate when given', () => {
    const custom = build({
      domainName: 'rankings.example.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    })
    expect(custom.web.origin).toBe('https://rankings.example.org')
    Template.fromStack(custom.stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['rankings.example.org'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    })
  })
})
