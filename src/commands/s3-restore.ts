import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { copyVersionInput, removeVersionInput } from '../integrations/s3/s3-inputs.js';
import { defineCommand, type Plan, type PlannedCall } from '../pipeline/command.js';
import { fields, text } from '../pipeline/reply.js';
import { chooseRestore, type RestoreChoice } from './s3-restore-choice.js';

/** What the plan decided, bound to the version that was latest; stored with the approval, so read back with zod. */
const RestoreState = z.object({
  key: z.string(),
  latest: z.string(),
  choice: z.discriminatedUnion('action', [
    z.object({ action: z.literal('remove-delete-marker'), markerVersionId: z.string(), restores: z.string() }),
    z.object({ action: z.literal('copy-version'), sourceVersionId: z.string(), storageClass: z.string().optional() }),
  ]),
});
type RestoreState = z.infer<typeof RestoreState>;

/** What `s3 restore` did. */
export interface S3RestoreResult {
  address: string;
  choice: RestoreChoice;
  /** The version that is current now: the one under the removed marker, or the copy's new version. */
  currentVersionId?: string;
}

function callOf(bucket: string, key: string, choice: RestoreChoice): PlannedCall {
  return choice.action === 'remove-delete-marker'
    ? { service: 'S3', operation: 'DeleteObject', input: removeVersionInput(bucket, key, choice.markerVersionId) }
    : {
        service: 'S3',
        operation: 'CopyObject',
        input: copyVersionInput(bucket, key, choice.sourceVersionId, choice.storageClass),
      };
}

const described = (choice: RestoreChoice) =>
  choice.action === 'remove-delete-marker'
    ? `remove delete marker ${choice.markerVersionId}, so version ${choice.restores} is current again`
    : `copy version ${choice.sourceVersionId} over the current one (a new version; the others stay)`;

/**
 * `s3 restore <key> [--version <id>]`: brings back a deleted or overwritten object of the station bucket:
 * `DeleteObject` of the delete marker on top, or `CopyObject` of the given (or previous) version over the
 * current one (see {@link chooseRestore}). Bound to the version that was latest when planned: if the key
 * changed meanwhile, it does not run.
 * API: https://docs.aws.amazon.com/AmazonS3/latest/userguide/RestoringPreviousVersions.html
 */
export const s3RestoreCommand = defineCommand({
  name: 's3 restore',
  usage: 's3 restore <key> [--version <version-id>]',
  summary: 'Bring back a deleted or overwritten S3 object from its versions (needs approval)',
  examples: [
    's3 restore audio/rap/playlist.m3u8',
    's3 restore audio/jazz/intro.mp3 --version 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrH --dry-run',
  ],
  positional: ['key'],
  flags: { version: 'string' },
  needs: ['s3'],
  args: z.object({ key: z.string().min(1).max(1024), version: z.string().min(1).max(1024).optional() }),
  risk: () => 'destructive',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }): Promise<Plan<RestoreState | null>> {
    const s3 = integrations.s3;
    const address = `s3://${s3.bucket}/${args.key}`;
    const offline = awsDryRunOnly(integrations);
    if (offline) {
      return {
        current: [
          ['Object', address],
          ['Versions', `not read: ${offline}`],
        ],
        calls: [{ service: 'S3', operation: 'ListObjectVersions', input: { Bucket: s3.bucket, Prefix: args.key } }],
        warnings: [
          'Whether a delete marker is removed (DeleteObject) or a version copied (CopyObject) depends on the versions, which were not read.',
        ],
        state: null,
      };
    }
    const entries = await s3.versions(args.key);
    const { latest, choice } = chooseRestore(address, entries, args.version);
    const top = entries.find((entry) => entry.VersionId === latest);
    return {
      current: [
        ['Object', address],
        ['Latest', `${top?.kind ?? 'version'} ${latest}`],
        ['Restore', described(choice)],
      ],
      calls: [callOf(s3.bucket, args.key, choice)],
      warnings: [],
      state: { key: args.key, latest, choice },
    };
  },
  recheck(planThen, planNow) {
    const then = RestoreState.parse(planThen.state);
    const now = RestoreState.parse(planNow.state);
    return then.latest === now.latest
      ? undefined
      : `${then.key} changed since approval: its latest version is now ${now.latest}, not ${then.latest}.`;
  },
  async run({ integrations, plan }): Promise<S3RestoreResult> {
    const { key, choice } = RestoreState.parse(plan?.state);
    const s3 = integrations.s3;
    const address = `s3://${s3.bucket}/${key}`;
    if (choice.action === 'remove-delete-marker') {
      await s3.removeVersion(key, choice.markerVersionId);
      return { address, choice, currentVersionId: choice.restores };
    }
    const copied = await s3.copyVersion(key, choice.sourceVersionId, choice.storageClass);
    return { address, choice, currentVersionId: copied.VersionId };
  },
  present: (result) => ({
    summary: `Restored ${result.address}`,
    visibility: 'in_channel',
    parts: [
      text(`Restored ${result.address}: ${described(result.choice)}.`),
      fields(['Current version', result.currentVersionId ?? '?']),
    ],
  }),
});
