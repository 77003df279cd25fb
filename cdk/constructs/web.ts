import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib'
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2'
import * as acm from 'aws-cdk-lib/aws-certificatemanager'
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront'
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins'
import * as s3 from 'aws-cdk-lib/aws-s3'
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment'
import { Construct } from 'constructs'
import { BASIC_EXECUTION_ROLE } from './function.js'

export interface WebProps {
  /** Receives the bucket's access logs and CloudFront's standard logs. */
  accessLogs: s3.IBucket
  /** The Cognito hosted UI (`https://…`), the one other origin pages may send forms to and fetch tokens from. */
  hostedUiUrl: string
  /** The custom domain of the dashboard. @default the distribution's own domain */
  domainName?: string
  /** ACM certificate (us-east-1) for `domainName`. */
  certificateArn?: string
  /** AWS WAF web ACL (CLOUDFRONT scope) to attach. @default none */
  webAclArn?: string
}

/**
 * The dashboard: a private bucket served by CloudFront through origin access control, HTTPS only, with security
 * headers. `routeApi()` puts the API on the same origin under `/v1/`; `deploy()` uploads a dashboard build.
 */
export class Web extends Construct {
  readonly bucket: s3.Bucket
  readonly distribution: cloudfront.Distribution
  /** `https://` and the custom domain, or the distribution's domain. */
  readonly origin: string
  private readonly headers: cloudfront.ResponseHeadersPolicy

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id)
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web-bucket/',
      // Kept on stack deletion like every bucket here: CloudFormation cannot delete a bucket with objects in it.
      removalPolicy: RemovalPolicy.RETAIN,
    })

    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      // chart.js and Preact set inline style attributes; no inline script is allowed.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      // The API is on this origin; the hosted UI's token endpoint is the one other place the page calls.
      `connect-src 'self' ${props.hostedUiUrl}`,
      `form-action 'self' ${props.hostedUiUrl}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; ')
    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
        ],
      },
    })

    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'OGD Rankings dashboard',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      domainNames: props.domainName ? [props.domainName] : undefined,
      certificate,
      // Only a custom certificate can raise the TLS floor; CloudFront's default certificate has a fixed policy.
      minimumProtocolVersion: certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Edge locations in Asia are included; South America and Oceania are not needed for Thai users.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclArn,
    })
    this.origin = `https://${props.domainName ?? this.distribution.distributionDomainName}`

    const suppressions = [
      { id: 'AwsSolutions-CFR1', reason: 'Open data is for everyone: no geographic restriction.' },
    ]
    if (!props.webAclArn) {
      suppressions.push({
        id: 'AwsSolutions-CFR2',
        reason:
          'Static files only (the API is not behind this distribution); a web ACL is attached with the webAclArn context value.',
      })
    }
    if (!props.certificateArn) {
      suppressions.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront uses its default certificate, whose TLS policy cannot be set; give domainName and certificateArn to enforce TLS 1.2.',
      })
    }
    Validations.of(this.distribution).acknowledge(...suppressions)
  }

  /**
   * Sends `/v1/*`, `/healthz` and the public certificate verification pages (`/verify/*`) to the HTTP API, uncached, with every viewer header but Host (the bearer token
   * included), so the dashboard calls its API on its own origin. Downloads (`/d/*`) are not routed here: behind
   * CloudFront the ingest function would see CloudFront's address instead of the downloader's.
   */
  routeApi(api: HttpApi): void {
    const stack = Stack.of(this)
    const origin = new HttpOrigin(`${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    })
    for (const path of ['/v1/*', '/healthz', '/verify/*']) {
      this.distribution.addBehavior(path, origin, {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.headers,
      })
    }
    // Usage as open data (`/open-data/`): public and read-only, cached at the edge for as long as the API's
    // Cache-Control says (minutes: a restatement replaces a month's files), the query (`?lang=`, `?period=`)
    // in the cache key.
    for (const path of ['/open-data', '/open-data/*']) {
      this.distribution.addBehavior(path, origin, {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.USE_ORIGIN_CACHE_CONTROL_HEADERS_QUERY_STRINGS,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.headers,
      })
    }
  }

  /** Uploads a dashboard build and clears the CDN cache. */
  deploy(assetsPath: string): s3deploy.BucketDeployment {
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [s3deploy.Source.asset(assetsPath)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    })
    acknowledgeBucketDeployment(this)
    return deployment
  }
}

/** The BucketDeployment's handler is CDK's own singleton function; its findings are CDK's design, not ours. */
function acknowledgeBucketDeployment(scope: Web): void {
  const stack = Stack.of(scope)
  const qualifier = String(stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? 'hnb659fds')
  // cdk-nag names the assets bucket as the template does: concrete when the stack has an environment.
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region
  const webBucketId = stack.getLogicalId(scope.bucket.node.defaultChild as s3.CfnBucket)
  const wildcards = [
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
      (a) => `Action::${a}`,
    ),
    `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${account}-${region}/*`,
    `Resource::<${webBucketId}.Arn>/*`,
    'Resource::*',
  ]
  const reason =
    "CDK's BucketDeployment handler copies the dashboard asset from the CDK assets bucket into the web bucket " +
    '(replacing what was there) and invalidates the distribution, which has no resource-level permission.'
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))
  if (!handler) return
  Validations.of(handler).acknowledge(
    ...wildcards.map((finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason })),
    {
      id: `AwsSolutions-IAM4[Policy::${BASIC_EXECUTION_ROLE}]`,
      reason: "CDK's BucketDeployment handler logs with AWSLambdaBasicExecutionRole.",
    },
    { id: 'AwsSolutions-L1', reason: "CDK's BucketDeployment handler runtime is chosen by aws-cdk-lib." },
  )
}
