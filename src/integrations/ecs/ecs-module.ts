import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { abortableClient } from '../aws/abortable-client.js';
import { deferred, once } from '../lazy-client.js';
import { withRunView } from '../run-view.js';
import type { EcsOperations } from './ecs-operations.js';
import { ecsTargets } from './ecs-targets.js';

/** Imports the SDKs and builds both clients; the composition root's factory runs it on first use. */
async function loadEcs(region: string, ecsConfig: Parameters<typeof ecsTargets>[0]) {
  const [{ ECSClient }, { ApplicationAutoScalingClient }, { createEcsOperations }] = await Promise.all([
    import('@aws-sdk/client-ecs'),
    import('@aws-sdk/client-application-auto-scaling'),
    import('./ecs-operations.js'),
  ]);
  const ecs: ECSClient = new ECSClient(awsClientOptions(region));
  const autoscaling: ApplicationAutoScalingClient = new ApplicationAutoScalingClient(awsClientOptions(region));
  /** The operations on both clients, every call carrying `signal` when given. */
  return (signal: AbortSignal | undefined): EcsOperations =>
    createEcsOperations(abortableClient(ecs, signal), abortableClient(autoscaling, signal), ecsConfig);
}

/**
 * ECS services named in `ecs.services` of cluster `ecs.cluster` (`ecs status`, `scale`, `redeploy`),
 * and Application Auto Scaling's hold on them. API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/
 */
export const ecsModule = defineIntegration({
  id: 'ecs',
  notConfigured: "The station's ECS access is not set up in this process.",
  create({ radio }): EcsOperations {
    const operations = once(() => loadEcs(radio.region, radio.ecs));
    // One run's view: the same clients, every call carrying the run's signal (aborted at its deadline).
    const view = (signal?: AbortSignal): EcsOperations => ({
      ...ecsTargets(radio.ecs),
      ...deferred(
        once(async () => (await operations())(signal)),
        [
          'describeServices',
          'scalableTarget',
          'setDesiredCount',
          'forceNewDeployment',
          'setTaskDefinition',
          'tasks',
          'taskDefinition',
          'previousRevision',
        ],
      ),
    });
    return withRunView(view(), view);
  },
  iamStatements: (radio, { arn }) => [
    // scale, redeploy, ecs status, ecs events, ecs rollback
    {
      Sid: 'EcsConfiguredServices',
      Effect: 'Allow',
      Action: ['ecs:DescribeServices', 'ecs:UpdateService'],
      Resource: [
        ...new Set(
          Object.values(radio.ecs.services).map(({ service }) => arn('ecs', `service/${radio.ecs.cluster}/${service}`)),
        ),
      ],
    },
    // scale: is Application Auto Scaling managing the service? (no resource-level permissions)
    {
      Sid: 'EcsAutoScalingRead',
      Effect: 'Allow',
      Action: ['application-autoscaling:DescribeScalableTargets'],
      Resource: ['*'],
    },
    // ecs tasks: ListTasks authorizes on container instances, which Fargate tasks have none of; AWS's own example
    // narrows it to one cluster with the ecs:cluster condition instead.
    // Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security_iam_id-based-policy-examples.html
    {
      Sid: 'EcsListTasksInCluster',
      Effect: 'Allow',
      Action: ['ecs:ListTasks'],
      Resource: ['*'],
      Condition: { ArnEquals: { 'ecs:cluster': arn('ecs', `cluster/${radio.ecs.cluster}`) } },
    },
    // ecs tasks: the tasks of the configured cluster
    {
      Sid: 'EcsDescribeTasks',
      Effect: 'Allow',
      Action: ['ecs:DescribeTasks'],
      Resource: [arn('ecs', `task/${radio.ecs.cluster}/*`)],
    },
    // ecs rollback: the revisions of a family and their images (no resource-level permissions)
    {
      Sid: 'EcsTaskDefinitionsRead',
      Effect: 'Allow',
      Action: ['ecs:ListTaskDefinitions', 'ecs:DescribeTaskDefinition'],
      Resource: ['*'],
    },
  ],
  sdkPackages: { 'client-ecs': 'ecs', 'client-application-auto-scaling': 'application-autoscaling' },
});
