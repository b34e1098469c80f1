// ECS, CloudFront and CloudWatch (us-east-1) commands through the real server and a signed slash
// command. aws-sdk-client-mock mocks every instance of a client class, so the clients the server's
// composition root builds answer from here.
import { randomUUID } from 'node:crypto';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  ListInvalidationsCommand,
  type CreateInvalidationCommandInput,
} from '@aws-sdk/client-cloudfront';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeServicesCommand,
  ECSClient,
  UpdateServiceCommand,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecsService } from '../support/ecs-fixtures.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';

const ecs = mockClient(ECSClient);
const autoscaling = mockClient(ApplicationAutoScalingClient);
const cloudfront = mockClient(CloudFrontClient);
const cloudwatch = mockClient(CloudWatchClient);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Sends `/radio <text> --reason <marker>` as U0ALICE (an operator); returns what Slack shows and the audit rows. */
async function ask(text: string) {
  const reason = `test-${randomUUID()}`;
  const { ack, reply } = await h.slash(`${text} --reason ${reason}`);
  expect(ack.status).toBe(200);
  const message = await reply();
  return {
    shown: `${String(message.text)}\n${JSON.stringify(message.blocks)}`,
    message,
    rows: await h.auditRows(reason),
  };
}

describe('ECS and CloudFront commands over Slack', () => {
  it('scale n8n 4: DescribeServices, then UpdateService with the configured cluster and service', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [ecsService('n8n-worker', 2)], failures: [] });
    ecs.on(UpdateServiceCommand).callsFake((input: UpdateServiceCommandInput) => ({
      service: ecsService('n8n-worker', input.desiredCount ?? 0),
    }));
    autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
    const { shown, message, rows } = await ask('scale n8n 4');
    expect(ecs.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'radio-n8n-cluster', service: 'n8n-worker', desiredCount: 4 },
    ]);
    expect(message.response_type).toBe('in_channel');
    expect(shown).toContain('desiredCount 2 -&gt; 4 tasks'); // Slack shows &gt; as >
    expect(rows.map((row) => [row.outcome, row.command, row.risk])).toEqual([
      ['started', 'scale', 'write'],
      ['succeeded', 'scale', 'write'],
    ]);
  });

  it('invalidate rap: CreateInvalidation of /hls/rap/* with the request id as CallerReference', async () => {
    cloudfront
      .on(ListInvalidationsCommand)
      .resolves({ InvalidationList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0, Items: [] } });
    cloudfront.on(CreateInvalidationCommand).callsFake((input: CreateInvalidationCommandInput) => ({
      Invalidation: {
        Id: 'I2J0I21PCUYOIK',
        Status: 'InProgress',
        CreateTime: new Date(),
        InvalidationBatch: input.InvalidationBatch,
      },
    }));
    const { shown, rows } = await ask('invalidate rap');
    const requestId = rows[0]?.request_id;
    expect(cloudfront.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input)).toEqual([
      {
        DistributionId: 'E1234567890ABC',
        InvalidationBatch: { CallerReference: requestId, Paths: { Quantity: 1, Items: ['/hls/rap/*'] } },
      },
    ]);
    expect(shown).toContain('I2J0I21PCUYOIK');
    expect(rows.map((row) => row.outcome)).toEqual(['started', 'succeeded']);
  });

  it('cdn hit-rate: GetMetricData on AWS/CloudFront CacheHitRate', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'cacheHitRate', StatusCode: 'Complete', Timestamps: [new Date(Date.now() - 3_600_000)], Values: [87.25] },
      ],
    });
    const { shown } = await ask('cdn hit-rate --since 6h');
    expect(
      cloudwatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.[0]?.MetricStat?.Metric,
    ).toEqual({
      Namespace: 'AWS/CloudFront',
      MetricName: 'CacheHitRate',
      Dimensions: [
        { Name: 'DistributionId', Value: 'E1234567890ABC' },
        { Name: 'Region', Value: 'Global' },
      ],
    });
    expect(shown).toContain('87.3 %');
  });
});
