import { existsSync } from 'node:fs'
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib'
import type { Construct } from 'constructs'
import { PARTITIONS } from '../functions/store/keys.js'
import { type DeployConfig, readDeployConfig } from './config.js'
import { AccessLogs } from './constructs/access-logs.js'
import { Alarms } from './constructs/alarms.js'
import { Api } from './constructs/api.js'
import { Auth, hostedUiUrlFor } from './constructs/auth.js'
import { DataStore } from './constructs/data.js'
import { Email } from './constructs/email.js'
import { Jobs } from './constructs/jobs.js'
import { Web } from './constructs/web.js'
import { fromRoot } from './paths.js'

/** The whole product on AWS; the stack reads the context and wires the constructs. */
export class OgdRankingsStack extends Stack {
  readonly config: DeployConfig

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props)
    const config = readDeployConfig(this.node)
    this.config = config
    const logRetentionDays = config.logRetentionDays

    const accessLogs = new AccessLogs(this, 'AccessLogs', { retentionDays: logRetentionDays })
    const data = new DataStore(this, 'Data', {
      accessLogs: accessLogs.bucket,
      reportVersionDays: config.reportVersionDays,
    })
    // Unique per stack, account and region, so a staging stack beside production needs no setting.
    const stackSlug = this.stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-')
    const authDomainPrefix = config.authDomainPrefix ?? `${stackSlug}-${this.account}`
    const web = new Web(this, 'Web', {
      accessLogs: accessLogs.bucket,
      hostedUiUrl: hostedUiUrlFor(authDomainPrefix, this.region),
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      webAclArn: config.webAclArn,
    })
    const auth = new Auth(this, 'Auth', { dashboardOrigin: web.origin, domainPrefix: authDomainPrefix })
    const api = new Api(this, 'Api', {
      data,
      auth,
      dashboardOrigin: web.origin,
      ingestApiKeyHashes: config.ingestApiKeyHashes,
      ckanUrls: config.ckanUrls,
      logRetentionDays,
    })
    const jobs = new Jobs(this, 'Jobs', {
      data,
      ckanUrl: config.ckanUrl,
      ckanUrls: config.ckanUrls,
      logRetentionDays,
    })
    jobs.letStartCatalogSync(api.api.fn)
    jobs.letStartReport(api.api.fn)
    // The API answers unsubscribe links (and may send); the report job sends each report's emails, recording
    // each delivery (only those items).
    const email = config.mailFrom
      ? new Email(this, 'Email', { mailFrom: config.mailFrom, dashboardUrl: web.origin })
      : undefined
    email?.bind(api.api.fn)
    if (email) {
      email.bind(jobs.monthly.fn)
      data.grantItems(jobs.monthly.fn, ['UpdateItem'], [PARTITIONS.deliveries])
    }

    const alarms = new Alarms(this, 'Alarms', { email: config.alarmEmail })
    alarms.watchFunction('Ingest', api.ingest.fn)
    alarms.watchFunction('Api', api.api.fn)
    alarms.watchApi('HttpApi', api.httpApi)
    // One failed minute is redone by the next; three in five minutes is a rollup that keeps failing. Its
    // reserved concurrency of 1 throttles an overlapping minute by design, so throttles are not alarmed.
    alarms.watchFunction('Rollup', jobs.rollup.fn, { errors: 3, throttles: false })
    // …and whatever the reason, DGA's counts must not go stale unnoticed: no rollup finished in five minutes.
    alarms.watchRollupAge('Rollup')
    alarms.watchFunction('CatalogSync', jobs.catalogSync.fn)
    // A failed monthly run (each retry's failure too): the month's recount, report or emails wait for it.
    alarms.watchFunction('Monthly', jobs.monthly.fn)
    alarms.watchDeadLetters('JobDeadLetters', jobs.deadLetterQueue)

    web.routeApi(api.httpApi)
    const webDist = config.webDist === 'none' ? undefined : fromRoot(config.webDist)
    if (webDist && existsSync(webDist)) web.deploy(webDist)

    new CfnOutput(this, 'ApiUrl', {
      value: api.httpApi.apiEndpoint,
      description:
        'Download links (/d/…) and event posts (/v1/events) go here, not through the dashboard domain',
    })
    new CfnOutput(this, 'DashboardUrl', { value: web.origin })
    new CfnOutput(this, 'DistributionDomain', {
      value: web.distribution.distributionDomainName,
      description: 'Point the custom domain here (CNAME or alias)',
    })
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId })
    new CfnOutput(this, 'HostedUiUrl', { value: auth.hostedUiUrl })
    new CfnOutput(this, 'ReportsBucket', { value: data.reports.bucketName })
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn })
  }
}
