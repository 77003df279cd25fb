import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import * as cognito from 'aws-cdk-lib/aws-cognito'
import { Construct } from 'constructs'

/** Cognito groups the API maps to roles. */
export const GROUPS = { dgaAdmin: 'dga_admin', agencyExec: 'agency_exec' } as const

/** Custom attribute holding an executive's agency ids (comma-separated); read as `custom:agency_ids`. */
export const AGENCY_ATTRIBUTE = 'agency_ids'

/** The hosted UI's base URL for a domain prefix, known before the user pool exists. */
export const hostedUiUrlFor = (prefix: string, region: string): string =>
  `https://${prefix}.auth.${region}.amazoncognito.com`

export interface AuthProps {
  /** The dashboard's origin (`https://…`): where the hosted UI sends users back after sign-in and sign-out. */
  dashboardOrigin: string
  /** Hosted UI domain prefix (`<prefix>.auth.<region>.amazoncognito.com`); must be unique in the region. */
  domainPrefix: string
}

/**
 * Sign-in for DGA officials and agency executives: a user pool only administrators add users to, the two role
 * groups, the agency attribute, the hosted UI and one public app client (authorization code with PKCE).
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool
  readonly client: cognito.UserPoolClient
  readonly domain: cognito.UserPoolDomain

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id)
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [AGENCY_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 0, maxLen: 2048, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    })
    this.userPool.addGroup('DgaAdmin', {
      groupName: GROUPS.dgaAdmin,
      description: 'DGA officials: every agency, award rules, targets, reports',
    })
    this.userPool.addGroup('AgencyExec', {
      groupName: GROUPS.agencyExec,
      description: `Agency executives: the agencies in custom:${AGENCY_ATTRIBUTE}`,
    })

    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix } })

    // Executives must not change their own agencies: the client may read the attribute but not write it.
    const readAttributes = new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true })
      .withCustomAttributes(AGENCY_ATTRIBUTE)
    const writeAttributes = new cognito.ClientAttributes().withStandardAttributes({ email: true })
    this.client = this.userPool.addClient('Dashboard', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.dashboardOrigin}/`],
        logoutUrls: [`${props.dashboardOrigin}/`],
      },
      readAttributes,
      writeAttributes,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      enableTokenRevocation: true,
    })
  }

  /** The hosted UI's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  get hostedUiUrl(): string {
    return this.domain.baseUrl()
  }
}
