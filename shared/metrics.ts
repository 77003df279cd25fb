/**
 * The product's own CloudWatch metrics, written as Embedded Metric Format log lines by the functions and
 * alarmed on by the stack (cdk/constructs/alarms.ts): the names are shared so the two cannot drift apart.
 */
export const METRICS_NAMESPACE = 'OgdRankings'

/** One per rollup that finished: none for five minutes means counts are going stale (the rollup-age alarm). */
export const ROLLUP_COMPLETED_METRIC = 'RollupsCompleted'

/** The fields of a log line that CloudWatch turns into a count of one of `metric` (no dimensions). */
export function countMetric(metric: string, at: number): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: at,
      CloudWatchMetrics: [
        { Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: metric, Unit: 'Count' }] },
      ],
    },
    [metric]: 1,
  }
}
