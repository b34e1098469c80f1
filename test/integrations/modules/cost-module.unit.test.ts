import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { costModule } from '../../../src/integrations/cost/cost-module.js';
import { answerCache } from '../../../src/integrations/cost/cost-operations.js';
import { commandRunner } from '../../support/command-runner.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';

const ceMock = mockClient(CostExplorerClient);
afterEach(() => ceMock.reset());

describe('the cost module', () => {
  it('asks Cost Explorer in us-east-1 whatever the region, once an hour per month across runs', async () => {
    const cost = costModule.create(integrationContext({ yaml: { region: 'eu-west-1' } }).context);
    ceMock.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
    await cost?.monthly('2026-11');
    await cost?.monthly('2026-11');
    expect(ceMock.calls()).toHaveLength(1);
    expect(await (ceMock.calls()[0]?.thisValue as CostExplorerClient).config.region()).toBe('us-east-1');
  });

  it('keeps an answer for the hour, not longer, and forgets a failure', async () => {
    let now = 0;
    const cache = answerCache(3_600_000, () => now);
    let reads = 0;
    const read = () => cache('k', async () => ++reads);
    await read();
    now = 3_599_999;
    expect((await read()).value).toBe(1);
    now = 3_600_000;
    expect((await read()).value).toBe(2);
    await expect(cache('bad', () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    expect((await cache('bad', async () => 'fine')).value).toBe('fine');
  });

  it('grants Cost Explorer on "*", the bucket configuration reads and RDS reservations', () => {
    const statements = costModule.iamStatements?.(
      integrationContext({ yaml: { region: 'eu-west-1' } }).context.radio,
      iamScope(),
    );
    expect(statements?.map((s) => [s.Sid, s.Action.join(' '), s.Resource.join(' ')])).toEqual([
      ['CostExplorerRead', 'ce:GetCostAndUsage ce:GetCostForecast', '*'],
      [
        'S3BucketCostConfigurationRead',
        's3:GetLifecycleConfiguration s3:GetIntelligentTieringConfiguration',
        'arn:aws:s3:::radio-audio-bucket',
      ],
      ['CloudWatchMetricsRead', 'cloudwatch:GetMetricData', '*'],
      ['RdsReservationsRead', 'rds:DescribeReservedDBInstances', 'arn:aws:rds:eu-west-1:123456789012:ri:*'],
    ]);
  });

  it('without it, cost and cost checks answer its not-configured text', async () => {
    for (const line of ['cost', 'cost checks'])
      expect(await commandRunner({}).run(line)).toMatchObject({ code: 'not_configured' });
  });
});
