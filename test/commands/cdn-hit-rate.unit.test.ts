import { GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { cacheHitRateWindow } from '../../src/integrations/cdn/cdn-hit-rate-query.js';
import { awsCommandHarness, awsError, shown } from '../support/aws-command-harness.js';

const HOUR = 3_600_000;

/** GetMetricData answering in two pages (NextToken `T1`); the tokens asked for are recorded as calls arrive. */
function hitRates(pages: { Timestamps: Date[]; Values: number[] }[]) {
  const h = awsCommandHarness();
  const tokens: (string | undefined)[] = [];
  const inputs: GetMetricDataCommandInput[] = [];
  h.mocks.cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    tokens.push(input.NextToken);
    inputs.push(structuredClone(input));
    const index = input.NextToken ? Number(input.NextToken.slice(1)) : 0;
    const page = pages[index] ?? { Timestamps: [], Values: [] };
    return {
      MetricDataResults: [{ Id: 'cacheHitRate', Label: 'CacheHitRate', StatusCode: 'Complete', ...page }],
      NextToken: index + 1 < pages.length ? `T${index + 1}` : undefined,
    };
  });
  return { ...h, tokens, inputs };
}

describe('cdn hit-rate', () => {
  it('reads AWS/CloudFront CacheHitRate for the distribution over every page and summarises it', async () => {
    const h = hitRates([
      { Timestamps: [new Date('2025-03-14T20:00:00Z'), new Date('2025-03-14T20:30:00Z')], Values: [90, 96] },
      { Timestamps: [new Date('2025-03-14T21:00:00Z')], Values: [99] },
    ]);
    const outcome = await h.run('cdn hit-rate');
    expect(h.tokens).toEqual([undefined, 'T1']);
    const input = h.inputs[0];
    expect(input?.MetricDataQueries).toEqual([
      {
        Id: 'cacheHitRate',
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/CloudFront',
            MetricName: 'CacheHitRate',
            Dimensions: [
              { Name: 'DistributionId', Value: 'E1234567890ABC' },
              { Name: 'Region', Value: 'Global' },
            ],
          },
          Period: 1800,
          Stat: 'Average',
        },
      },
    ]);
    expect((input?.EndTime?.getTime() ?? 0) - (input?.StartTime?.getTime() ?? 0)).toBe(24 * HOUR);
    expect(input?.ScanBy).toBe('TimestampAscending');
    expect(outcome.reply.summary).toBe('CloudFront cache hit rate, last 1d: 95.0 % on average');
    const text = shown(outcome.reply);
    expect(text).toMatch(/Latest\s+99\.0 % at 2025-03-14 21:00:00 UTC/);
    expect(text).toMatch(/Lowest\s+90\.0 % at 2025-03-14 20:00:00 UTC/);
    expect(text).toMatch(/Window\s+last 1d, 3 periods of 30m/);
  });

  it('answers no datapoints as "additional metrics may not be enabled"', async () => {
    const outcome = await hitRates([]).run('cdn hit-rate --since 2h');
    expect(shown(outcome.reply)).toMatch(
      /^No data: CloudWatch has no CacheHitRate for E1234567890ABC in the last 2h\. CloudFront additional metrics may not be enabled/,
    );
  });

  it('sizes the period to at most 48 datapoints, in whole minutes (5-minute steps past 1 minute)', () => {
    const end = new Date('2025-03-14T21:15:37Z');
    expect(cacheHitRateWindow(end, 30 * 60_000)).toEqual({
      startTime: new Date('2025-03-14T20:45:00Z'),
      endTime: new Date('2025-03-14T21:15:00Z'),
      periodSeconds: 60,
    });
    expect(cacheHitRateWindow(end, 3 * HOUR).periodSeconds).toBe(300);
    expect(cacheHitRateWindow(end, 7 * 24 * HOUR).periodSeconds).toBe(12_600);
  });

  it('refuses windows CloudWatch cannot answer at this resolution, and names the action on AccessDenied', async () => {
    const h = hitRates([]);
    expect(await h.run('cdn hit-rate --since 90d')).toMatchObject({ status: 'refused', code: 'usage' });
    expect(await h.run('cdn hit-rate --since 1m')).toMatchObject({ status: 'refused', code: 'usage' });
    h.mocks.cloudwatch.on(GetMetricDataCommand).rejects(awsError('AccessDenied'));
    expect((await h.run('cdn hit-rate')).reply.summary).toMatch(
      /refused `cloudwatch:GetMetricData` on `AWS\/CloudFront CacheHitRate DistributionId=E1234567890ABC`/,
    );
  });
});
