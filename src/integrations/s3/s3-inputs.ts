import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { StorageClass } from '@aws-sdk/client-s3';

/** The longest a presigned S3 URL may live (SigV4's limit), seconds. */
export const MAX_PRESIGN_SECONDS = 604_800;

/** The exact input of the first `ListObjectsV2` page of `s3 channels`; later pages add `ContinuationToken`. */
export const listChannelsInput = (bucket: string) => ({ Bucket: bucket, Prefix: 'audio/', Delimiter: '/' });

/** The storage classes whose `BucketSizeBytes` is summed; each is its own metric in `AWS/S3`. */
export const BUCKET_STORAGE_TYPES = [
  'StandardStorage',
  'IntelligentTieringFAStorage',
  'IntelligentTieringIAStorage',
  'StandardIAStorage',
  'OneZoneIAStorage',
  'GlacierInstantRetrievalStorage',
  'GlacierStorage',
  'DeepArchiveStorage',
] as const;

const DAY_SECONDS = 86_400;
const LOOKBACK_MS = 3 * DAY_SECONDS * 1000;

/**
 * The exact `GetMetricData` input for `bucket` at `now`: `Average` over 86,400 s periods for the last
 * three days, newest first. Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html
 */
export function bucketMetricsInput(bucket: string, now: Date) {
  const metric = (MetricName: string, StorageType: string) => ({
    Namespace: 'AWS/S3',
    MetricName,
    Dimensions: [
      { Name: 'BucketName', Value: bucket },
      { Name: 'StorageType', Value: StorageType },
    ],
  });
  const queries: MetricDataQuery[] = [
    ...BUCKET_STORAGE_TYPES.map((type, index) => ({
      Id: `size${index}`,
      Label: type,
      MetricStat: { Metric: metric('BucketSizeBytes', type), Period: DAY_SECONDS, Stat: 'Average' },
    })),
    {
      Id: 'objects',
      Label: 'AllStorageTypes',
      MetricStat: { Metric: metric('NumberOfObjects', 'AllStorageTypes'), Period: DAY_SECONDS, Stat: 'Average' },
    },
  ];
  return {
    MetricDataQueries: queries,
    StartTime: new Date(now.getTime() - LOOKBACK_MS),
    EndTime: now,
    ScanBy: 'TimestampDescending' as const,
  };
}

/** `DeleteObjects` takes at most 1,000 keys. Source: https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html */
export const DELETE_BATCH = 1000;

/** A key in `CopySource`: URL-encoded, slashes kept. */
const encodeKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, '/');

/** `DeleteObject` of one version: removing a delete marker makes the version under it current again. */
export const removeVersionInput = (bucket: string, key: string, versionId: string) => ({
  Bucket: bucket,
  Key: key,
  VersionId: versionId,
});

/** `CopyObject` of one version of `key` over `key` (a new current version); keeps a non-STANDARD storage class. */
export const copyVersionInput = (bucket: string, key: string, versionId: string, storageClass?: string) => ({
  Bucket: bucket,
  Key: key,
  CopySource: `${bucket}/${encodeKey(key)}?versionId=${encodeURIComponent(versionId)}`,
  ...(storageClass && storageClass !== 'STANDARD' ? { StorageClass: storageClass as StorageClass } : {}),
});

/** One `DeleteObjects` call; `Quiet` makes S3 answer only the keys it could not delete. */
export const deleteObjectsInput = (bucket: string, keys: string[]) => ({
  Bucket: bucket,
  Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
});

/**
 * `PutObject` of an empty object whose key ends in `/`: the "folder" S3's console creates.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-folders.html
 */
export const emptyFolderInput = (bucket: string, key: string) => ({ Bucket: bucket, Key: key, Body: '' });
