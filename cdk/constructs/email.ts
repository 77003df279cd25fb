import { RemovalPolicy, Validations } from 'aws-cdk-lib'
import type { IGrantable } from 'aws-cdk-lib/aws-iam'
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda'
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager'
import * as ses from 'aws-cdk-lib/aws-ses'
import { Construct } from 'constructs'

export interface EmailProps {
  /** The sender address of report emails (`MAIL_FROM`). */
  mailFrom: string
  /** The dashboard's origin (`DASHBOARD_URL`): the links of the emails, unsubscribe links included. */
  dashboardUrl: string
}

/**
 * Sending report emails through Amazon SES: an email identity for the sender (SES mails a verification link to
 * it), a grant to send only as that identity, and the key that signs unsubscribe links (a generated secret,
 * read by the functions at cold start).
 */
export class Email extends Construct {
  readonly identity: ses.EmailIdentity
  readonly unsubscribeKey: secretsmanager.Secret
  readonly mailFrom: string
  readonly dashboardUrl: string

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id)
    this.mailFrom = props.mailFrom
    this.dashboardUrl = props.dashboardUrl
    this.identity = new ses.EmailIdentity(this, 'Sender', { identity: ses.Identity.email(props.mailFrom) })
    this.unsubscribeKey = new secretsmanager.Secret(this, 'UnsubscribeKey', {
      description: 'HMAC key of the unsubscribe links in report emails',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      // Kept like the data: a new key would break the unsubscribe link of every email already sent.
      removalPolicy: RemovalPolicy.RETAIN,
    })
    Validations.of(this.unsubscribeKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key signs unsubscribe links that must keep working in emails already sent; rotating it would break them. It grants nothing but removing a subscription.',
    })
  }

  /** Lets `grantee` send as the sender identity (`ses:SendEmail`, `ses:SendRawEmail`). */
  grantSend(grantee: IGrantable): void {
    this.identity.grantSendEmail(grantee)
  }

  /**
   * Lets a function sign or verify unsubscribe links: `UNSUBSCRIBE_KEY_SECRET` and `DASHBOARD_URL` set, and
   * read access to the key (the API, which answers the links, needs this much).
   */
  grantUnsubscribeKey(fn: LambdaFunction): void {
    fn.addEnvironment('UNSUBSCRIBE_KEY_SECRET', this.unsubscribeKey.secretArn)
    fn.addEnvironment('DASHBOARD_URL', this.dashboardUrl)
    this.unsubscribeKey.grantRead(fn)
  }

  /** Everything a function that sends report emails needs: `MAIL_FROM`, SES as transport, the send grant, the key. */
  bind(fn: LambdaFunction): void {
    fn.addEnvironment('MAIL_FROM', this.mailFrom)
    fn.addEnvironment('MAIL_TRANSPORT', 'ses')
    this.grantSend(fn)
    this.grantUnsubscribeKey(fn)
  }
}
