import { z } from 'zod';
import type { RadioConfig } from '../config/radio-config.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { DbInstanceStatus } from '../integrations/rds/rds-operations.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';

/** The exact `ModifyDBInstance` input of a resize. */
export const resizeInput = (instance: string, instanceClass: string) => ({
  DBInstanceIdentifier: instance,
  DBInstanceClass: instanceClass,
  ApplyImmediately: true,
});

/** What the plan saw; stored with the approval, so read back with zod. */
const ResizeState = z.object({
  instance: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  multiAZ: z.boolean().nullable(),
});
type ResizeState = z.infer<typeof ResizeState>;

/** What `db resize` asked of RDS; `follow` makes the approval machinery follow the instance until available. */
export interface ResizeResult extends ResizeState {
  DBInstanceStatus: string;
  follow: { kind: 'rds-instance'; target: string };
}

/** What people will notice, by deployment. Source: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstance.Modifying.html */
function expectation(multiAZ: boolean | undefined): string {
  if (multiAZ === undefined)
    return 'Multi-AZ: a failover of about a minute or two; single-AZ: the database is down while the class changes (often 10 minutes or more).';
  return multiAZ
    ? 'Multi-AZ: RDS changes the standby first, then fails over to it: about a minute or two of dropped connections while the endpoint moves.'
    : 'Single-AZ: the database is unavailable while the class changes, often 10 minutes or more. Connections drop and must reconnect.';
}

function checkAllowed(config: RadioConfig, instanceClass: string): void {
  if (!config.rds.allowedClasses.includes(instanceClass)) {
    throw new UserError(
      'precondition',
      `\`${instanceClass}\` is not in rds.allowedClasses (${config.rds.allowedClasses.join(', ')}). Nothing was done.`,
    );
  }
}

function planFrom(
  config: RadioConfig,
  to: string,
  now: DbInstanceStatus | undefined,
  offline?: string,
): Plan<ResizeState> {
  const instance = config.rds.instance;
  const pending = Object.entries(now?.PendingModifiedValues ?? {}).map(([name, value]) => `${name}=${value}`);
  const status = now?.DBInstanceStatus;
  return {
    current: now
      ? [
          ['Instance', instance],
          ['DBInstanceClass', `${now.DBInstanceClass ?? '?'} -> ${to}`],
          ['DBInstanceStatus', status ?? '?'],
          ['MultiAZ', now.MultiAZ ? 'yes' : 'no'],
        ]
      : [
          ['Instance', instance],
          ['DBInstanceClass', `? -> ${to}`],
          ['Current state', `not read: ${offline}`],
        ],
    calls: [{ service: 'RDS', operation: 'ModifyDBInstance', input: resizeInput(instance, to) }],
    warnings: [
      expectation(now?.MultiAZ),
      ...(status && status !== 'available'
        ? [`${instance} is ${status}: RDS takes the change only once it is available.`]
        : []),
      ...(pending.length
        ? [`ApplyImmediately also applies the changes already pending now: ${pending.join(', ')}.`]
        : []),
    ],
    state: { instance, from: now?.DBInstanceClass ?? null, to, multiAZ: now?.MultiAZ ?? null },
  };
}

/**
 * `db resize <instance-class>`: `ModifyDBInstance` of the station instance (`rds.instance`) to a class
 * from `rds.allowedClasses`, `ApplyImmediately` (with any change already pending). Destructive: a Multi-AZ
 * failover or single-AZ downtime. Followed until the instance is available with nothing pending.
 * API: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
 */
export const dbResizeCommand = defineCommand({
  name: 'db resize',
  usage: 'db resize <instance-class>',
  summary: 'Change the station RDS instance class now (needs approval)',
  examples: ['db resize db.r6g.large --reason "CPU pinned since the morning show"', 'db resize db.t4g.large --dry-run'],
  positional: ['instanceClass'],
  flags: {},
  needs: ['rds'],
  args: z.object({
    // RDS names classes in lower case; `DB.R6G.LARGE` is the same class.
    instanceClass: z
      .string()
      .toLowerCase()
      .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, 'an instance class like db.r6g.large'),
  }),
  risk: () => 'destructive',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, config, integrations }) {
    checkAllowed(config, args.instanceClass);
    const rds = integrations.rds;
    const offline = awsDryRunOnly(integrations);
    if (offline) return planFrom(config, args.instanceClass, undefined, offline);
    const now = await rds.describeInstance();
    if (now.DBInstanceClass === args.instanceClass) {
      throw new UserError('precondition', `${config.rds.instance} is already ${args.instanceClass}. Nothing was done.`);
    }
    return planFrom(config, args.instanceClass, now);
  },
  recheck(planThen, planNow) {
    const then = ResizeState.parse(planThen.state);
    const now = ResizeState.parse(planNow.state);
    return then.from === now.from
      ? undefined
      : `${now.instance} is now ${now.from ?? 'unknown'}, not the ${then.from ?? 'unknown'} shown when this was approved.`;
  },
  async run({ integrations, plan }): Promise<ResizeResult> {
    const state = ResizeState.parse(plan?.state);
    const after = await integrations.rds.modify(resizeInput(state.instance, state.to));
    return {
      ...state,
      DBInstanceStatus: after.DBInstanceStatus ?? 'unknown',
      follow: { kind: 'rds-instance', target: state.instance },
    };
  },
  present: (result) => ({
    summary: `${result.instance}: DBInstanceClass ${result.from ?? '?'} -> ${result.to} requested`,
    visibility: 'in_channel',
    parts: [
      text(`Asked RDS to change ${result.instance} from ${result.from ?? '?'} to ${result.to}, applied immediately.`),
      fields(['DBInstanceStatus', result.DBInstanceStatus], ['Expect', expectation(result.multiAZ ?? undefined)]),
      note('Progress follows in this thread until the instance is available with nothing pending.'),
    ],
  }),
});
