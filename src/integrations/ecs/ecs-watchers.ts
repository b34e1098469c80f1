import type { Observation, Watcher } from '../../operations/operation-poller.js';
import type { EcsOperations, EcsServiceState } from './ecs-operations.js';

/**
 * One look at a service after `UpdateService`: its `PRIMARY` deployment's `rolloutState` decides. `COMPLETED`
 * (ECS's steady state: every task of the new deployment running and healthy) ends it, `FAILED` (the
 * deployment circuit breaker, with its reason) fails it; anything else goes on. A service without rollout
 * states (another deployment controller) is done once it has one deployment with every task running.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html
 */
export function observeDeployment(service: EcsServiceState): Observation {
  const primary = service.deployments.find((deployment) => deployment.status === 'PRIMARY');
  if (!primary) return { state: `${service.status}, no PRIMARY deployment`, done: false };
  const rollout = primary.rolloutState ?? 'no rolloutState';
  const state = `${primary.taskDefinition} ${rollout}, ${primary.runningCount}/${primary.desiredCount} tasks running`;
  if (primary.rolloutState === 'FAILED')
    return { state, done: false, failed: true, detail: primary.rolloutStateReason };
  if (primary.rolloutState === 'COMPLETED') return { state, done: true };
  if (!primary.rolloutState && service.deployments.length === 1 && primary.runningCount === primary.desiredCount)
    return { state, done: true };
  return { state, done: false };
}

/** `ecs-service` (`ecs rollback`): {@link observeDeployment} of the service whose alias is the target, by `DescribeServices`. */
export function createEcsWatchers(ecs: EcsOperations): Record<'ecs-service', Watcher> {
  return {
    'ecs-service': async (alias) => {
      const [service] = await ecs.describeServices([alias]);
      return service ? observeDeployment(service) : { state: 'not found', done: false, failed: true };
    },
  };
}
