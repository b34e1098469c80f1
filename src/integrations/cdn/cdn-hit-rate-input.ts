import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';

/** The time range asked about. */
export interface CacheHitRateWindow {
  startTime: Date;
  endTime: Date;
  /** Seconds per datapoint: a multiple of 60 (of 300 beyond 3 h windows). */
  periodSeconds: number;
}

/** `CacheHitRate` datapoints (percent of cacheable requests served from the cache), oldest first. */
export interface CacheHitRate extends CacheHitRateWindow {
  distributionId: string;
  points: { timestamp: Date; percent: number }[];
}

const MAX_POINTS = 48;

/**
 * A window ending at `end` (rounded down to the minute) and lasting `durationMs`, with a period that
 * gives at most 48 datapoints. CloudWatch keeps 1-minute data 15 days and 5-minute data 63 days,
 * so periods beyond 60 s are multiples of 300 s. Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
 */
export function cacheHitRateWindow(end: Date, durationMs: number): CacheHitRateWindow {
  const endTime = new Date(Math.floor(end.getTime() / 60_000) * 60_000);
  const raw = durationMs / 1000 / MAX_POINTS;
  const periodSeconds = raw <= 60 ? 60 : Math.ceil(raw / 300) * 300;
  return { startTime: new Date(endTime.getTime() - durationMs), endTime, periodSeconds };
}

/**
 * The exact `GetMetricData` input: `AWS/CloudFront` `CacheHitRate`, dimensions `DistributionId` and
 * `Region=Global`, statistic `Average`. Pure.
 */
export function cacheHitRateInput(distributionId: string, window: CacheHitRateWindow): GetMetricDataCommandInput {
  return {
    MetricDataQueries: [
      {
        Id: 'cacheHitRate',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/CloudFront',
            MetricName: 'CacheHitRate',
            Dimensions: [
              { Name: 'DistributionId', Value: distributionId },
              { Name: 'Region', Value: 'Global' },
            ],
          },
          Period: window.periodSeconds,
          Stat: 'Average',
        },
        ReturnData: true,
      },
    ],
    StartTime: window.startTime,
    EndTime: window.endTime,
    ScanBy: 'TimestampAscending',
  };
}
