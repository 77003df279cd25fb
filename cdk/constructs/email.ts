import type { IGrantable } from 'aws-cdk-lib/aws-iam'
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs'
import * as ses from 'aws-cdk-lib/aws-ses'
import { Construct } from 'constructs'

export interface EmailProps {
  /** The sender address of report emails (`MAIL_FROM`). */
  mailFrom: string
}

/**
 * Sending report emails through Amazon SES: an email identity for the sender (SES mails a verification link to
 * it) and a grant to send only as that identity.
 */
export class Email extends Construct {
  readonly identity: ses.EmailIdentity
  readonly mailFrom: string

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id)
    this.mailFrom = props.mailFrom
    this.identity = new ses.EmailIdentity(this, 'Sender', { identity: ses.Identity.email(props.mailFrom) })
  }

  /** Lets `grantee` send as the sender identity. */
  grantSend(grantee: IGrantable): void {
    this.identity.grantSendEmail(grantee)
  }

  /** Sets `MAIL_FROM` on a function and lets it send. */
  bind(fn: NodejsFunction): void {
    fn.addEnvironment('MAIL_FROM', this.mailFrom)
    this.grantSend(fn)
  }
}
