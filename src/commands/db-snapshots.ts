import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { describeDbSnapshotsInput } from '../integrations/rds/rds-inputs.js';
import type { DbSnapshot } from '../integrations/rds/rds-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table, text } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';
import { countArgument } from './count-argument.js';

interface DbSnapshotsResult {
  instance: string;
  /** The newest `limit` snapshots, newest first. */
  snapshots: DbSnapshot[];
  /** How many snapshots exist in all. */
  total: number;
  at: Date;
}

/** `db snapshots [--limit 10]`: automated and manual snapshots of the station instance, newest first. */
export const dbSnapshotsCommand = defineCommand({
  name: 'db snapshots',
  usage: 'db snapshots [--limit 10]',
  summary: "List the RDS instance's automated and manual snapshots, newest first",
  examples: ['db snapshots', 'db snapshots --limit 30'],
  positional: [],
  flags: { limit: 'string' },
  needs: ['rds'],
  args: z.object({ limit: countArgument(1, 100, 10) }),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  plan: async ({ config }) =>
    awsReadPlan([{ service: 'RDS', operation: 'DescribeDBSnapshots', input: describeDbSnapshotsInput(config) }]),
  async run({ args, config, integrations }): Promise<DbSnapshotsResult> {
    const all = await integrations.rds.listSnapshots();
    return { instance: config.rds.instance, snapshots: all.slice(0, args.limit), total: all.length, at: new Date() };
  },
  present({ instance, snapshots, total, at }) {
    if (total === 0) {
      return {
        summary: `No snapshots of ${instance}`,
        visibility: 'in_channel',
        parts: [text(`RDS instance ${instance} has no automated or manual snapshots.`)],
      };
    }
    return {
      summary: `${total} snapshot(s) of ${instance}; newest ${utcWithAge(snapshots[0]?.SnapshotCreateTime, at)}`,
      visibility: 'in_channel',
      parts: [
        text(`Snapshots of RDS instance ${instance}, newest first:`),
        table(
          ['SnapshotCreateTime', 'DBSnapshotIdentifier', 'SnapshotType', 'Status', 'AllocatedStorage'],
          snapshots.map((s) => [
            s.SnapshotCreateTime ? utcWithAge(s.SnapshotCreateTime, at) : 'in progress',
            s.DBSnapshotIdentifier,
            s.SnapshotType ?? '-',
            s.Status === 'creating' && s.PercentProgress !== undefined
              ? `creating (${s.PercentProgress}%)`
              : (s.Status ?? '-'),
            s.AllocatedStorage === undefined ? '-' : `${s.AllocatedStorage} GiB`,
          ]),
        ),
        note(
          `Showing ${snapshots.length} of ${total}. AllocatedStorage is the instance's provisioned storage when the snapshot was taken, not the bytes stored.`,
        ),
      ],
    };
  },
});
