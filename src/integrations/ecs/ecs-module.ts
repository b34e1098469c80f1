import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { awsClientOptions } from '../aws/aws-client-options.js';
import { defineIntegration } from '../integration-module.js';
import { deferred, once } from '../lazy-client.js';
import type { EcsOperations } from './ecs-operations.js';
import { ecsTargets } from './ecs-targets.js';

/** Imports the SDKs and builds both clients; the composition root's factory runs it on first use. */
async function loadEcs(region: string, ecsConfig: Parameters<typeof ecsTargets>[0]): Promise<EcsOperations> {
  const [{ ECSClient }, { ApplicationAutoScalingClient }, { createEcsOperations }] = await Promise.all([
    import('@aws-sdk/client-ecs'),
    import('@aws-sdk/client-application-auto-scaling'),
    import('./ecs-operations.js'),
  ]);
  const ecs: ECSClient = new ECSClient(awsClientOptions(region));
  const autoscaling: ApplicationAutoScalingClient = new ApplicationAutoScalingClient(awsClientOptions(region));
  return createEcsOperations(ecs, autoscaling, ecsConfig);
}

/**
 * ECS services named in `ecs.services` of cluster `ecs.cluster` (`ecs status`, `scale`, `redeploy`),
 * and Application Auto Scaling's hold on them. API: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/
 */
export const ecsModule = defineIntegration({
  id: 'ecs',
  notConfigured: "The station's ECS access is not set up in this process.",
  create({ radio }): EcsOperations {
    const load = once(() => loadEcs(radio.region, radio.ecs));
    return {
      ...ecsTargets(radio.ecs),
      ...deferred(load, ['describeServices', 'scalableTarget', 'setDesiredCount', 'forceNewDeployment']),
    };
  },
  iamStatements: (radio, { arn }) => [
    // scale, redeploy, ecs status
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
  ],
  sdkPackages: { 'client-ecs': 'ecs', 'client-application-auto-scaling': 'application-autoscaling' },
});
