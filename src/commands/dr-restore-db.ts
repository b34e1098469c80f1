import { isDeepStrictEqual } from 'node:util';
import type { RestoreDBInstanceFromDBSnapshotMessage } from '@aws-sdk/client-rds';
import { z } from 'zod';
import type { RadioConfig } from '../config/radio-config.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { followUpInputFrom, restoreInputFrom } from '../integrations/rds/rds-restore-input.js';
import type { RdsOperations } from '../integrations/rds/rds-operations.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';

/** `rds:<instance>-<date>` (automated), a manual snapshot's name, or a shared snapshot's ARN. */
const SnapshotId = z
  .string()
  .max(255)
  .regex(
    /^(arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:snapshot:)?(rds:)?[A-Za-z][A-Za-z0-9-]*$/,
    'a DB snapshot identifier like rds:radio-db-2025-03-14-03-10 (see `db snapshots`)',
  );

/** RDS's rule for a DB instance identifier: 1–63 letters, digits or hyphens, a letter first, no `--`, no trailing `-`; stored lower-case. */
const InstanceId = z
  .string()
  .max(63)
  .regex(/^[a-z](-?[a-z0-9])*$/i, 'an instance name: letters, digits and single hyphens, starting with a letter')
  .transform((id) => id.toLowerCase());

/** `radio-db-restored-<yyyymmdd-hhmm>`, UTC. */
export const defaultRestoreName = (at: Date) =>
  `radio-db-restored-${at.toISOString().slice(0, 16).replace(/-/g, '').replace('T', '-').replace(':', '')}`;

/** What the plan decided; stored with the approval (as JSON), so read back with zod. */
const RestoreState = z.object({
  snapshot: z.object({ id: z.string(), createTime: z.string().nullable() }),
  /** The exact `RestoreDBInstanceFromDBSnapshot` input. */
  input: z.looseObject({ DBInstanceIdentifier: z.string(), DBSnapshotIdentifier: z.string() }),
  /** `ModifyDBInstance` once available, as the plan saw it; the watcher computes it again then. */
  followUp: z.record(z.string(), z.unknown()).nullable(),
});
type RestoreState = z.infer<typeof RestoreState>;

/** What `dr restore-db` started; `follow` makes the approval machinery follow it until available. */
export interface RestoreResult {
  DBInstanceIdentifier: string;
  DBInstanceStatus: string;
  DBSnapshotIdentifier: string;
  followUp: boolean;
  follow: { kind: 'rds-restore'; target: string };
}

async function onlinePlan(
  rds: RdsOperations,
  config: RadioConfig,
  args: { snapshot: string; as: string },
): Promise<Plan<RestoreState>> {
  const snapshot = await rds.snapshot(args.snapshot);
  if (snapshot.Status !== 'available') {
    const progress =
      snapshot.PercentProgress !== undefined && snapshot.Status === 'creating' ? ` (${snapshot.PercentProgress}%)` : '';
    throw new UserError(
      'precondition',
      `Snapshot \`${args.snapshot}\` is ${snapshot.Status ?? 'in an unknown state'}${progress}: only an available snapshot can be restored. Nothing was done.`,
    );
  }
  const existing = await rds.findInstance(args.as);
  if (existing) {
    throw new UserError(
      'precondition',
      `An RDS instance named \`${args.as}\` already exists (${existing.DBInstanceStatus ?? 'unknown'}): another restore to this name is running or done. Give another name with \`--as\`.`,
    );
  }
  const source = await rds.findInstance(config.rds.instance);
  if (!source) {
    throw new UserError(
      'precondition',
      `The source instance \`${config.rds.instance}\` (rds.instance) was not found, so its network, class and settings can't be copied; a restore with RDS's defaults (default VPC and security group) is not made from here.`,
    );
  }
  const { input, warnings } = restoreInputFrom(source, snapshot, args.as);
  const followUp = followUpInputFrom(source, undefined, args.as);
  if (snapshot.DBInstanceIdentifier && snapshot.DBInstanceIdentifier !== config.rds.instance) {
    warnings.push(
      `The snapshot was taken of \`${snapshot.DBInstanceIdentifier}\`, not of \`${config.rds.instance}\` whose settings are copied.`,
    );
  }
  return {
    current: [
      [
        'Snapshot',
        `${snapshot.DBSnapshotIdentifier} (${snapshot.SnapshotType ?? '?'}, taken ${snapshot.SnapshotCreateTime ?? '?'}, ${snapshot.Engine ?? '?'} ${snapshot.EngineVersion ?? ''}, ${snapshot.AllocatedStorage ?? '?'} GiB)`,
      ],
      [
        'Settings copied from',
        `${config.rds.instance} (${source.DBInstanceClass ?? '?'}, ${source.MultiAZ ? 'Multi-AZ' : 'single-AZ'})`,
      ],
      ['New instance', args.as],
    ],
    calls: [
      { service: 'RDS', operation: 'RestoreDBInstanceFromDBSnapshot', input },
      ...(followUp ? [{ service: 'RDS', operation: 'ModifyDBInstance', input: followUp }] : []),
    ],
    warnings: [
      ...warnings,
      ...(followUp
        ? [
            'ModifyDBInstance runs once the new instance is available: a restore cannot set Enhanced Monitoring or Performance Insights.',
          ]
        : []),
      `A new, separate instance: nothing uses it until the application's database URL points at it, and it is billed like ${config.rds.instance} until deleted.`,
    ],
    state: {
      snapshot: { id: snapshot.DBSnapshotIdentifier, createTime: snapshot.SnapshotCreateTime ?? null },
      input: { ...input },
      followUp: followUp ? { ...followUp } : null,
    },
  };
}

function offlinePlan(config: RadioConfig, args: { snapshot: string; as: string }, why: string): Plan<RestoreState> {
  const input = { DBInstanceIdentifier: args.as, DBSnapshotIdentifier: args.snapshot };
  return {
    current: [
      ['Snapshot', args.snapshot],
      ['New instance', args.as],
      ['Settings', `from ${config.rds.instance}: not read: ${why}`],
    ],
    calls: [
      { service: 'RDS', operation: 'DescribeDBSnapshots', input: { DBSnapshotIdentifier: args.snapshot } },
      { service: 'RDS', operation: 'DescribeDBInstances', input: { DBInstanceIdentifier: config.rds.instance } },
      { service: 'RDS', operation: 'RestoreDBInstanceFromDBSnapshot', input },
    ],
    warnings: [
      `The restore input also carries the class, network, groups, storage settings and tags of ${config.rds.instance}, read when AWS can be called.`,
    ],
    state: { snapshot: { id: args.snapshot, createTime: null }, input, followUp: null },
  };
}

/**
 * `dr restore-db <snapshot-id> [--as <name>]`: a new instance from a snapshot with the station
 * instance's settings (see {@link restoreInputFrom}); monitoring and Performance Insights follow once it
 * is available (the `rds-restore` watcher). The name defaults to {@link defaultRestoreName} of `now()` and
 * is bound into the arguments when asked, so the approved run creates exactly the name on the card; it is
 * also the idempotency key (RDS has no ClientToken): a second run finds the name taken and starts nothing.
 * API: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html
 */
export function createDrRestoreDbCommand(now: () => Date = () => new Date()) {
  return defineCommand({
    name: 'dr restore-db',
    usage: 'dr restore-db <snapshot-id> [--as <new-instance-id>]',
    summary: "Restore a snapshot to a new RDS instance with the station instance's settings (needs approval)",
    examples: [
      'dr restore-db rds:radio-db-2025-03-14-03-10',
      'dr restore-db before-upgrade --as radio-db-before-upgrade --dry-run',
    ],
    positional: ['snapshot'],
    flags: { as: 'string' },
    needs: ['rds'],
    args: z
      .object({ snapshot: SnapshotId, as: InstanceId.optional() })
      .transform((a) => ({ snapshot: a.snapshot, as: a.as ?? defaultRestoreName(now()) })),
    risk: () => 'destructive',
    dryRunOnly: awsDryRunOnly,
    async plan({ args, config, integrations }) {
      const rds = integrations.rds;
      const offline = awsDryRunOnly(integrations);
      return offline ? offlinePlan(config, args, offline) : onlinePlan(rds, config, args);
    },
    recheck(planThen, planNow) {
      const then = RestoreState.parse(planThen.state);
      const current = RestoreState.parse(planNow.state);
      if (then.snapshot.createTime !== current.snapshot.createTime) {
        return `Snapshot \`${current.snapshot.id}\` was replaced since approval (taken ${then.snapshot.createTime ?? '?'}, now ${current.snapshot.createTime ?? '?'}).`;
      }
      const names = [...new Set([...Object.keys(then.input), ...Object.keys(current.input)])];
      const changed = names.filter((name) => !isDeepStrictEqual(then.input[name], current.input[name]));
      return changed.length > 0 ? `The settings to copy changed since approval: ${changed.join(', ')}.` : undefined;
    },
    async run({ integrations, plan }): Promise<RestoreResult> {
      const state = RestoreState.parse(plan?.state);
      // The input is the one this command's plan built (and the approval stored); zod checked its shape.
      const created = await integrations.rds.restore(state.input as RestoreDBInstanceFromDBSnapshotMessage);
      const target = created.DBInstanceIdentifier ?? state.input.DBInstanceIdentifier;
      return {
        DBInstanceIdentifier: target,
        DBInstanceStatus: created.DBInstanceStatus ?? 'creating',
        DBSnapshotIdentifier: state.snapshot.id,
        followUp: state.followUp !== null,
        follow: { kind: 'rds-restore', target },
      };
    },
    present: (result) => ({
      summary: `Restoring ${result.DBSnapshotIdentifier} as ${result.DBInstanceIdentifier} (${result.DBInstanceStatus})`,
      visibility: 'in_channel',
      parts: [
        text(
          `Started restoring snapshot ${result.DBSnapshotIdentifier} as the new instance ${result.DBInstanceIdentifier}.`,
        ),
        fields(
          ['DBInstanceStatus', result.DBInstanceStatus],
          ['Then', result.followUp ? 'ModifyDBInstance: monitoring and Performance Insights' : 'nothing more'],
        ),
        note(
          'A restore takes many minutes. Progress follows in this thread until the instance is available, then its endpoint.',
        ),
      ],
    }),
  });
}

/** The registry's `dr restore-db`, on the wall clock. */
export const drRestoreDbCommand = createDrRestoreDbCommand();
