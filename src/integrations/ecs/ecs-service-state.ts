import type { Deployment, Service } from '@aws-sdk/client-ecs';

/** One deployment of a service (`PRIMARY` is the newest). Counts are tasks. */
export interface EcsDeployment {
  id: string;
  /** `PRIMARY`, `ACTIVE` (being replaced) or `INACTIVE`. */
  status: string;
  /** `COMPLETED`, `IN_PROGRESS` or `FAILED`; absent for deployments ECS does not track that way. */
  rolloutState?: string;
  rolloutStateReason?: string;
  /** `family:revision`, e.g. `n8n-worker:42`. */
  taskDefinition: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  createdAt?: Date;
  updatedAt?: Date;
}

/** One of the service's events, as ECS words it. */
export interface EcsServiceEvent {
  createdAt?: Date;
  message: string;
}

/**
 * A service as `DescribeServices`/`UpdateService` answer it, in ECS's own names. Counts are tasks.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html
 */
export interface EcsServiceState {
  alias: string;
  cluster: string;
  service: string;
  /** `ACTIVE`, `DRAINING` or `INACTIVE`. */
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** `family:revision` of the service's task definition. */
  taskDefinition: string;
  deployments: EcsDeployment[];
  /** Newest first, as ECS returns them (at most 100). */
  events: EcsServiceEvent[];
}

/** `arn:aws:ecs:…:task-definition/n8n-worker:42` to `n8n-worker:42`. */
export function taskDefinitionName(arn: string | undefined): string {
  return arn?.split('/').at(-1) ?? '-';
}

function toDeployment(deployment: Deployment): EcsDeployment {
  return {
    id: deployment.id ?? '-',
    status: deployment.status ?? 'UNKNOWN',
    rolloutState: deployment.rolloutState,
    rolloutStateReason: deployment.rolloutStateReason,
    taskDefinition: taskDefinitionName(deployment.taskDefinition),
    desiredCount: deployment.desiredCount ?? 0,
    runningCount: deployment.runningCount ?? 0,
    pendingCount: deployment.pendingCount ?? 0,
    failedTasks: deployment.failedTasks ?? 0,
    createdAt: deployment.createdAt,
    updatedAt: deployment.updatedAt,
  };
}

/** The SDK's `Service` as {@link EcsServiceState}; absent counts read as 0. */
export function toEcsServiceState(alias: string, cluster: string, service: Service): EcsServiceState {
  return {
    alias,
    cluster,
    service: service.serviceName ?? '-',
    status: service.status ?? 'UNKNOWN',
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    taskDefinition: taskDefinitionName(service.taskDefinition),
    deployments: (service.deployments ?? []).map(toDeployment),
    events: (service.events ?? []).map((event) => ({ createdAt: event.createdAt, message: event.message ?? '' })),
  };
}
