import {
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  type ECSClient,
  type Task,
} from '@aws-sdk/client-ecs';
import type { RadioConfig } from '../../config/radio-config.js';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { taskDefinitionName } from './ecs-service-state.js';
import {
  DESCRIBE_TASKS_BATCH,
  describeTaskDefinitionInput,
  listTasksInputs,
  parseTaskDefinition,
  previousRevisionsInput,
  TASKS_PER_STATUS,
} from './ecs-task-inputs.js';
import { ecsTargets } from './ecs-targets.js';

/** One task of a service, in ECS's own names (`lastStatus` `RUNNING`, `healthStatus` `HEALTHY`). */
export interface EcsTask {
  /** The last part of its ARN. */
  taskId: string;
  lastStatus: string;
  desiredStatus: string;
  /** `HEALTHY`, `UNHEALTHY` or `UNKNOWN` (no container health check). */
  healthStatus: string;
  /** `family:revision`. */
  taskDefinition: string;
  startedAt?: Date;
  stoppedAt?: Date;
  stoppedReason?: string;
}

/** A service's tasks, running first; `truncated` when a status had more than {@link TASKS_PER_STATUS}. */
export interface EcsTaskList {
  tasks: EcsTask[];
  truncated: boolean;
}

/** A task definition revision and its containers' images. */
export interface EcsTaskDefinition {
  /** `family:revision`. */
  name: string;
  /** `ACTIVE`, `INACTIVE` or `DELETE_IN_PROGRESS`. */
  status: string;
  images: { container: string; image: string }[];
  registeredAt?: Date;
}

/** The revision a rollback goes back to, and the revisions between it and the current one that were skipped (not ACTIVE). */
export interface PreviousRevision {
  /** `family:revision`, or `undefined` when the family has no ACTIVE revision below the current one. */
  previous?: string;
  skipped: number[];
}

/**
 * Tasks and task definitions of the configured services (`ecs tasks`, `ecs rollback`). Errors come in words
 * ({@link awsCall}): AccessDenied names the IAM action and the cluster.
 * API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Operations.html
 */
export interface EcsTaskOperations {
  /** `ListTasks` (RUNNING, then STOPPED; paged, at most 100 each) and `DescribeTasks` in batches of 100. */
  tasks(alias: string): Promise<EcsTaskList>;
  /** `DescribeTaskDefinition`. @throws UserError `precondition` when ECS has no such revision. */
  taskDefinition(name: string): Promise<EcsTaskDefinition>;
  /**
   * The highest ACTIVE revision of `current`'s family below it (`ListTaskDefinitions`, newest first, paged
   * until found): deregistered revisions are skipped, since ECS can't deploy them.
   */
  previousRevision(current: string): Promise<PreviousRevision>;
}

/** Pages of `ListTaskDefinitions` read at most while looking for the previous revision (100 revisions each). */
const REVISION_PAGES = 10;

export function createEcsTaskOperations(ecs: ECSClient, ecsConfig: RadioConfig['ecs']): EcsTaskOperations {
  const { target } = ecsTargets(ecsConfig);
  const cluster = ecsConfig.cluster;

  async function taskArns(service: string): Promise<{ arns: string[]; truncated: boolean }> {
    const arns: string[] = [];
    let truncated = false;
    for (const input of listTasksInputs(cluster, service)) {
      const found: string[] = [];
      let more = false;
      const resource = `${cluster}/${service} (${input.desiredStatus})`;
      await awsCall({ action: 'ecs:ListTasks', resource }, async () => {
        // Paged by hand (not paginateListTasks, which rewrites one input object): each call's input is its own.
        let nextToken: string | undefined;
        do {
          const page = await ecs.send(new ListTasksCommand({ ...input, ...(nextToken ? { nextToken } : {}) }));
          found.push(...(page.taskArns ?? []));
          nextToken = page.nextToken;
        } while (nextToken && found.length < TASKS_PER_STATUS);
        more = found.length > TASKS_PER_STATUS || Boolean(nextToken);
      });
      truncated ||= more;
      arns.push(...found.slice(0, TASKS_PER_STATUS));
    }
    return { arns, truncated };
  }

  return {
    async tasks(alias) {
      const { service } = target(alias);
      const { arns, truncated } = await taskArns(service);
      const described: Task[] = [];
      for (let i = 0; i < arns.length; i += DESCRIBE_TASKS_BATCH) {
        const tasks = arns.slice(i, i + DESCRIBE_TASKS_BATCH);
        const output = await awsCall({ action: 'ecs:DescribeTasks', resource: `${cluster}/${service}` }, () =>
          ecs.send(new DescribeTasksCommand({ cluster, tasks })),
        );
        described.push(...(output.tasks ?? []));
      }
      return { tasks: described.map(toEcsTask).sort(runningFirst), truncated };
    },
    async taskDefinition(name) {
      try {
        const output = await awsCall({ action: 'ecs:DescribeTaskDefinition', resource: name }, () =>
          ecs.send(new DescribeTaskDefinitionCommand(describeTaskDefinitionInput(name))),
        );
        const definition = output.taskDefinition;
        return {
          name: definition?.taskDefinitionArn ? taskDefinitionName(definition.taskDefinitionArn) : name,
          status: definition?.status ?? 'UNKNOWN',
          images: (definition?.containerDefinitions ?? []).map((container) => ({
            container: container.name ?? '-',
            image: container.image ?? '-',
          })),
          registeredAt: definition?.registeredAt,
        };
      } catch (error) {
        // ECS answers a missing revision with ClientException "Unable to describe task definition."
        if (error instanceof Error && error.name === 'ClientException')
          throw new UserError('precondition', `ECS has no task definition \`${name}\` (${error.message}).`);
        throw error;
      }
    },
    async previousRevision(current) {
      const parsed = parseTaskDefinition(current);
      if (!parsed) throw new UserError('precondition', `\`${current}\` is not a task definition like family:42.`);
      const input = previousRevisionsInput(parsed.family);
      return awsCall({ action: 'ecs:ListTaskDefinitions', resource: `family ${parsed.family}` }, async () => {
        const active = new Set<number>();
        let nextToken: string | undefined;
        for (let pages = 0; pages < REVISION_PAGES && (pages === 0 || nextToken); pages++) {
          const page = await ecs.send(
            new ListTaskDefinitionsCommand({ ...input, ...(nextToken ? { nextToken } : {}) }),
          );
          nextToken = page.nextToken;
          for (const arn of page.taskDefinitionArns ?? []) {
            const revision = parseTaskDefinition(arn);
            if (revision?.family !== parsed.family) continue;
            if (revision.revision < parsed.revision) {
              const skipped = range(revision.revision + 1, parsed.revision - 1).filter((r) => !active.has(r));
              return { previous: `${parsed.family}:${revision.revision}`, skipped };
            }
            active.add(revision.revision);
          }
        }
        return { previous: undefined, skipped: range(1, parsed.revision - 1) };
      });
    },
  };
}

function toEcsTask(task: Task): EcsTask {
  return {
    taskId: task.taskArn?.split('/').at(-1) ?? '-',
    lastStatus: task.lastStatus ?? 'UNKNOWN',
    desiredStatus: task.desiredStatus ?? 'UNKNOWN',
    healthStatus: task.healthStatus ?? 'UNKNOWN',
    taskDefinition: taskDefinitionName(task.taskDefinitionArn),
    startedAt: task.startedAt,
    stoppedAt: task.stoppedAt,
    stoppedReason: task.stoppedReason,
  };
}

/** Tasks meant to run first, then stopped ones; newest first within each. */
function runningFirst(a: EcsTask, b: EcsTask): number {
  const stopped = (task: EcsTask) => (task.desiredStatus === 'STOPPED' ? 1 : 0);
  const at = (task: EcsTask) => (task.stoppedAt ?? task.startedAt)?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return stopped(a) - stopped(b) || at(b) - at(a);
}

const range = (from: number, to: number): number[] =>
  from > to ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
