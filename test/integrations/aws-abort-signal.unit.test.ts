// Issue 11, fault 4 (AWS edge): the run's AbortSignal reaches every SDK call a command makes, so a call
// abandoned at the deadline stops. The modules are built as the composition root builds them; each
// command runs through the real dispatcher; aws-sdk-client-mock records the options `send` received.
import { CloudFrontClient, GetDistributionCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { alarmsModule } from '../../src/integrations/alarms/alarms-module.js';
import { cdnModule } from '../../src/integrations/cdn/cdn-module.js';
import { ecsModule } from '../../src/integrations/ecs/ecs-module.js';
import { rdsModule } from '../../src/integrations/rds/rds-module.js';
import { s3Module } from '../../src/integrations/s3/s3-module.js';
import { commandRunner } from '../support/command-runner.js';
import { ecsService } from '../support/ecs-fixtures.js';
import { integrationContext } from '../support/integration-context.js';
import { sourceInstance } from '../support/rds-fixtures.js';

const ecs = mockClient(ECSClient);
const autoscaling = mockClient(ApplicationAutoScalingClient);
const cloudfront = mockClient(CloudFrontClient);
const cloudwatch = mockClient(CloudWatchClient);
const rds = mockClient(RDSClient);
const s3 = mockClient(S3Client);
afterEach(() => [ecs, autoscaling, cloudfront, cloudwatch, rds, s3].forEach((mock) => mock.reset()));

/** Every AWS module, built from an empty YAML as the composition root builds them. */
function runner() {
  const { context } = integrationContext();
  return commandRunner({
    ecs: ecsModule.create(context),
    cdn: cdnModule.create(context),
    alarms: alarmsModule.create(context),
    rds: rdsModule.create(context),
    s3: s3Module.create(context),
  });
}

/** The `abortSignal` a recorded call was sent with: `client.send(command, options)`'s second argument. */
const abortSignalOf = (call: { args: readonly unknown[] }) =>
  (call.args[1] as { abortSignal?: unknown } | undefined)?.abortSignal;

/** The `abortSignal` of each call `mock` recorded. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's stub
const sendOptions = (mock: AwsStub<any, any, any>) => mock.calls().map(abortSignalOf);

describe('fault 4: the run signal reaches AWS calls', () => {
  it('ecs status: DescribeServices is sent with the run abortSignal', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [ecsService('n8n-worker', 2)], failures: [] });
    const outcome = await runner().run('ecs status n8n');
    expect(outcome.status).toBe('succeeded');
    const signals = sendOptions(ecs);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect((signals[0] as AbortSignal).aborted).toBe(false);
  });

  it('scale: UpdateService, sent by run, gets it too', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [ecsService('n8n-worker', 2)], failures: [] });
    ecs.on(UpdateServiceCommand).resolves({ service: ecsService('n8n-worker', 3) });
    autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
    const outcome = await runner().run('scale n8n 3');
    expect(outcome.status).toBe('succeeded');
    const [update] = ecs.commandCalls(UpdateServiceCommand);
    expect(update && abortSignalOf(update)).toBeInstanceOf(AbortSignal);
  });

  it('alarms, db status, cdn status and s3 size: every call carries it', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [sourceInstance()] });
    cloudfront.on(GetDistributionCommand).resolves({ Distribution: undefined });
    cloudfront
      .on(ListInvalidationsCommand)
      .resolves({ InvalidationList: { Items: [], Quantity: 0, Marker: '', MaxItems: 100, IsTruncated: false } });
    s3.on(ListObjectsV2Command).resolves({ Contents: [], KeyCount: 0 });
    const run = runner().run;
    for (const line of ['alarms', 'db status', 'cdn status', 's3 size rap']) await run(line);
    for (const mock of [cloudwatch, rds, cloudfront, s3]) {
      const signals = sendOptions(mock);
      expect(signals.length).toBeGreaterThan(0);
      for (const signal of signals) expect(signal).toBeInstanceOf(AbortSignal);
    }
  });
});
