import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { awsCall } from './aws-errors.js';

/** The storage classes whose `BucketSizeBytes` is summed; each is its own metric in `AWS/S3`. */
export const BUCKET_STORAGE_TYPES = [
  'StandardStorage', 'IntelligentTieringFAStorage', 'IntelligentTieringIAStorage', 'StandardIAStorage',
  'OneZoneIAStorage', 'GlacierInstantRetrievalStorage', 'GlacierStorage', 'DeepArchiveStorage',
] as const;

/** The bucket's size from S3's daily storage metrics (one datapoint a day, up to ~48 hours late). */
export interface BucketMetrics {
  bucket: string;
  /** Latest daily `BucketSizeBytes` per storage class that has data, bytes. */
  BucketSizeBytes: { StorageType: string; bytes: number; Timestamp: Date }[];
  /** Sum over `BucketSizeBytes`, bytes. */
  totalBytes: number;
  /** Latest daily `NumberOfObjects` (`StorageType` `AllStorageTypes`); absent when there is no datapoint. */
  NumberOfObjects?: { count: number; Timestamp: Date };
}

const DAY_SECONDS = 86_400;
const LOOKBACK_MS = 3 * DAY_SECONDS * 1000;

/**
 * The exact `GetMetricData` input for `bucket` at `now`: `Average` over 86,400 s periods for the last
 * three days, newest first. Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html
 */
export function bucketMetricsInput(bucket: string, now: Date) {
  const metric = (MetricName: string, StorageType: string) => ({
    Namespace: 'AWS/S3', MetricName, Dimensions: [{ Name: 'BucketName', Value: bucket }, { Name: 'StorageType', Value: StorageType }],
  });
  const queries: MetricDataQuery[] = [
    ...BUCKET_STORAGE_TYPES.map((type, index) => ({ Id: `size${index}`, Label: type, MetricStat: { Metric: metric('BucketSizeBytes', type), Period: DAY_SECONDS, Stat: 'Average' } })),
    { Id: 'objects', Label: 'AllStorageTypes', MetricStat: { Metric: metric('NumberOfObjects', 'AllStorageTypes'), Period: DAY_SECONDS, Stat: 'Average' } },
  ];
  return { MetricDataQueries: queries, StartTime: new Date(now.getTime() - LOOKBACK_MS), EndTime: now, ScanBy: 'TimestampDescending' as const };
}

/**
 * Reads the bucket's latest daily size and object count from CloudWatch (cheap: no listing).
 * Follows `NextToken`. Errors: UserError in words; AccessDenied names `cloudwatch:GetMetricData`.
 */
export async function readBucketMetrics(cloudwatch: CloudWatchClient, bucket: string, now: Date): Promise<BucketMetrics> {
  const latest = new Map<string, { value: number; Timestamp: Date }>();
  let NextToken: string | undefined;
  do {
    const input = { ...bucketMetricsInput(bucket, now), ...(NextToken ? { NextToken } : {}) };
    const page = await awsCall({ action: 'cloudwatch:GetMetricData', resource: `AWS/S3 ${bucket}` }, () => cloudwatch.send(new GetMetricDataCommand(input)));
    for (const result of page.MetricDataResults ?? []) {
      result.Timestamps?.forEach((Timestamp, index) => {
        const value = result.Values?.[index];
        const seen = latest.get(result.Id ?? '');
        if (value !== undefined && (!seen || seen.Timestamp < Timestamp)) latest.set(result.Id ?? '', { value, Timestamp });
      });
    }
    NextToken = page.NextToken;
  } while (NextToken);

  const sizes = BUCKET_STORAGE_TYPES.flatMap((StorageType, index) => {
    const point = latest.get(`size${index}`);
    return point ? [{ StorageType, bytes: point.value, Timestamp: point.Timestamp }] : [];
  });
  const objects = latest.get('objects');
  return {
    bucket,
    BucketSizeBytes: sizes,
    totalBytes: sizes.reduce((sum, size) => sum + size.bytes, 0),
    ...(objects ? { NumberOfObjects: { count: objects.value, Timestamp: objects.Timestamp } } : {}),
  };
}
