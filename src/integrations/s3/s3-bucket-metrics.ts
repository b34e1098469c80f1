import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { awsCall } from '../aws/aws-errors.js';
import { BUCKET_STORAGE_TYPES, bucketMetricsInput } from './s3-inputs.js';

export { BUCKET_STORAGE_TYPES, bucketMetricsInput } from './s3-inputs.js';

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

/**
 * Reads the bucket's latest daily size and object count from CloudWatch (cheap: no listing).
 * Follows `NextToken`. Errors: UserError in words; AccessDenied names `cloudwatch:GetMetricData`.
 */
export async function readBucketMetrics(
  cloudwatch: CloudWatchClient,
  bucket: string,
  now: Date,
): Promise<BucketMetrics> {
  const latest = new Map<string, { value: number; Timestamp: Date }>();
  let NextToken: string | undefined;
  do {
    const input = { ...bucketMetricsInput(bucket, now), ...(NextToken ? { NextToken } : {}) };
    const page = await awsCall({ action: 'cloudwatch:GetMetricData', resource: `AWS/S3 ${bucket}` }, () =>
      cloudwatch.send(new GetMetricDataCommand(input)),
    );
    for (const result of page.MetricDataResults ?? []) {
      result.Timestamps?.forEach((Timestamp, index) => {
        const value = result.Values?.[index];
        const seen = latest.get(result.Id ?? '');
        if (value !== undefined && (!seen || seen.Timestamp < Timestamp))
          latest.set(result.Id ?? '', { value, Timestamp });
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
