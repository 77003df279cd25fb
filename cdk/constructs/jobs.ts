import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib'
import * as iam from 'aws-cdk-lib/aws-iam'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda'
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations'
import * as scheduler from 'aws-cdk-lib/aws-scheduler'
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets'
import * as sqs from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'
import { PARTITIONS } from '../../functions/store/keys.js'
import { MONTHLY_RUN_CRON } from '../../shared/runs.js'
import type { DataStore } from './data.js'
import { ProductFunction } from './function.js'

/** What each job may write (IAM `dynamodb:LeadingKeys`); test/integration/jobs-footprint.test.ts holds them to it. */
export const ROLLUP_WRITE_PARTITIONS = [
  PARTITIONS.leases,
  // Events leave the pending index once counted (written again without the marker).
  PARTITIONS.events,
  PARTITIONS.slices,
  PARTITIONS.sessions,
  PARTITIONS.rollupReady,
  PARTITIONS.counts,
  // What each version of a month's or fiscal year's counts changed (store/count-changes.ts).
  PARTITIONS.countChanges,
  PARTITIONS.versions,
  PARTITIONS.rollupDirty,
  PARTITIONS.rollupIntent,
  PARTITIONS.rollupStatus,
  PARTITIONS.salts,
]
/** The catalog sync: the catalog, and its version (readers load it again); its lease and run record. */
export const CATALOG_SYNC_WRITE_PARTITIONS = [
  PARTITIONS.leases,
  PARTITIONS.catalog,
  PARTITIONS.versions,
  PARTITIONS.runs,
]
/** The monthly run: its recount (counts, versions), its report (index), its run record; deliveries with email. */
export const MONTHLY_WRITE_PARTITIONS = [
  PARTITIONS.leases,
  // A recount of a month that ends yesterday recounts a live day whole, with its incremental state.
  PARTITIONS.slices,
  PARTITIONS.sessions,
  PARTITIONS.rollupReady,
  PARTITIONS.counts,
  // What each version of a month's or fiscal year's counts changed (store/count-changes.ts).
  PARTITIONS.countChanges,
  PARTITIONS.versions,
  PARTITIONS.reports,
  PARTITIONS.runs,
]

/** Every schedule's time zone: periods are cut in Bangkok time, so schedules are written in it too. */
export const SCHEDULE_TIME_ZONE = TimeZone.ASIA_BANGKOK

export interface JobsProps {
  data: DataStore
  /** The CKAN portal the catalog sync reads (`CKAN_URL`). */
  ckanUrl: string
  /** Several CKAN portals (`CKAN_URLS`: name=url pairs), synced instead of `ckanUrl` when given. */
  ckanUrls?: string | undefined
  /** Days function logs are kept. @default 90 */
  logRetentionDays?: number
}

/**
 * Scheduled jobs, each a function with an EventBridge Scheduler schedule in Bangkok time. Deliveries the
 * scheduler cannot make after its retries, and runs that still fail after Lambda's retries, land in one
 * dead-letter queue.
 */
export class Jobs extends Construct {
  readonly deadLetterQueue: sqs.Queue
  /** Recounts today, yesterday and days marked by late events, every minute, never two runs at once. */
  readonly rollup: ProductFunction
  /** Refreshes the catalog from CKAN daily at 03:00 Bangkok time. */
  readonly catalogSync: ProductFunction
  /**
   * The monthly pipeline (functions/jobs/monthly.ts) for the month just ended, on the 1st at 02:00 Bangkok time:
   * recount, report, emails, one after the other; DGA's on-demand reports run its report step alone.
   */
  readonly monthly: ProductFunction
  /** Archives closed days' raw events to S3 daily (functions/jobs/archive.ts). */
  readonly archive: ProductFunction
  readonly schedules: scheduler.Schedule[] = []
  /** The role the scheduler assumes to invoke the jobs (and to send to the dead-letter queue). */
  private readonly schedulerRole: iam.Role

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id)
    const { data } = props
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    })
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the schedules and job runs.',
    })
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    })
    const environment = { TABLE_NAME: data.table.tableName, REPORTS_BUCKET: data.reports.bucketName }

    this.rollup = new ProductFunction(this, 'Rollup', {
      entry: 'functions/jobs/lambda.ts',
      handler: 'rollupHandler',
      memorySize: 1024,
      // Shorter than the rollup's 5-minute lease, so a run never outlives the lease it holds.
      timeout: Duration.minutes(4),
      reservedConcurrentExecutions: 1,
      logRetentionDays: props.logRetentionDays,
      environment,
    })
    this.grantWrites(data, this.rollup, ROLLUP_WRITE_PARTITIONS)
    data.grantArchive(this.rollup.fn)
    // A failed or skipped minute is redone by the next one: no Lambda retries, and an invocation that waited
    // behind a long run is dropped after a minute instead of piling up.
    this.rollup.fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) })
    this.schedule('RollupSchedule', this.rollup, {
      expression: scheduler.ScheduleExpression.cron({ minute: '*', timeZone: SCHEDULE_TIME_ZONE }),
      description: 'Count new events into today and yesterday; recount late days from raw events',
      maxEventAge: Duration.minutes(1),
      retryAttempts: 1,
    })

    this.catalogSync = new ProductFunction(this, 'CatalogSync', {
      entry: 'functions/jobs/lambda.ts',
      handler: 'catalogSyncHandler',
      memorySize: 512,
      timeout: Duration.minutes(15),
      reservedConcurrentExecutions: 1,
      logRetentionDays: props.logRetentionDays,
      environment: {
        ...environment,
        ...(props.ckanUrls ? { CKAN_URLS: props.ckanUrls } : { CKAN_URL: props.ckanUrl }),
      },
    })
    this.grantWrites(data, this.catalogSync, CATALOG_SYNC_WRITE_PARTITIONS)
    this.catalogSync.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    })
    this.schedule('CatalogSyncSchedule', this.catalogSync, {
      expression: scheduler.ScheduleExpression.cron({ minute: '0', hour: '3', timeZone: SCHEDULE_TIME_ZONE }),
      description: 'Refresh agencies, datasets and resources from the CKAN portal',
      maxEventAge: Duration.hours(1),
      retryAttempts: 3,
    })

    this.monthly = new ProductFunction(this, 'Monthly', {
      entry: 'functions/jobs/monthly-lambda.ts',
      handler: 'monthlyHandler',
      // Rendering a PDF per agency is CPU work: more memory is more CPU, and a shorter run.
      memorySize: 2048,
      timeout: Duration.minutes(15),
      reservedConcurrentExecutions: 1,
      logRetentionDays: props.logRetentionDays,
      environment,
      withReportFonts: true,
    })
    this.grantWrites(data, this.monthly, MONTHLY_WRITE_PARTITIONS)
    data.grantReports(this.monthly.fn)
    data.grantArchive(this.monthly.fn)
    this.monthly.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    })
    this.schedule('MonthlySchedule', this.monthly, {
      expression: scheduler.ScheduleExpression.cron({
        ...cronFields(MONTHLY_RUN_CRON),
        timeZone: SCHEDULE_TIME_ZONE,
      }),
      description: 'Recount the month just ended, make its report, send its emails',
      maxEventAge: Duration.hours(6),
      retryAttempts: 3,
    })

    this.archive = new ProductFunction(this, 'Archive', {
      entry: 'functions/jobs/lambda.ts',
      handler: 'archiveHandler',
      // A day's raw events are held and compressed at once: ~1.4 KB each, 1M a day fits with room.
      memorySize: 2048,
      timeout: Duration.minutes(15),
      reservedConcurrentExecutions: 1,
      logRetentionDays: props.logRetentionDays,
      environment,
    })
    data.table.grantReadData(this.archive.fn)
    data.grantArchive(this.archive.fn, 'readWrite')
    this.archive.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    })
    this.schedule('ArchiveSchedule', this.archive, {
      expression: scheduler.ScheduleExpression.cron({
        minute: '30',
        hour: '4',
        timeZone: SCHEDULE_TIME_ZONE,
      }),
      description: 'Archive closed days of raw events to S3 (the table removes them by TTL later)',
      maxEventAge: Duration.hours(6),
      retryAttempts: 3,
    })
  }

  /** Lets `fn` start the catalog sync now (DGA's `POST /v1/catalog/sync`): its name and the invoke grant. */
  letStartCatalogSync(fn: lambda.Function): void {
    this.letStart(fn, this.catalogSync, 'CATALOG_SYNC_FUNCTION', 'catalog-sync')
  }

  /** Lets `fn` start a month's report now (DGA's `POST /v1/reports/:month`): its name and the invoke grant. */
  letStartReport(fn: lambda.Function): void {
    this.letStart(fn, this.monthly, 'REPORT_FUNCTION', 'monthly')
  }

  /** Reads the whole table, writes items only in `partitions` (counts, catalog… never raw events or audit). */
  private grantWrites(data: DataStore, job: ProductFunction, partitions: string[]): void {
    data.table.grantReadData(job.fn)
    data.grantItems(job.fn, ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'], partitions)
  }

  private letStart(fn: lambda.Function, job: ProductFunction, variable: string, what: string): void {
    fn.addEnvironment(variable, job.fn.functionName)
    job.fn.grantInvoke(fn)
    const jobId = Stack.of(this).getLogicalId(job.fn.node.defaultChild as CfnFunction)
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${jobId}.Arn>:*]`,
      reason: `lambda:InvokeFunction on the ${what} function and its versions (ARN:*), granted by grantInvoke.`,
    })
  }

  private schedule(
    id: string,
    job: ProductFunction,
    options: {
      expression: scheduler.ScheduleExpression
      description: string
      maxEventAge: Duration
      retryAttempts: number
    },
  ): void {
    const target = new LambdaInvoke(job.fn, {
      role: this.schedulerRole,
      deadLetterQueue: this.deadLetterQueue,
      maxEventAge: options.maxEventAge,
      retryAttempts: options.retryAttempts,
    })
    const fnId = Stack.of(this).getLogicalId(job.fn.node.defaultChild as CfnFunction)
    Validations.of(this.schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on the job function and its versions (ARN:*), granted by the scheduler target.',
    })
    this.schedules.push(
      new scheduler.Schedule(this, id, {
        schedule: options.expression,
        target,
        description: options.description,
      }),
    )
  }
}

/** The minute, hour and day of month of a 5-field cron (`m h dom * *`), as EventBridge Scheduler takes them. */
export function cronFields(cron: string): { minute: string; hour: string; day: string } {
  const [minute, hour, day, month, weekDay] = cron.trim().split(/\s+/)
  if (!minute || !hour || !day || month !== '*' || weekDay !== '*') {
    throw new Error(`expected "minute hour day-of-month * *", got "${cron}"`)
  }
  return { minute, hour, day }
}
