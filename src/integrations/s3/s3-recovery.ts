import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { copyVersionInput, deleteObjectsInput, DELETE_BATCH, removeVersionInput } from './s3-inputs.js';

export { copyVersionInput, deleteObjectsInput, DELETE_BATCH, removeVersionInput } from './s3-inputs.js';

/** `GetBucketVersioning`'s `Status`, with `Disabled` for a bucket that never had versioning. */
export type BucketVersioning = 'Enabled' | 'Suspended' | 'Disabled';

/** Objects under a prefix last modified before `cutoff`: what `s3 cleanup` plans. */
export interface OldObjects {
  prefix: string;
  /** ISO 8601 UTC. */
  cutoff: string;
  objects: number;
  /** Sum of `Size`, bytes. */
  bytes: number;
  /** The cap stopped the count: there are more. */
  truncated: boolean;
}

/** What `DeleteObjects` did: counted from its answers, with every key it refused. */
export interface CleanupOutcome extends OldObjects {
  deleted: number;
  deletedBytes: number;
  /** `DeleteObjects` calls made (at most {@link DELETE_BATCH} keys each). */
  batches: number;
  /** Per-key refusals from `DeleteObjects` `Errors`. */
  errors: { Key: string; Code: string; Message: string }[];
  /** Why deleting stopped early (a whole call was refused after others succeeded). */
  stoppedBy?: string;
}

/**
 * The S3 writes of `s3 restore` and `s3 cleanup` on one bucket, and the reads they need. Errors are
 * UserErrors in words (see `describeAwsError`): AccessDenied names the IAM action and resource.
 * Sources: https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html
 */
export interface S3RecoveryVerbs {
  versioning(): Promise<BucketVersioning>;
  /** `DeleteObject` of exactly `versionId` of `key`. */
  removeVersion(key: string, versionId: string): Promise<{ VersionId?: string; DeleteMarker?: boolean }>;
  /** {@link copyVersionInput}; resolves with the new current version's id. */
  copyVersion(key: string, versionId: string, storageClass?: string): Promise<{ VersionId?: string }>;
  /** Counts objects under `prefix` modified before `cutoff` (ListObjectsV2, every page), stopping at `cap`. */
  oldObjects(prefix: string, cutoff: Date, cap: number): Promise<OldObjects>;
  /** Deletes what {@link oldObjects} counts, as it lists, in `DeleteObjects` batches of {@link DELETE_BATCH}. */
  deleteOldObjects(prefix: string, cutoff: Date, cap: number): Promise<CleanupOutcome>;
}

export function createS3Recovery(s3: S3Client, bucket: string): S3RecoveryVerbs {
  /** Pages of objects under `prefix` older than `cutoff`, at most `cap` in all; `state.truncated` once more were left. */
  async function* oldPages(prefix: string, cutoff: Date, cap: number, state: { seen: number; truncated: boolean }) {
    let ContinuationToken: string | undefined;
    do {
      const input = { Bucket: bucket, Prefix: prefix, ...(ContinuationToken ? { ContinuationToken } : {}) };
      const page = await awsCall({ action: 's3:ListBucket', resource: `${bucket}/${prefix}` }, () =>
        s3.send(new ListObjectsV2Command(input)),
      );
      const old = (page.Contents ?? [])
        .filter((object) => object.Key && object.LastModified && object.LastModified < cutoff)
        .map((object) => ({ Key: object.Key as string, Size: object.Size ?? 0 }));
      const room = cap - state.seen;
      if (old.length > room) state.truncated = true;
      state.seen += Math.min(room, old.length);
      yield old.slice(0, room);
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken && !state.truncated);
  }

  return {
    async versioning() {
      const output = await awsCall({ action: 's3:GetBucketVersioning', resource: bucket }, () =>
        s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
      );
      return output.Status ?? 'Disabled';
    },
    async removeVersion(key, versionId) {
      const resource = `s3://${bucket}/${key}?versionId=${versionId}`;
      const output = await awsCall({ action: 's3:DeleteObjectVersion', resource }, () =>
        s3.send(new DeleteObjectCommand(removeVersionInput(bucket, key, versionId))),
      );
      return { VersionId: output.VersionId, DeleteMarker: output.DeleteMarker };
    },
    async copyVersion(key, versionId, storageClass) {
      const resource = `s3://${bucket}/${key}`;
      const output = await awsCall({ action: 's3:PutObject', resource }, () =>
        s3.send(new CopyObjectCommand(copyVersionInput(bucket, key, versionId, storageClass))),
      );
      return { VersionId: output.VersionId };
    },
    async oldObjects(prefix, cutoff, cap) {
      const total: OldObjects = { prefix, cutoff: cutoff.toISOString(), objects: 0, bytes: 0, truncated: false };
      const state = { seen: 0, truncated: false };
      for await (const page of oldPages(prefix, cutoff, cap, state)) {
        total.objects += page.length;
        total.bytes += page.reduce((sum, object) => sum + object.Size, 0);
      }
      return { ...total, truncated: state.truncated };
    },
    async deleteOldObjects(prefix, cutoff, cap) {
      const outcome: CleanupOutcome = {
        prefix,
        cutoff: cutoff.toISOString(),
        objects: 0,
        bytes: 0,
        truncated: false,
        deleted: 0,
        deletedBytes: 0,
        batches: 0,
        errors: [],
      };
      const state = { seen: 0, truncated: false };
      let batch: { Key: string; Size: number }[] = [];
      const flush = async () => {
        const keys = batch;
        batch = [];
        if (keys.length === 0) return;
        const input = deleteObjectsInput(
          bucket,
          keys.map((k) => k.Key),
        );
        const output = await awsCall({ action: 's3:DeleteObject', resource: `${bucket}/${prefix}` }, () =>
          s3.send(new DeleteObjectsCommand(input)),
        );
        outcome.batches += 1;
        const refused = new Set<string>();
        for (const error of output.Errors ?? []) {
          outcome.errors.push({
            Key: error.Key ?? '(unknown key)',
            Code: error.Code ?? 'Error',
            Message: error.Message ?? '',
          });
          if (error.Key) refused.add(error.Key);
        }
        const done = keys.filter((k) => !refused.has(k.Key));
        outcome.deleted += done.length;
        outcome.deletedBytes += done.reduce((sum, k) => sum + k.Size, 0);
      };
      try {
        for await (const page of oldPages(prefix, cutoff, cap, state)) {
          for (const object of page) {
            outcome.objects += 1;
            outcome.bytes += object.Size;
            batch.push(object);
            if (batch.length === DELETE_BATCH) await flush();
          }
        }
        await flush();
      } catch (error) {
        // Once something was deleted, the result must say what: report it and why it stopped.
        if (!(error instanceof UserError) || outcome.batches === 0) throw error;
        outcome.stoppedBy = error.message;
      }
      return { ...outcome, truncated: state.truncated };
    },
  };
}
