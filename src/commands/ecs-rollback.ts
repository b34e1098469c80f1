import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { EcsTaskDefinition } from '../integrations/ecs/ecs-operations.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { fields, note, text } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import { EcsServiceKey } from './ecs-service-argument.js';

/** What the plan saw; stored with the approval, so read back with zod. */
const RollbackState = z.object({ alias: z.string(), from: z.string(), to: z.string() });
type RollbackState = z.infer<typeof RollbackState>;

/** What `ecs rollback` asked of ECS; `follow` makes the approval machinery follow the deployment to its end. */
export interface RollbackResult extends RollbackState {
  cluster: string;
  service: string;
  deployment?: string;
  follow: { kind: 'ecs-service'; target: string };
}

const imagesOf = (definition: EcsTaskDefinition) =>
  `${definition.name}: ${definition.images.map((i) => `${i.container} ${i.image}`).join(', ') || 'no containers'}`;

/**
 * `ecs rollback <service>`: `UpdateService` with the previous task definition revision of the service's
 * family. "Previous" is the highest revision below the current one that is still ACTIVE: deregistered
 * (INACTIVE) revisions can't be deployed, so they are skipped and the plan names them. Destructive (a
 * deployment of older code); followed until the deployment's rollout COMPLETED or FAILED.
 * API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
export const ecsRollbackCommand = defineCommand({
  name: 'ecs rollback',
  usage: 'ecs rollback <service>',
  summary: "Deploy the previous task definition revision of an ECS service's family (needs approval)",
  examples: ['ecs rollback n8n --reason "1.42 breaks webhooks"', 'ecs rollback n8n-main --dry-run'],
  positional: ['service'],
  flags: {},
  needs: ['ecs'],
  args: z.object({ service: EcsServiceKey }),
  risk: () => 'destructive',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }): Promise<Plan<RollbackState>> {
    const ecs = integrations.ecs;
    const target = ecs.target(args.service);
    const offline = awsDryRunOnly(integrations);
    if (offline)
      throw new UserError(
        'precondition',
        `A rollback needs the service's current task definition and its family's revisions, which can't be read: ${offline} Nothing was planned.`,
      );
    const [current] = await ecs.describeServices([target.alias]);
    const from = current?.taskDefinition ?? '-';
    const { previous, skipped } = await ecs.previousRevision(from);
    const family = from.split(':')[0];
    if (!previous)
      throw new UserError(
        'precondition',
        `${family} has no ACTIVE revision below ${from.split(':')[1]}: there is nothing to roll back to. Nothing was done.`,
      );
    const [now, back] = [await ecs.taskDefinition(from), await ecs.taskDefinition(previous)];
    const rolling = current?.deployments.filter((d) => d.rolloutState === 'IN_PROGRESS') ?? [];
    return {
      current: [
        ['Service', `${target.cluster}/${target.service}`],
        ['Now', imagesOf(now)],
        ['Back to', imagesOf(back)],
        ['Tasks', `desired ${current?.desiredCount ?? '?'}, running ${current?.runningCount ?? '?'}`],
      ],
      calls: [
        {
          service: 'ECS',
          operation: 'UpdateService',
          input: ecs.updateServiceInput(target.alias, { taskDefinition: previous }),
        },
      ],
      warnings: [
        ...(skipped.length > 0
          ? [
              `Revisions ${skipped.join(', ')} of ${family} are not ACTIVE (deregistered), so ${previous} is the previous one ECS can deploy.`,
            ]
          : []),
        ...(rolling.length > 0
          ? [
              `A deployment of \`${target.service}\` is in progress (${rolling.map((d) => d.id).join(', ')}); the rollback replaces it.`,
            ]
          : []),
      ],
      state: { alias: target.alias, from, to: previous },
    };
  },
  recheck(planThen, planNow) {
    const then = RollbackState.parse(planThen.state);
    const now = RollbackState.parse(planNow.state);
    return then.from === now.from && then.to === now.to
      ? undefined
      : `\`${now.alias}\` now runs ${now.from} (rollback to ${now.to}), not the ${then.from} -> ${then.to} shown when this was approved.`;
  },
  async run({ integrations, plan }): Promise<RollbackResult> {
    const state = RollbackState.parse(plan?.state);
    const after = await integrations.ecs.setTaskDefinition(state.alias, state.to);
    const primary = after.deployments.find((d) => d.status === 'PRIMARY');
    return {
      ...state,
      cluster: after.cluster,
      service: after.service,
      deployment: primary?.id,
      follow: { kind: 'ecs-service', target: state.alias },
    };
  },
  present: (result) => ({
    summary: `${result.alias}: rolling back ${result.from} -> ${result.to}`,
    visibility: 'in_channel',
    parts: [
      text(`Asked ECS to deploy ${result.to} to ${result.cluster}/${result.service} (was ${result.from}).`),
      fields(['Deployment', result.deployment ?? '-']),
      note('Progress follows in this thread until the deployment COMPLETED (steady state) or FAILED.'),
    ],
  }),
});
