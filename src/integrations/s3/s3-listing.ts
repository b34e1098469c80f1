import { HeadObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { listChannelsInput } from './s3-inputs.js';

export { listChannelsInput } from './s3-inputs.js';

/** A prefix's total from listing: `truncated` when the object cap stopped the count (then it is "at least"). */
export interface PrefixSize {
  prefix: string;
  /** Sum of `Size` of the objects counted, bytes (current versions only). */
  bytes: number;
  objects: number;
  truncated: boolean;
}

/** `HeadObject` of one key: it exists, with these. */
export interface ObjectHead {
  key: string;
  /** `ContentLength`, bytes. */
  ContentLength?: number;
  ContentType?: string;
  LastModified?: Date;
  ETag?: string;
}

/** One entry of `ListObjectVersions` for exactly one key: a version, or a delete marker. */
export interface ObjectVersionEntry {
  kind: 'version' | 'delete marker';
  VersionId?: string;
  IsLatest?: boolean;
  LastModified?: Date;
  /** Bytes; absent for delete markers. */
  Size?: number;
  StorageClass?: string;
}

/** Paginated listings and `HeadObject` on one bucket; errors are UserErrors in words (see `describeAwsError`). */
export function createS3Listing(s3: S3Client, bucket: string) {
  return {
    /** `CommonPrefixes` under `audio/`, every page, as `audio/<name>/`. */
    async channelPrefixes(): Promise<string[]> {
      const prefixes: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const input = { ...listChannelsInput(bucket), ...(ContinuationToken ? { ContinuationToken } : {}) };
        const page = await awsCall({ action: 's3:ListBucket', resource: bucket }, () =>
          s3.send(new ListObjectsV2Command(input)),
        );
        prefixes.push(...(page.CommonPrefixes ?? []).flatMap((common) => (common.Prefix ? [common.Prefix] : [])));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return prefixes;
    },

    /** Sums `Size` under `prefix` page by page (1,000 keys a page), stopping once `cap` objects are counted. */
    async prefixSize(prefix: string, cap: number): Promise<PrefixSize> {
      const total: PrefixSize = { prefix, bytes: 0, objects: 0, truncated: false };
      let ContinuationToken: string | undefined;
      do {
        const input = { Bucket: bucket, Prefix: prefix, ...(ContinuationToken ? { ContinuationToken } : {}) };
        const page = await awsCall({ action: 's3:ListBucket', resource: `${bucket}/${prefix}` }, () =>
          s3.send(new ListObjectsV2Command(input)),
        );
        for (const object of page.Contents ?? []) {
          total.bytes += object.Size ?? 0;
          total.objects += 1;
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
        if (ContinuationToken && total.objects >= cap) total.truncated = true;
      } while (ContinuationToken && !total.truncated);
      return total;
    },

    /**
     * `HeadObject`: the key exists. A 403 is answered as such: without `s3:ListBucket` S3 answers 403
     * for a missing key too.
     */
    async head(key: string): Promise<ObjectHead> {
      const resource = `s3://${bucket}/${key}`;
      try {
        const head = await awsCall({ action: 's3:GetObject', resource }, () =>
          s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
        );
        return {
          key,
          ContentLength: head.ContentLength,
          ContentType: head.ContentType,
          LastModified: head.LastModified,
          ETag: head.ETag,
        };
      } catch (error) {
        if (error instanceof Error && error.name === 'Forbidden') {
          throw new UserError(
            'iam_denied',
            `AWS refused \`s3:GetObject\` on \`${resource}\` (403). The bot's IAM role needs that permission; without \`s3:ListBucket\`, a missing key answers 403 too.`,
          );
        }
        throw error;
      }
    },

    /** Versions and delete markers of exactly `key` (not of longer keys sharing the prefix), newest first. */
    async versions(key: string): Promise<ObjectVersionEntry[]> {
      const entries: ObjectVersionEntry[] = [];
      let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
      for (;;) {
        const input = { Bucket: bucket, Prefix: key, ...markers };
        const page = await awsCall({ action: 's3:ListBucketVersions', resource: `${bucket}/${key}` }, () =>
          s3.send(new ListObjectVersionsCommand(input)),
        );
        for (const version of page.Versions ?? []) {
          if (version.Key !== key) continue;
          const { VersionId, IsLatest, LastModified, Size, StorageClass } = version;
          entries.push({ kind: 'version', VersionId, IsLatest, LastModified, Size, StorageClass });
        }
        for (const marker of page.DeleteMarkers ?? []) {
          if (marker.Key === key)
            entries.push({
              kind: 'delete marker',
              VersionId: marker.VersionId,
              IsLatest: marker.IsLatest,
              LastModified: marker.LastModified,
            });
        }
        // Keys come in order and all start with `key`: once the next page starts past it, there is no more.
        if (!page.IsTruncated || page.NextKeyMarker !== key) break;
        markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
      }
      return entries.sort((a, b) => (b.LastModified?.getTime() ?? 0) - (a.LastModified?.getTime() ?? 0));
    },
  };
}

export type S3Listing = ReturnType<typeof createS3Listing>;
