import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RadioConfig } from '../../config/radio-config.js';
import { MAX_PRESIGN_SECONDS } from './s3-inputs.js';
import { readBucketMetrics, type BucketMetrics } from './s3-bucket-metrics.js';
import { createS3Prefixes, type S3PrefixVerbs } from './s3-prefixes.js';
import { createS3Recovery, type S3RecoveryVerbs } from './s3-recovery.js';
import { createS3Listing, type ObjectHead, type ObjectVersionEntry, type PrefixSize } from './s3-listing.js';

export type { BucketMetrics } from './s3-bucket-metrics.js';
export type { ObjectHead, ObjectVersionEntry, PrefixSize } from './s3-listing.js';

export { MAX_PRESIGN_SECONDS } from './s3-inputs.js';

/** How presigned URLs are made; injectable so tests need neither real credentials nor a clock. */
export interface Presigner {
  /** Signs a `GetObject` URL valid for `expiresIn` seconds. Default: `getSignedUrl` of `@aws-sdk/s3-request-presigner`. */
  sign(command: GetObjectCommand, expiresIn: number): Promise<string>;
  /**
   * When the credentials the URL would be signed with expire (temporary role credentials), or
   * `undefined` for long-lived keys. Default: the S3 client's own credential provider.
   */
  credentialsExpiration(): Promise<Date | undefined>;
}

/**
 * S3 verbs on the configured bucket (`s3.bucket`), with CloudWatch for the bucket's daily metrics.
 * Sources: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html
 *
 * Errors: UserErrors in words (see `describeAwsError`): AccessDenied names the IAM action
 * (`s3:ListBucket`, `s3:ListBucketVersions`, `s3:GetObject`, `cloudwatch:GetMetricData`) and resource;
 * a missing key is "Not found" with its `s3://` address. The writes (`s3 restore`, `s3 cleanup`) are
 * {@link S3RecoveryVerbs}; `s3 prefix create`'s are {@link S3PrefixVerbs}.
 */
export interface S3Operations extends S3RecoveryVerbs, S3PrefixVerbs {
  bucket: string;
  /** Channel names: the `CommonPrefixes` under `audio/` (every page), without `audio/` and the slash. */
  listChannels(): Promise<string[]>;
  /** Latest daily `BucketSizeBytes` (per storage class) and `NumberOfObjects` for the bucket. */
  bucketMetrics(now: Date): Promise<BucketMetrics>;
  /** Objects and bytes under `prefix` by listing, stopping at `cap` objects (then `truncated`). */
  prefixSize(prefix: string, cap: number): Promise<PrefixSize>;
  /** `HeadObject`: resolves only when the key exists. */
  head(key: string): Promise<ObjectHead>;
  /** A presigned `GetObject` URL for `key`, valid `expiresIn` seconds (at most {@link MAX_PRESIGN_SECONDS}). */
  presign(key: string, expiresIn: number): Promise<string>;
  /** See {@link Presigner.credentialsExpiration}. */
  credentialsExpiration(): Promise<Date | undefined>;
  /** Versions and delete markers of exactly `key`, newest first, every page. */
  versions(key: string): Promise<ObjectVersionEntry[]>;
}

/** S3 verbs over `s3` and `cloudwatch` for `config.s3.bucket`; `presigner` defaults to the real signer on `s3`. */
export function createS3Operations(
  s3: S3Client,
  cloudwatch: CloudWatchClient,
  config: RadioConfig,
  presigner: Presigner = defaultPresigner(s3),
): S3Operations {
  const bucket = config.s3.bucket;
  const listing = createS3Listing(s3, bucket);
  return {
    ...createS3Recovery(s3, bucket),
    ...createS3Prefixes(s3, bucket),
    bucket,
    listChannels: async () =>
      (await listing.channelPrefixes()).map((prefix) => prefix.slice('audio/'.length).replace(/\/$/, '')),
    bucketMetrics: (now) => readBucketMetrics(cloudwatch, bucket, now),
    prefixSize: (prefix, cap) => listing.prefixSize(prefix, cap),
    head: (key) => listing.head(key),
    versions: (key) => listing.versions(key),
    async presign(key, expiresIn) {
      if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_SECONDS) {
        throw new RangeError(`expiresIn must be 1..${MAX_PRESIGN_SECONDS} seconds, got ${expiresIn}`);
      }
      return presigner.sign(new GetObjectCommand({ Bucket: bucket, Key: key }), expiresIn);
    },
    credentialsExpiration: () => presigner.credentialsExpiration(),
  };
}

function defaultPresigner(s3: S3Client): Presigner {
  return {
    sign: (command, expiresIn) => getSignedUrl(s3, command, { expiresIn }),
    async credentialsExpiration() {
      const credentials = await s3.config.credentials();
      return credentials.expiration;
    },
  };
}
