import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { EcsServiceEvent } from '../integrations/ecs/ecs-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { note, table } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { countArgument } from './count-argument.js';
import { EcsServiceKey } from './ecs-service-argument.js';
import { utcWithAge } from './utc-with-age.js';

/** What `ecs events` read: the newest `events`, of `total` ECS returned. */
export interface EcsEventsResult {
  alias: string;
  cluster: string;
  service: string;
  events: EcsServiceEvent[];
  total: number;
  readAt: Date;
}

/**
 * `ecs events <service> [--limit 20]`: the service's events as `DescribeServices` returns them (newest
 * first; ECS keeps the last 100), at most `--limit`. API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceEvent.html
 */
export const ecsEventsCommand = defineCommand({
  name: 'ecs events',
  usage: 'ecs events <service> [--limit 20]',
  summary: "Show an ECS service's recent events, newest first",
  examples: ['ecs events n8n', 'ecs events n8n-main --limit 50'],
  positional: ['service'],
  flags: { limit: 'string' },
  needs: ['ecs'],
  args: z.object({ service: EcsServiceKey, limit: countArgument(1, 100, 20) }),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }) {
    const ecs = integrations.ecs;
    return awsReadPlan(
      ecs
        .describeServicesInputs([ecs.target(args.service).alias])
        .map((input) => ({ service: 'ECS', operation: 'DescribeServices', input })),
    );
  },
  async run({ args, integrations }): Promise<EcsEventsResult> {
    const [service] = await integrations.ecs.describeServices([integrations.ecs.target(args.service).alias]);
    const events = [...(service?.events ?? [])].sort(
      (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
    );
    return {
      alias: args.service,
      cluster: service?.cluster ?? '-',
      service: service?.service ?? '-',
      events: events.slice(0, args.limit),
      total: events.length,
      readAt: new Date(),
    };
  },
  present(result) {
    const name = `${result.alias} (${result.cluster}/${result.service})`;
    return {
      summary: `${name}: ${result.events.length} of ${result.total} events`,
      visibility: 'in_channel',
      parts:
        result.events.length > 0
          ? [
              table(
                ['event time', 'event'],
                result.events.map((event) => [utcWithAge(event.createdAt, result.readAt), event.message]),
              ),
              note(`${result.events.length} of ${result.total} events, newest first (ECS keeps the last 100).`),
            ]
          : [note(`ECS has no events for ${name}.`)],
    };
  },
});
