import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { ObjectVersionEntry } from '../integrations/s3/s3-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text } from '../pipeline/reply.js';
import { formatBytes } from './format-bytes.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';

/** Rows shown at most; the total is always given. */
const MAX_ROWS = 50;

interface S3VersionsResult {
  address: string;
  /** Every version and delete marker of the key, newest first. */
  entries: ObjectVersionEntry[];
  at: Date;
}

/** `s3 versions <key>`: the versions and delete markers of exactly one key in the audio bucket. */
export const s3VersionsCommand = defineCommand({
  name: 's3 versions',
  usage: 's3 versions <key>',
  summary: 'List the versions and delete markers of an object in the audio bucket',
  examples: ['s3 versions audio/rap/playlist.m3u8'],
  positional: ['key'],
  flags: {},
  needs: ['s3'],
  args: z.object({ key: z.string().min(1).max(1024) }),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  plan: async ({ args, config }) =>
    awsReadPlan([
      { service: 'S3', operation: 'ListObjectVersions', input: { Bucket: config.s3.bucket, Prefix: args.key } },
    ]),
  async run({ args, integrations }): Promise<S3VersionsResult> {
    const s3 = integrations.s3;
    return { address: `s3://${s3.bucket}/${args.key}`, entries: await s3.versions(args.key), at: new Date() };
  },
  present({ address, entries, at }) {
    if (entries.length === 0) {
      return {
        summary: `No versions of ${address}`,
        visibility: 'in_channel',
        parts: [
          text(
            `${address} has no versions and no delete markers: the key never existed (or versioning was never on and it was deleted).`,
          ),
        ],
      };
    }
    const markers = entries.filter((entry) => entry.kind === 'delete marker').length;
    const latest = entries.find((entry) => entry.IsLatest);
    return {
      summary: `${address}: ${entries.length - markers} version(s), ${markers} delete marker(s)${latest?.kind === 'delete marker' ? '; currently deleted' : ''}`,
      visibility: 'in_channel',
      parts: [
        text(
          `Versions of ${address}, newest first${latest?.kind === 'delete marker' ? ' (the latest is a delete marker: the object reads as deleted)' : ''}:`,
        ),
        table(
          ['LastModified', 'kind', 'VersionId', 'IsLatest', 'Size'],
          entries
            .slice(0, MAX_ROWS)
            .map((e) => [
              utcWithAge(e.LastModified, at),
              e.kind,
              e.VersionId ?? '-',
              e.IsLatest ? 'yes' : 'no',
              e.Size === undefined ? '-' : formatBytes(e.Size),
            ]),
        ),
        ...(entries.length > MAX_ROWS ? [note(`Showing the newest ${MAX_ROWS} of ${entries.length}.`)] : []),
      ],
    };
  },
});
