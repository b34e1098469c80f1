import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import type { EcsTask } from '../integrations/ecs/ecs-operations.js';
import { listTasksInputs, TASKS_PER_STATUS } from '../integrations/ecs/ecs-task-inputs.js';
import { defineCommand } from '../pipeline/command.js';
import { heading, note, table, text, type ReplyPart } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { EcsServiceKey } from './ecs-service-argument.js';
import { utcWithAge } from './utc-with-age.js';

/** What `ecs tasks` read per service, and when (ages are relative to `readAt`). */
export interface EcsTasksResult {
  readAt: Date;
  services: { alias: string; cluster: string; service: string; tasks: EcsTask[]; truncated: boolean }[];
}

/**
 * `ecs tasks [service]`: the tasks of one configured service or all, running (and pending) first, then those
 * stopped in the last hour or so: task id, `lastStatus`, `healthStatus`, task definition, `startedAt`, `stoppedReason`.
 * API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html, API_DescribeTasks.html
 */
export const ecsTasksCommand = defineCommand({
  name: 'ecs tasks',
  usage: 'ecs tasks [service]',
  summary: "List an ECS service's tasks: status, health, start time and why stopped ones stopped",
  examples: ['ecs tasks', 'ecs tasks n8n'],
  positional: ['service'],
  flags: {},
  needs: ['ecs'],
  args: z.object({ service: EcsServiceKey.optional() }),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ args, integrations }) {
    const ecs = integrations.ecs;
    const targets = args.service ? [ecs.target(args.service)] : ecs.targets();
    return awsReadPlan(
      targets.flatMap((target) =>
        listTasksInputs(target.cluster, target.service).map((input) => ({
          service: 'ECS',
          operation: 'ListTasks',
          input,
        })),
      ),
    );
  },
  async run({ args, integrations }): Promise<EcsTasksResult> {
    const ecs = integrations.ecs;
    const targets = args.service ? [ecs.target(args.service)] : ecs.targets();
    const services: EcsTasksResult['services'] = [];
    for (const target of targets) {
      const { tasks, truncated } = await ecs.tasks(target.alias);
      services.push({ alias: target.alias, cluster: target.cluster, service: target.service, tasks, truncated });
    }
    return { readAt: new Date(), services };
  },
  present(result) {
    return {
      summary: result.services.map((s) => `${s.alias}: ${countsOf(s.tasks)}`).join('; '),
      visibility: 'in_channel',
      parts: result.services.flatMap((s) => serviceParts(s, result.readAt)),
    };
  },
});

function countsOf(tasks: EcsTask[]): string {
  if (tasks.length === 0) return 'no tasks';
  const byStatus = new Map<string, number>();
  for (const task of tasks) byStatus.set(task.lastStatus, (byStatus.get(task.lastStatus) ?? 0) + 1);
  return [...byStatus].map(([status, count]) => `${count} ${status.toLowerCase()}`).join(', ');
}

function serviceParts(s: EcsTasksResult['services'][number], readAt: Date): ReplyPart[] {
  return [
    heading(`${s.alias}: ${s.cluster}/${s.service}`),
    s.tasks.length > 0
      ? table(
          ['task', 'lastStatus', 'healthStatus', 'task definition', 'startedAt', 'stoppedReason'],
          s.tasks.map((task) => [
            task.taskId,
            task.lastStatus,
            task.healthStatus,
            task.taskDefinition,
            utcWithAge(task.startedAt, readAt),
            task.stoppedReason ?? '-',
          ]),
        )
      : note('No running tasks, and none stopped recently (ECS keeps stopped tasks for about an hour).'),
    ...(s.truncated
      ? [
          text(
            `More than ${TASKS_PER_STATUS} tasks with one desiredStatus: only the first ${TASKS_PER_STATUS} are shown.`,
            'warning',
          ),
        ]
      : []),
  ];
}
