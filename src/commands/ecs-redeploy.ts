import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { EcsDeployment } from '../integrations/ecs/ecs-operations.js';
import { defineCommand, type Plan } from '../pipeline/command.js';
import { codeSpan, fields, note, rich, text } from '../pipeline/reply.js';
import { utcWithAge } from './utc-with-age.js';
import { EcsServiceKey } from './ecs-service-argument.js';

const Args = z.object({ service: EcsServiceKey });

const RedeployState = z.object({ alias: z.string() });

/** What `redeploy` started. */
export interface RedeployResult {
  alias: string;
  cluster: string;
  service: string;
  /** The new `PRIMARY` deployment, as ECS answered `UpdateService`. */
  deployment?: EcsDeployment;
  readAt: Date;
}

/**
 * `redeploy <service>`: `UpdateService` with `forceNewDeployment`, so ECS replaces every task with a
 * new one from the same task definition (new image pulls for mutable tags, fresh secrets).
 * API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
export const ecsRedeployCommand = defineCommand({
  name: 'redeploy',
  usage: 'redeploy <service>',
  summary: 'Start a new deployment of an ECS service (same task definition, new tasks)',
  examples: ['redeploy n8n', 'redeploy n8n-main --dry-run'],
  positional: ['service'],
  flags: {},
  needs: ['ecs'],
  args: Args,
  risk: () => 'write',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }): Promise<Plan<z.infer<typeof RedeployState>>> {
    const ecs = integrations.ecs;
    const target = ecs.target(args.service);
    const offline = awsDryRunOnly(integrations);
    const current = offline ? undefined : (await ecs.describeServices([target.alias]))[0];
    const rolling = current?.deployments.filter((deployment) => deployment.rolloutState === 'IN_PROGRESS') ?? [];
    return {
      current: [
        ['Service', `${target.cluster}/${target.service}`],
        ...(current
          ? ([
              ['Task definition', current.taskDefinition],
              ['Tasks', `desired ${current.desiredCount}, running ${current.runningCount}`],
            ] as [string, string][])
          : ([['Current state', `not read: ${offline}`]] as [string, string][])),
      ],
      calls: [
        {
          service: 'ECS',
          operation: 'UpdateService',
          input: ecs.updateServiceInput(target.alias, { forceNewDeployment: true }),
        },
      ],
      warnings:
        rolling.length > 0
          ? [
              `A deployment of \`${target.service}\` is already in progress (${rolling.map((d) => d.id).join(', ')}); a new one replaces it.`,
            ]
          : [],
      state: { alias: target.alias },
    };
  },
  async run({ integrations, plan }): Promise<RedeployResult> {
    const { alias } = RedeployState.parse(plan?.state);
    const ecs = integrations.ecs;
    const after = await ecs.forceNewDeployment(alias);
    const deployment = after.deployments.find((candidate) => candidate.status === 'PRIMARY');
    return { alias, cluster: after.cluster, service: after.service, deployment, readAt: new Date() };
  },
  present(result) {
    const d = result.deployment;
    return {
      summary: `New deployment of ${result.alias} started`,
      visibility: 'in_channel',
      parts: [
        text(`Started a new deployment of ${result.alias} (${result.cluster}/${result.service}).`),
        ...(d
          ? [
              fields(
                ['Deployment', d.id],
                ['Task definition', d.taskDefinition],
                ['Rollout', d.rolloutState ?? '-'],
                ['Tasks', `desired ${d.desiredCount}, running ${d.runningCount}, pending ${d.pendingCount}`],
                ['Created', utcWithAge(d.createdAt, result.readAt)],
              ),
            ]
          : []),
        note(rich`${codeSpan(`/radio ecs status ${result.alias}`)} follows the rollout.`),
      ],
    };
  },
});
