import { CloudFrontClient, GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cdnModule } from '../../../src/integrations/cdn/cdn-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';

const cloudfrontMock = mockClient(CloudFrontClient);
afterEach(() => cloudfrontMock.reset());
const yaml = { region: 'eu-west-1', cloudfront: { distributionId: 'EDIST', hlsPaths: ['/hls/{channel}/*'] } };

describe('the cdn module', () => {
  it('answers the distribution id and the exact CreateInvalidation input without building a client', () => {
    const cdn = cdnModule.create(integrationContext({ yaml }).context);
    expect(cdn?.distributionId).toBe('EDIST');
    expect(cdn?.invalidationInput(['/hls/rap/*'], 'ref-1')).toEqual({
      DistributionId: 'EDIST',
      InvalidationBatch: { CallerReference: 'ref-1', Paths: { Quantity: 1, Items: ['/hls/rap/*'] } },
    });
    expect(cloudfrontMock.calls()).toHaveLength(0);
  });

  it('builds its CloudFront client on the first call, in us-east-1 whatever the region, and only once', async () => {
    const cdn = cdnModule.create(integrationContext({ yaml }).context);
    cloudfrontMock.on(GetDistributionCommand).resolves({ Distribution: { Id: 'EDIST', Status: 'Deployed' } as never });
    await cdn?.distribution();
    await cdn?.distribution();
    const [first, second] = cloudfrontMock.calls();
    expect(first?.args[0].input).toEqual({ Id: 'EDIST' });
    expect(second?.thisValue).toBe(first?.thisValue);
    expect(await (first?.thisValue as CloudFrontClient).config.region()).toBe('us-east-1');
  });

  it('grants the CloudFront verbs on the distribution, and GetMetricData (no resource-level permissions)', () => {
    expect(cdnModule.iamStatements?.(integrationContext({ yaml }).context.radio, iamScope())).toEqual([
      {
        Sid: 'CloudFrontDistribution',
        Effect: 'Allow',
        Action: [
          'cloudfront:CreateInvalidation',
          'cloudfront:GetDistribution',
          'cloudfront:GetInvalidation',
          'cloudfront:ListInvalidations',
        ],
        Resource: ['arn:aws:cloudfront::123456789012:distribution/EDIST'],
      },
      { Sid: 'CloudWatchMetricsRead', Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: ['*'] },
    ]);
  });

  it('without it, the cdn commands answer its not-configured text', async () => {
    const runner = commandRunner({});
    for (const line of ['cdn status', 'cdn hit-rate', 'cdn invalidation I123', 'invalidate rap']) {
      expect(await runner.run(line)).toMatchObject({
        status: 'refused',
        code: 'not_configured',
        reply: { summary: cdnModule.notConfigured },
      });
    }
  });
});
