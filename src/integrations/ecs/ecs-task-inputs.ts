import type {
  DescribeTaskDefinitionCommandInput,
  ListTaskDefinitionsCommandInput,
  ListTasksCommandInput,
} from '@aws-sdk/client-ecs';

/** Tasks `ecs tasks` lists per service and `desiredStatus` at most (ListTasks pages of 100 until then). */
export const TASKS_PER_STATUS = 100;

/** `DescribeTasks` takes at most 100 tasks per call. Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html */
export const DESCRIBE_TASKS_BATCH = 100;

/**
 * The `ListTasks` inputs of one service: running (and pending: their `desiredStatus` is `RUNNING`) and stopped
 * tasks (ECS keeps stopped ones for about an hour). Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html
 */
export function listTasksInputs(cluster: string, serviceName: string): ListTasksCommandInput[] {
  return (['RUNNING', 'STOPPED'] as const).map((desiredStatus) => ({
    cluster,
    serviceName,
    desiredStatus,
    maxResults: 100,
  }));
}

/** `family:revision` (or its ARN) split; `undefined` for anything else. */
export function parseTaskDefinition(name: string): { family: string; revision: number } | undefined {
  const match = /(?:^|\/)([A-Za-z0-9_-]{1,255}):(\d+)$/.exec(name);
  return match ? { family: match[1]!, revision: Number(match[2]) } : undefined;
}

/**
 * The `ListTaskDefinitions` input that finds a family's revisions below the current one, newest first.
 * `familyPrefix` also matches longer family names (`n8n-worker-beta`): the caller keeps only `family`.
 * Only `ACTIVE` revisions: a deregistered (`INACTIVE`) one can't be deployed by `UpdateService`.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTaskDefinitions.html
 */
export const previousRevisionsInput = (family: string): ListTaskDefinitionsCommandInput => ({
  familyPrefix: family,
  status: 'ACTIVE',
  sort: 'DESC',
  maxResults: 100,
});

export const describeTaskDefinitionInput = (taskDefinition: string): DescribeTaskDefinitionCommandInput => ({
  taskDefinition,
});
