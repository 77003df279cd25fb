import { Capture, Match, Template } from 'aws-cdk-lib/assertions'
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2'
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
  web.routeApi(new HttpApi(stack, 'HttpApi'))
  web.deploy(WEB_DIST_FIXTURE)
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

  it('sends security headers, with a CSP that allows only its own origin and the hosted UI', () => {
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
    const policy = csp.asString()
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain(`connect-src 'self' ${hostedUi}`)
    expect(policy).toContain(`form-action 'self' ${hostedUi}`)
    expect(policy).toContain("frame-ancestors 'none'")
  })

  it("sends /v1/*, /healthz and /verify/* to the API uncached, with the caller's headers but Host", () => {
    const behaviors = new Capture()
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: behaviors }),
    })
    const all = behaviors.asArray() as { PathPattern: string; [key: string]: unknown }[]
    const byPath = all.filter((b) => !b.PathPattern.startsWith('/open-data'))
    expect(byPath.map((b) => b.PathPattern)).toEqual(['/v1/*', '/healthz', '/verify/*'])
    for (const behavior of byPath) {
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: expect.arrayContaining(['POST', 'PUT', 'DELETE']),
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
      })
    }
  })

  it('sends the open data (/open-data/*) to the API for GET and HEAD, cached as the API says', () => {
    const behaviors = new Capture()
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: behaviors }),
    })
    const openData = (behaviors.asArray() as { PathPattern: string }[]).filter((b) =>
      b.PathPattern.startsWith('/open-data'),
    )
    expect(openData.map((b) => b.PathPattern)).toEqual(['/open-data', '/open-data/*'])
    for (const behavior of openData) {
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: '4cc15a8a-d715-48a4-82b8-cc0b614638fe', // UseOriginCacheControlHeaders-QueryStrings
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
      })
    }
  })

  it('never routes downloads through CloudFront, and never turns API errors into pages', () => {
    const config = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties
      .DistributionConfig
    expect(JSON.stringify(config.CacheBehaviors)).not.toContain('/d/')
    expect(config.CustomErrorResponses).toBeUndefined()
  })

  it('uploads the dashboard build and invalidates the cache', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SourceObjectKeys: [Match.stringLikeRegexp('\\.zip$')],
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
