import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetCostAndUsageCommand, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import { DescribeDBInstancesCommand, DescribeReservedDBInstancesCommand } from '@aws-sdk/client-rds';
import {
  GetBucketLifecycleConfigurationCommand,
  ListBucketIntelligentTieringConfigurationsCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { awsError, shown } from '../support/aws-command-harness.js';
import { sourceInstance } from '../support/rds-fixtures.js';
import { runbookHarness } from '../support/runbook-harness.js';

const group = (service: string, amount: string) => ({
  Keys: [service],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});

function costs() {
  const h = runbookHarness();
  h.mocks.ce
    .on(GetCostAndUsageCommand, { NextPageToken: undefined })
    .resolves({
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
          Groups: [group('Amazon Relational Database Service', '120.50'), group('Amazon ElastiCache', '30')],
        },
        {
          TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
          Groups: [
            group('Amazon Relational Database Service', '130.25'),
            group('Amazon Elastic Compute Cloud - Compute', '40'),
          ],
        },
      ],
      NextPageToken: 'p2',
    })
    .on(GetCostAndUsageCommand, { NextPageToken: 'p2' })
    .resolves({
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
          Groups: [
            group('EC2 - Other', '5.5'),
            group('AWS Lambda', '1.25'),
            group('Amazon Simple Storage Service', '12'),
          ],
        },
      ],
    });
  return h;
}

describe('cost', () => {
  it("shows the runbook's rows for the month beside the month before, paged, from us-east-1's Cost Explorer", async () => {
    const h = costs();
    const outcome = await h.run('cost --month 2026-11');
    expect(h.mocks.ce.commandCalls(GetCostAndUsageCommand).map((call) => call.args[0].input)).toEqual([
      {
        TimePeriod: { Start: '2026-10-01', End: '2026-12-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      },
      {
        TimePeriod: { Start: '2026-10-01', End: '2026-12-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
        NextPageToken: 'p2',
      },
    ]);
    expect(h.mocks.ce.commandCalls(GetCostForecastCommand)).toHaveLength(0);
    expect(outcome.reply.summary).toBe('AWS cost 2026-11: $189.00 (2026-10: $150.50)');
    const text = shown(outcome.reply);
    expect(text).toMatch(/RDS\s+\$120\.50\s+\$130\.25/);
    expect(text).toMatch(/ElastiCache\s+\$30\.00\s+\$0\.00/);
    expect(text).toMatch(/S3\s+\$0\.00\s+\$12\.00/);
    expect(text).toMatch(/EC2\s+\$0\.00\s+\$45\.50/);
    expect(text).toMatch(/Other\s+\$0\.00\s+\$1\.25/);
    expect(text).toMatch(/total\s+\$150\.50\s+\$189\.00/);
  });

  it('keeps answers for an hour in this process: the same month again asks Cost Explorer nothing', async () => {
    const h = costs();
    await h.run('cost --month 2026-11');
    const again = await h.run('cost --month 2026-11');
    expect(h.mocks.ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(2);
    expect(shown(again.reply)).toMatch(/read at .* \(answers are kept an hour/);
  });

  it('adds the forecast to the end of the current month', async () => {
    const h = runbookHarness();
    const today = new Date();
    const month = today.toISOString().slice(0, 7);
    h.mocks.ce.on(GetCostAndUsageCommand).resolves({
      ResultsByTime: [
        { TimePeriod: { Start: `${month}-01`, End: '2999-01-01' }, Groups: [group('Amazon CloudFront', '10')] },
      ],
    });
    h.mocks.ce.on(GetCostForecastCommand).resolves({ Total: { Amount: '25.5', Unit: 'USD' } });
    const outcome = await h.run('cost');
    const [forecast] = h.mocks.ce.commandCalls(GetCostForecastCommand).map((call) => call.args[0].input);
    expect(forecast).toMatchObject({
      TimePeriod: { Start: today.toISOString().slice(0, 10) },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
    });
    expect(shown(outcome.reply)).toMatch(/Forecast for the month\s+\$35\.50 \(\$10\.00 so far \+ \$25\.50 to come\)/);
  });

  it('refuses a malformed or future month, and answers AccessDenied in words', async () => {
    const h = costs();
    expect(await h.run('cost --month 2026-13')).toMatchObject({ code: 'usage' });
    expect(await h.run('cost --month 2999-01')).toMatchObject({ code: 'usage' });
    h.mocks.ce.on(GetCostAndUsageCommand).rejects(awsError('AccessDeniedException'));
    const denied = await h.run('cost --month 2026-09');
    expect(denied).toMatchObject({ code: 'iam_denied' });
    expect(denied.reply.summary).toMatch(/refused `ce:GetCostAndUsage`/);
  });
});

describe('cost checks', () => {
  it("checks the runbook's strategies read-only and says what to do about each", async () => {
    const h = runbookHarness();
    h.mocks.s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration'));
    h.mocks.s3
      .on(ListBucketIntelligentTieringConfigurationsCommand, { ContinuationToken: undefined })
      .resolves({ IsTruncated: true, NextContinuationToken: 'c2', IntelligentTieringConfigurationList: [] })
      .on(ListBucketIntelligentTieringConfigurationsCommand, { ContinuationToken: 'c2' })
      .resolves({ IsTruncated: false, IntelligentTieringConfigurationList: [] });
    h.mocks.cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Label: 'StandardStorage', Values: [900 * 2 ** 30] },
        { Label: 'StandardIAStorage', Values: [100 * 2 ** 30] },
      ],
    });
    h.mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [sourceInstance()] });
    h.mocks.rds
      .on(DescribeReservedDBInstancesCommand, { Marker: undefined })
      .resolves({
        ReservedDBInstances: [{ DBInstanceClass: 'db.t4g.small', State: 'active', DBInstanceCount: 1 }],
        Marker: 'm2',
      })
      .on(DescribeReservedDBInstancesCommand, { Marker: 'm2' })
      .resolves({ ReservedDBInstances: [] });
    const outcome = await h.run('cost checks');
    expect(h.mocks.s3.commandCalls(GetBucketLifecycleConfigurationCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'radio-audio-bucket' },
    ]);
    expect(
      h.mocks.s3.commandCalls(ListBucketIntelligentTieringConfigurationsCommand).map((c) => c.args[0].input),
    ).toEqual([{ Bucket: 'radio-audio-bucket' }, { Bucket: 'radio-audio-bucket', ContinuationToken: 'c2' }]);
    const [metrics] = h.mocks.cloudwatch.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    expect(metrics?.MetricDataQueries?.[0]).toEqual({
      Id: 's0',
      Label: 'StandardStorage',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/S3',
          MetricName: 'BucketSizeBytes',
          Dimensions: [
            { Name: 'BucketName', Value: 'radio-audio-bucket' },
            { Name: 'StorageType', Value: 'StandardStorage' },
          ],
        },
        Period: 86400,
        Stat: 'Average',
      },
    });
    expect(h.mocks.rds.commandCalls(DescribeReservedDBInstancesCommand).map((c) => c.args[0].input)).toEqual([
      {},
      { Marker: 'm2' },
    ]);
    const text = shown(outcome.reply);
    expect(text).toMatch(
      /S3 lifecycle\s+none on radio-audio-bucket: add the runbook's rule \(30 d to STANDARD_IA, 90 d to GLACIER_IR\)/,
    );
    expect(text).toMatch(/Intelligent-Tiering\s+no configurations/);
    expect(text).toMatch(
      /Storage by class\s+StandardStorage 900\.00 GiB \(90%\), StandardIAStorage 100\.00 GiB \(10%\)/,
    );
    expect(text).toMatch(/RDS reserved instances\s+none active for db\.r6g\.large/);
    expect(h.mocks.s3.calls().every((call) => /^(Get|List)/.test(call.args[0].constructor.name))).toBe(true);
  });

  it('answers AccessDenied on the Intelligent-Tiering configurations in words', async () => {
    const h = runbookHarness();
    h.mocks.s3.on(GetBucketLifecycleConfigurationCommand).resolves({
      Rules: [
        {
          ID: 'audio-tiering',
          Status: 'Enabled',
          Filter: { Prefix: '' },
          Transitions: [
            { Days: 30, StorageClass: 'STANDARD_IA' },
            { Days: 90, StorageClass: 'GLACIER_IR' },
          ],
        },
      ],
    });
    h.mocks.s3.on(ListBucketIntelligentTieringConfigurationsCommand).rejects(awsError('AccessDenied'));
    const denied = await h.run('cost checks');
    expect(denied).toMatchObject({ code: 'iam_denied' });
    expect(denied.reply.summary).toMatch(/refused `s3:GetIntelligentTieringConfiguration` on `radio-audio-bucket`/);
  });
});
