import {
  paginateDescribeScalableTargets,
  type ApplicationAutoScalingClient,
} from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, UpdateServiceCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import type { RadioConfig } from '../../config/radio-config.js';
import { UserError } from '../../pipeline/user-error.js';
import { awsCall } from '../aws/aws-errors.js';
import { toEcsServiceState, type EcsServiceState } from './ecs-service-state.js';
import { createEcsTaskOperations, type EcsTaskOperations } from './ecs-task-operations.js';
import { ecsTargets, type EcsServiceChange, type EcsTargets } from './ecs-targets.js';

export type { EcsDeployment, EcsServiceEvent, EcsServiceState } from './ecs-service-state.js';
export type { EcsServiceChange, EcsServiceTarget, EcsTargets } from './ecs-targets.js';
export type { EcsTask, EcsTaskDefinition, EcsTaskList, PreviousRevision } from './ecs-task-operations.js';

/** Application Auto Scaling's hold on a service's `desiredCount`, when it has one. Counts are tasks. */
export interface EcsScalableTarget {
  minCapacity: number;
  maxCapacity: number;
  /** `SuspendedState.DynamicScalingInSuspended` / `…OutSuspended`. */
  scaleInSuspended: boolean;
  scaleOutSuspended: boolean;
}

/**
 * The ECS services named in the YAML, by alias. Every call goes to the configured cluster; errors
 * come back in words ({@link awsCall}): AccessDenied names the IAM action and `cluster/service`.
 * API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Operations.html
 */
export interface EcsOperations extends EcsTargets, EcsTaskOperations {
  /** @throws UserError `precondition` when ECS reports a service missing or the cluster not found. */
  describeServices(aliases: string[]): Promise<EcsServiceState[]>;
  /** `DescribeScalableTargets` (namespace `ecs`, `service/<cluster>/<service>`), or `undefined` when unmanaged. */
  scalableTarget(alias: string): Promise<EcsScalableTarget | undefined>;
  /** `UpdateService` with `desiredCount`; returns the service as ECS answers it. */
  setDesiredCount(alias: string, desiredCount: number): Promise<EcsServiceState>;
  /** `UpdateService` with `forceNewDeployment: true`: new tasks from the same task definition. */
  forceNewDeployment(alias: string): Promise<EcsServiceState>;
  /** `UpdateService` with `taskDefinition` (`family:revision`): a deployment of that revision (`ecs rollback`). */
  setTaskDefinition(alias: string, taskDefinition: string): Promise<EcsServiceState>;
}

/** Builds {@link EcsOperations} on SDK clients; names come from `ecsConfig` (see {@link ecsTargets}). */
export function createEcsOperations(
  ecs: ECSClient,
  autoscaling: ApplicationAutoScalingClient,
  ecsConfig: RadioConfig['ecs'],
): EcsOperations {
  const targets = ecsTargets(ecsConfig);
  const { target } = targets;
  const resource = (aliases: string[]) =>
    `${ecsConfig.cluster}/${aliases.map((alias) => target(alias).service).join(',')}`;

  const operations: EcsOperations = {
    ...targets,
    async describeServices(aliases) {
      const found: Service[] = [];
      for (const input of operations.describeServicesInputs(aliases)) {
        const output = await awsCall({ action: 'ecs:DescribeServices', resource: resource(aliases) }, () =>
          ecs.send(new DescribeServicesCommand(input)),
        );
        const failure = output.failures?.[0];
        if (failure) {
          throw new UserError(
            'precondition',
            `ECS has no service \`${serviceName(failure.arn)}\` in cluster \`${ecsConfig.cluster}\` (${failure.reason ?? 'no reason given'}).`,
          );
        }
        found.push(...(output.services ?? []));
      }
      return aliases.map((alias) => {
        const service = found.find((candidate) => candidate.serviceName === target(alias).service);
        if (!service)
          throw new UserError(
            'precondition',
            `ECS did not describe \`${target(alias).service}\` in \`${ecsConfig.cluster}\`.`,
          );
        return toEcsServiceState(alias, ecsConfig.cluster, service);
      });
    },
    async scalableTarget(alias) {
      const { cluster, service } = target(alias);
      const resourceId = `service/${cluster}/${service}`;
      return awsCall({ action: 'application-autoscaling:DescribeScalableTargets', resource: resourceId }, async () => {
        const pages = paginateDescribeScalableTargets(
          { client: autoscaling },
          { ServiceNamespace: 'ecs', ResourceIds: [resourceId] },
        );
        for await (const page of pages) {
          const found = page.ScalableTargets?.find(
            (candidate) => candidate.ScalableDimension === 'ecs:service:DesiredCount',
          );
          if (found) {
            return {
              minCapacity: found.MinCapacity ?? 0,
              maxCapacity: found.MaxCapacity ?? 0,
              scaleInSuspended: found.SuspendedState?.DynamicScalingInSuspended ?? false,
              scaleOutSuspended: found.SuspendedState?.DynamicScalingOutSuspended ?? false,
            };
          }
        }
        return undefined;
      });
    },
    setDesiredCount: (alias, desiredCount) => update(alias, { desiredCount }),
    forceNewDeployment: (alias) => update(alias, { forceNewDeployment: true }),
    setTaskDefinition: (alias, taskDefinition) => update(alias, { taskDefinition }),
    ...createEcsTaskOperations(ecs, ecsConfig),
  };

  async function update(alias: string, change: EcsServiceChange): Promise<EcsServiceState> {
    const input = operations.updateServiceInput(alias, change);
    try {
      const output = await awsCall({ action: 'ecs:UpdateService', resource: resource([alias]) }, () =>
        ecs.send(new UpdateServiceCommand(input)),
      );
      if (!output.service) throw new Error(`UpdateService answered without a service for ${resource([alias])}`);
      return toEcsServiceState(alias, ecsConfig.cluster, output.service);
    } catch (error) {
      if (error instanceof Error && error.name === 'ServiceNotActiveException') {
        throw new UserError(
          'precondition',
          `ECS service \`${input.service}\` is not ACTIVE (draining or deleted), so it can't be updated.`,
        );
      }
      throw error;
    }
  }

  return operations;
}

/** `arn:aws:ecs:…:service/cluster/name` (or a bare name) to the name. */
function serviceName(arn: string | undefined): string {
  return arn?.split('/').at(-1) ?? '(unknown)';
}
