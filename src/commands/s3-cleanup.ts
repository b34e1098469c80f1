import { z } from 'zod';
import { formatDuration } from '../config/duration.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { DELETE_BATCH } from '../integrations/s3/s3-inputs.js';
import type { BucketVersioning, CleanupOutcome } from '../integrations/s3/s3-recovery.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, messageInline, note, table, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { durationArgument } from './duration-argument.js';
import { formatBytes, formatCount } from './format-bytes.js';

/** The most objects one `s3 cleanup` counts and deletes; run it again for the rest. */
export const CLEANUP_CAP = 100_000;
/** Per-key errors shown; the rest are counted. */
const ERRORS_SHOWN = 20;

/** What the plan counted; stored with the approval, so read back with zod. */
const CleanupState = z.object({
  prefix: z.string(),
  olderMs: z.number(),
  objects: z.number(),
  bytes: z.number(),
  versioning: z.enum(['Enabled', 'Suspended', 'Disabled']).nullable(),
});

/** What deleting does to a bucket in this versioning state. Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html */
function versioningWarning(bucket: string, versioning: BucketVersioning): string {
  if (versioning === 'Disabled') return `s3://${bucket} is not versioned: the deletes are permanent.`;
  return (
    `s3://${bucket} has versioning ${versioning}: DeleteObjects only adds delete markers${versioning === 'Suspended' ? ' (and removes "null" versions for good)' : ''}; ` +
    'the bytes stay, and are billed, until lifecycle rules expire the noncurrent versions. `s3 restore` can bring a key back meanwhile.'
  );
}

/**
 * `s3 cleanup --prefix temp/ [--older 90d]`: deletes objects under a prefix from `s3.cleanupPrefixes`
 * (or a narrower one) last modified before the threshold: ListObjectsV2 page by page, DeleteObjects in
 * batches of 1,000, at most {@link CLEANUP_CAP} a run; per-key errors reported. The threshold counts from
 * `now()` when planned and again when run; a few more or fewer objects by then do not block it.
 * API: https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
export function createS3CleanupCommand(now: () => Date = () => new Date()) {
  return defineCommand({
    name: 's3 cleanup',
    usage: 's3 cleanup --prefix <prefix> [--older 90d]',
    summary: 'Delete old objects under an allowed S3 prefix (needs approval)',
    examples: ['s3 cleanup --prefix temp/ --older 90d --dry-run', 's3 cleanup --prefix temp/uploads/ --older 30d'],
    positional: [],
    flags: { prefix: 'string', older: 'string' },
    needs: ['s3'],
    args: z.object({ prefix: z.string().min(1).max(1024), older: durationArgument('90d') }),
    risk: () => 'destructive',
    dryRunOnly: awsDryRunOnly,
    async plan({ args, config, integrations }): Promise<Plan<z.infer<typeof CleanupState>>> {
      const allowed = config.s3.cleanupPrefixes;
      if (!allowed.some((prefix) => args.prefix.startsWith(prefix))) {
        throw new UserError(
          'denied',
          `\`${args.prefix}\` is not under s3.cleanupPrefixes (${allowed.join(', ') || 'none'}): cleanup may only delete there. Nothing was done.`,
        );
      }
      const s3 = integrations.s3;
      const cutoff = new Date(now().getTime() - args.older);
      const offline = awsDryRunOnly(integrations);
      const [old, versioning] = offline
        ? [undefined, null]
        : await Promise.all([s3.oldObjects(args.prefix, cutoff, CLEANUP_CAP), s3.versioning()]);
      const batches = old ? Math.ceil(old.objects / DELETE_BATCH) : '?';
      const count = old
        ? `${old.truncated ? 'at least ' : ''}${formatCount(old.objects, 'objects')}, ${formatBytes(old.bytes)}`
        : `not read: ${offline}`;
      return {
        current: [
          ['Under', `s3://${s3.bucket}/${args.prefix}`],
          ['Last modified before', `${cutoff.toISOString()} (${formatDuration(args.older)} ago)`],
          ['Matching', count],
          ['Versioning', versioning ?? '?'],
        ],
        calls: [
          { service: 'S3', operation: 'ListObjectsV2', input: { Bucket: s3.bucket, Prefix: args.prefix } },
          {
            service: 'S3',
            operation: 'DeleteObjects',
            input: {
              Bucket: s3.bucket,
              Delete: {
                Objects: `the listed keys, at most ${DELETE_BATCH.toLocaleString('en-US')} a call (${batches} call(s))`,
                Quiet: true,
              },
            },
          },
        ],
        warnings: [
          ...(versioning ? [versioningWarning(s3.bucket, versioning)] : []),
          ...(old?.truncated
            ? [
                `More than ${formatCount(CLEANUP_CAP, 'objects')} match: this run deletes at most that many; run it again for the rest.`,
              ]
            : []),
          ...(old?.objects === 0 ? ['Nothing matches: nothing would be deleted.'] : []),
        ],
        state: {
          prefix: args.prefix,
          olderMs: args.older,
          objects: old?.objects ?? 0,
          bytes: old?.bytes ?? 0,
          versioning,
        },
      };
    },
    recheck(planThen, planNow) {
      const then = CleanupState.parse(planThen.state);
      const current = CleanupState.parse(planNow.state);
      if (then.versioning !== current.versioning)
        return `Versioning of the bucket changed since approval (${then.versioning} -> ${current.versioning}), which changes what deleting means.`;
      const slack = Math.max(100, Math.ceil(then.objects * 0.1));
      return current.objects > then.objects + slack
        ? `${formatCount(current.objects, 'objects')} match now, not the ${formatCount(then.objects, 'objects')} approved (more than 10% more).`
        : undefined;
    },
    async run({ args, integrations }): Promise<CleanupOutcome> {
      const cutoff = new Date(now().getTime() - args.older);
      return integrations.s3.deleteOldObjects(args.prefix, cutoff, CLEANUP_CAP);
    },
    present: (outcome) => ({
      summary: `Deleted ${formatCount(outcome.deleted, 'objects')} under ${outcome.prefix}${outcome.errors.length ? `; ${outcome.errors.length} refused` : ''}`,
      visibility: 'in_channel',
      parts: [
        text(
          `Deleted ${formatCount(outcome.deleted, 'objects')} (${formatBytes(outcome.deletedBytes)}) under ${outcome.prefix} last modified before ${outcome.cutoff}.`,
        ),
        fields(
          ['Matched', formatCount(outcome.objects, 'objects')],
          ['DeleteObjects calls', String(outcome.batches)],
          ['Refused', String(outcome.errors.length)],
        ),
        ...(outcome.errors.length
          ? [
              table(
                ['Key', 'Code', 'Message'],
                outcome.errors.slice(0, ERRORS_SHOWN).map((e) => [e.Key, e.Code, e.Message]),
              ),
            ]
          : []),
        ...(outcome.errors.length > ERRORS_SHOWN
          ? [note(`…and ${outcome.errors.length - ERRORS_SHOWN} more refused keys.`)]
          : []),
        ...(outcome.stoppedBy ? [text(messageInline(`Stopped early: ${outcome.stoppedBy}`), 'warning')] : []),
        ...(outcome.truncated
          ? [note(`Stopped at ${formatCount(CLEANUP_CAP, 'objects')}: run it again for the rest.`)]
          : []),
      ],
    }),
  });
}

/** The registry's `s3 cleanup`, on the wall clock. */
export const s3CleanupCommand = createS3CleanupCommand();
