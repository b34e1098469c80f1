import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { describeDbInstancesInput } from '../integrations/rds/rds-inputs.js';
import type { DbInstanceStatus } from '../integrations/rds/rds-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, heading, note } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';

interface DbStatusResult {
  instance: DbInstanceStatus;
  /** When it was read: ages are relative to this. */
  at: Date;
}

/** `db status`: the station's RDS instance as `DescribeDBInstances` reports it. */
export const dbStatusCommand = defineCommand({
  name: 'db status',
  usage: 'db status',
  summary: 'Show the RDS instance: class, status, storage, backups, pending changes',
  examples: ['db status'],
  positional: [],
  flags: {},
  needs: ['rds'],
  args: z.object({}),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  plan: async ({ config }) =>
    awsReadPlan([{ service: 'RDS', operation: 'DescribeDBInstances', input: describeDbInstancesInput(config) }]),
  async run({ integrations }): Promise<DbStatusResult> {
    const instance = await integrations.rds.describeInstance();
    return { instance, at: new Date() };
  },
  present({ instance: i, at }) {
    const pending = Object.entries(i.PendingModifiedValues);
    const storage = [
      i.AllocatedStorage === undefined ? undefined : `${i.AllocatedStorage} GiB`,
      i.StorageType,
      i.Iops === undefined ? undefined : `${i.Iops.toLocaleString('en-US')} IOPS`,
      i.StorageThroughput === undefined ? undefined : `${i.StorageThroughput} MiB/s`,
    ]
      .filter(Boolean)
      .join(', ');
    const retention =
      i.BackupRetentionPeriod === undefined
        ? '-'
        : i.BackupRetentionPeriod === 0
          ? '0 days (automated backups are off)'
          : `${i.BackupRetentionPeriod} days`;
    return {
      summary: `RDS ${i.DBInstanceIdentifier}: ${i.DBInstanceStatus ?? 'unknown'}${pending.length ? `, ${pending.length} pending modification(s)` : ''}`,
      visibility: 'in_channel',
      parts: [
        heading(`RDS instance ${i.DBInstanceIdentifier}`),
        fields(
          ['DBInstanceStatus', i.DBInstanceStatus ?? '-'],
          ['DBInstanceClass', i.DBInstanceClass ?? '-'],
          ['MultiAZ', i.MultiAZ === undefined ? '-' : i.MultiAZ ? 'yes' : 'no'],
          ['Storage', storage || '-'],
          ['Engine', [i.Engine, i.EngineVersion].filter(Boolean).join(' ') || '-'],
          ['BackupRetentionPeriod', retention],
          ['LatestRestorableTime', utcWithAge(i.LatestRestorableTime, at)],
          [
            'PendingModifiedValues',
            pending.length ? pending.map(([name, value]) => `${name} -> ${value}`).join('\n') : 'none',
          ],
        ),
        ...(pending.length
          ? [
              note(
                'Pending modifications apply in the next maintenance window, or at once with a reboot if so requested.',
              ),
            ]
          : []),
      ],
    };
  },
});
