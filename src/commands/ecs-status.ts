import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { EcsServiceState } from '../integrations/ecs/ecs-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, heading, note, table, type ReplyPart } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';
import { EcsServiceKey } from './ecs-service-argument.js';

const Args = z.object({ service: EcsServiceKey.optional() });

const EVENTS_SHOWN = 5;

/** What `ecs status` read, and when (ages in the reply are relative to `readAt`). */
export interface EcsStatusResult {
  readAt: Date;
  /** Each with at most its five newest events. */
  services: EcsServiceState[];
}

/**
 * `ecs status [service]`: desired, running and pending tasks, deployments with their rollout state,
 * the task definition revision and the last five service events, for one configured service or all.
 */
export const ecsStatusCommand = defineCommand({
  name: 'ecs status',
  usage: 'ecs status [service]',
  summary: 'Show ECS services: task counts, deployments and recent events',
  examples: ['ecs status', 'ecs status n8n'],
  positional: ['service'],
  flags: {},
  needs: ['ecs'],
  args: Args,
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }) {
    const ecs = integrations.ecs;
    const aliases = args.service ? [ecs.target(args.service).alias] : ecs.targets().map((target) => target.alias);
    return awsReadPlan(
      ecs.describeServicesInputs(aliases).map((input) => ({ service: 'ECS', operation: 'DescribeServices', input })),
    );
  },
  async run({ args, integrations }): Promise<EcsStatusResult> {
    const ecs = integrations.ecs;
    const aliases = args.service ? [ecs.target(args.service).alias] : ecs.targets().map((target) => target.alias);
    const services = await ecs.describeServices(aliases);
    return {
      readAt: new Date(),
      services: services.map((service) => ({ ...service, events: service.events.slice(0, EVENTS_SHOWN) })),
    };
  },
  present(result) {
    const summary = result.services
      .map(
        (s) =>
          `${s.alias}: ${s.runningCount}/${s.desiredCount} tasks running${s.pendingCount ? `, ${s.pendingCount} pending` : ''}`,
      )
      .join('; ');
    return {
      summary,
      visibility: 'in_channel',
      parts: result.services.flatMap((service) => serviceParts(service, result.readAt)),
    };
  },
});

function serviceParts(s: EcsServiceState, readAt: Date): ReplyPart[] {
  const deployments = s.deployments.map((d) => [
    d.status,
    d.rolloutState ? `${d.rolloutState}${d.rolloutStateReason ? `: ${d.rolloutStateReason}` : ''}` : '-',
    d.taskDefinition,
    `${d.desiredCount} / ${d.runningCount} / ${d.pendingCount} / ${d.failedTasks}`,
    utcWithAge(d.createdAt, readAt),
  ]);
  return [
    heading(`${s.alias}: ${s.cluster}/${s.service}`),
    fields(
      ['Status', s.status],
      ['Tasks', `desired ${s.desiredCount}, running ${s.runningCount}, pending ${s.pendingCount}`],
      ['Task definition', s.taskDefinition],
    ),
    deployments.length > 0
      ? table(
          ['status', 'rollout', 'task definition', 'tasks desired / running / pending / failed', 'created'],
          deployments,
        )
      : note('No deployments.'),
    s.events.length > 0
      ? table(
          ['event time', 'event'],
          s.events.map((event) => [utcWithAge(event.createdAt, readAt), event.message]),
        )
      : note('No service events.'),
  ];
}
