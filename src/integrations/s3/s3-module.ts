import type { RadioConfig } from '../../config/radio-config.js';
import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { abortableClient } from '../aws/abortable-client.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import type { S3Operations } from './s3-operations.js';

async function loadS3(radio: RadioConfig) {
  const [{ S3Client }, { CloudWatchClient }, { createS3Operations }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-cloudwatch'),
    import('./s3-operations.js'),
  ]);
  const s3 = new S3Client(awsClientOptions(radio.region));
  const cloudwatch = new CloudWatchClient(awsClientOptions(radio.region));
  /** The operations on both clients, every call carrying `signal` when given. */
  return (signal: AbortSignal | undefined): S3Operations =>
    createS3Operations(abortableClient(s3, signal), abortableClient(cloudwatch, signal), radio);
}

/**
 * The station's audio bucket `s3.bucket` (`s3 channels`, `size`, `presign`, `versions`, `restore`, `cleanup`,
 * `prefix create`)
 * and its daily CloudWatch storage metrics. API: https://docs.aws.amazon.com/AmazonS3/latest/API/
 */
export const s3Module = defineIntegration({
  id: 's3',
  notConfigured: "The station's S3 access is not set up in this process.",
  create({ radio }): S3Operations {
    const operations = once(() => loadS3(radio));
    // One run's view: the same clients, every call carrying the run's signal (aborted at its deadline).
    const view = (signal?: AbortSignal): S3Operations => ({
      bucket: radio.s3.bucket,
      ...deferred(
        once(async () => (await operations())(signal)),
        [
          'listChannels',
          'bucketMetrics',
          'prefixSize',
          'head',
          'presign',
          'credentialsExpiration',
          'versions',
          'versioning',
          'removeVersion',
          'copyVersion',
          'oldObjects',
          'deleteOldObjects',
          'keyExists',
          'createFolder',
        ],
      ),
    });
    return withRunView(view(), view);
  },
  iamStatements: (radio, { partition }) => {
    const bucket = `arn:${partition}:s3:::${radio.s3.bucket}`;
    return [
      // s3 size (no resource-level permissions; cdn hit-rate declares the same statement)
      { Sid: 'CloudWatchMetricsRead', Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
      // s3 channels, s3 size <prefix> and s3 cleanup (ListObjectsV2), s3 versions and s3 restore (ListObjectVersions),
      // s3 cleanup (GetBucketVersioning)
      {
        Sid: 'S3BucketList',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketVersioning'],
        Resource: [bucket],
      },
      // s3 presign (HeadObject, and the presigned GetObject is signed with the bot's credentials)
      { Sid: 'S3ObjectsRead', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${bucket}/*`] },
      // s3 restore: remove a delete marker (DeleteObject with VersionId), or copy a version with its tags over the key
      {
        Sid: 'S3ObjectRestore',
        Effect: 'Allow',
        Action: [
          's3:DeleteObjectVersion',
          's3:GetObjectVersion',
          's3:GetObjectVersionTagging',
          's3:PutObject',
          's3:PutObjectTagging',
        ],
        Resource: [`${bucket}/*`],
      },
      // s3 cleanup (DeleteObjects): only under s3.cleanupPrefixes
      {
        Sid: 'S3Cleanup',
        Effect: 'Allow',
        Action: ['s3:DeleteObject'],
        Resource: radio.s3.cleanupPrefixes.map((prefix) => `${bucket}/${prefix}*`),
      },
      // s3 prefix create (PutObject of an empty "folder" key): only under s3.prefixRoots. S3ObjectRestore's
      // PutObject covers the whole bucket already; this one says what the prefix command needs, on its own.
      {
        Sid: 'S3PrefixCreate',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: radio.s3.prefixRoots.map((root) => `${bucket}/${root}*`),
      },
    ];
  },
  sdkPackages: { 'client-s3': 's3', 'client-cloudwatch': 'cloudwatch' },
});
