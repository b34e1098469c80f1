// ECS answers shaped as DescribeServices/UpdateService return them (account 123456789012, invented).
import type { Service } from '@aws-sdk/client-ecs';

const ARN = 'arn:aws:ecs:us-east-1:123456789012';

/** A service `name` in radio-n8n-cluster wanting `desiredCount` tasks, all running, one completed deployment. */
export function ecsService(name: string, desiredCount: number, extra: Partial<Service> = {}): Service {
  return {
    serviceName: name,
    serviceArn: `${ARN}:service/radio-n8n-cluster/${name}`,
    clusterArn: `${ARN}:cluster/radio-n8n-cluster`,
    status: 'ACTIVE',
    desiredCount,
    runningCount: desiredCount,
    pendingCount: 0,
    taskDefinition: `${ARN}:task-definition/${name}:42`,
    deployments: [
      {
        id: 'ecs-svc/1234567890123456789',
        status: 'PRIMARY',
        taskDefinition: `${ARN}:task-definition/${name}:42`,
        desiredCount,
        runningCount: desiredCount,
        pendingCount: 0,
        failedTasks: 0,
        rolloutState: 'COMPLETED',
        createdAt: new Date('2025-03-14T20:00:00Z'),
        updatedAt: new Date('2025-03-14T20:04:00Z'),
      },
    ],
    events: [
      {
        id: 'e3',
        createdAt: new Date('2025-03-14T21:20:00Z'),
        message: `(service ${name}) has reached a steady state.`,
      },
      {
        id: 'e2',
        createdAt: new Date('2025-03-14T20:04:00Z'),
        message: `(service ${name}) has started 2 tasks: (task 0a1b2c).`,
      },
    ],
    ...extra,
  };
}
