import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeReservedDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
import {
  GetBucketLifecycleConfigurationCommand,
  ListBucketIntelligentTieringConfigurationsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { awsCall } from '../aws/aws-errors.js';

/** One lifecycle rule as people read it: `temp/: 30 d -> STANDARD_IA, 90 d -> GLACIER_IR; expire 365 d`. */
export interface LifecycleRule {
  id: string;
  status: string;
  prefix: string;
  transitions: { days: number; storageClass: string }[];
  expirationDays?: number;
}

/** An active or pending RDS reservation. */
export interface DbReservation {
  DBInstanceClass: string;
  DBInstanceCount: number;
  State: string;
  MultiAZ: boolean;
}

/** S3 `BucketSizeBytes` storage types read by `cost checks`. Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html */
export const STORAGE_TYPES = [
  'StandardStorage',
  'StandardIAStorage',
  'GlacierInstantRetrievalStorage',
  'IntelligentTieringFAStorage',
  'IntelligentTieringIAStorage',
  'GlacierStorage',
  'DeepArchiveStorage',
] as const;

/** The read-only calls of `cost checks` on the bucket `s3.bucket` and RDS reservations. */
export interface CostCheckOperations {
  /** `GetBucketLifecycleConfiguration`; `[]` when the bucket has none (`NoSuchLifecycleConfiguration`). */
  lifecycle(): Promise<LifecycleRule[]>;
  /** `ListBucketIntelligentTieringConfigurations` (paged): the configurations' ids. */
  intelligentTiering(): Promise<string[]>;
  /** CloudWatch `BucketSizeBytes` per storage type, the latest daily value (bytes) in the last 3 days. */
  storageByClass(now: Date): Promise<Record<string, number>>;
  /** `DescribeReservedDBInstances` (paged by `Marker`). */
  reservedDbInstances(): Promise<DbReservation[]>;
}

export function createCostCheckOperations(
  clients: { s3: S3Client; cloudwatch: CloudWatchClient; rds: RDSClient },
  Bucket: string,
): CostCheckOperations {
  const { s3, cloudwatch, rds } = clients;
  return {
    async lifecycle() {
      try {
        const output = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
        return (output.Rules ?? []).map((rule) => ({
          id: rule.ID ?? '-',
          status: rule.Status ?? '-',
          prefix: rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix ?? '',
          transitions: (rule.Transitions ?? []).map((t) => ({
            days: t.Days ?? 0,
            storageClass: t.StorageClass ?? '?',
          })),
          expirationDays: rule.Expiration?.Days,
        }));
      } catch (error) {
        if (error instanceof Error && error.name === 'NoSuchLifecycleConfiguration') return [];
        return awsCall({ action: 's3:GetLifecycleConfiguration', resource: Bucket }, () => Promise.reject(error));
      }
    },
    async intelligentTiering() {
      const ids: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await awsCall({ action: 's3:GetIntelligentTieringConfiguration', resource: Bucket }, () =>
          s3.send(
            new ListBucketIntelligentTieringConfigurationsCommand({
              Bucket,
              ...(ContinuationToken ? { ContinuationToken } : {}),
            }),
          ),
        );
        ids.push(...(page.IntelligentTieringConfigurationList ?? []).map((c) => c.Id ?? '-'));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return ids;
    },
    async storageByClass(now) {
      const output = await awsCall(
        { action: 'cloudwatch:GetMetricData', resource: `AWS/S3 BucketSizeBytes ${Bucket}` },
        () =>
          cloudwatch.send(
            new GetMetricDataCommand({
              StartTime: new Date(now.getTime() - 3 * 86_400_000),
              EndTime: now,
              MetricDataQueries: STORAGE_TYPES.map((StorageType, i) => ({
                Id: `s${i}`,
                Label: StorageType,
                MetricStat: {
                  Metric: {
                    Namespace: 'AWS/S3',
                    MetricName: 'BucketSizeBytes',
                    Dimensions: [
                      { Name: 'BucketName', Value: Bucket },
                      { Name: 'StorageType', Value: StorageType },
                    ],
                  },
                  Period: 86_400,
                  Stat: 'Average',
                },
              })),
            }),
          ),
      );
      const sizes: Record<string, number> = {};
      for (const result of output.MetricDataResults ?? []) {
        // Newest first (ScanBy's default, TimestampDescending).
        const latest = result.Values?.[0];
        if (result.Label && latest !== undefined) sizes[result.Label] = latest;
      }
      return sizes;
    },
    async reservedDbInstances() {
      const found: DbReservation[] = [];
      let Marker: string | undefined;
      do {
        const page = await awsCall({ action: 'rds:DescribeReservedDBInstances', resource: 'ri:*' }, () =>
          rds.send(new DescribeReservedDBInstancesCommand({ ...(Marker ? { Marker } : {}) })),
        );
        for (const ri of page.ReservedDBInstances ?? [])
          found.push({
            DBInstanceClass: ri.DBInstanceClass ?? '?',
            DBInstanceCount: ri.DBInstanceCount ?? 0,
            State: ri.State ?? '?',
            MultiAZ: ri.MultiAZ ?? false,
          });
        Marker = page.Marker;
      } while (Marker);
      return found;
    },
  };
}
