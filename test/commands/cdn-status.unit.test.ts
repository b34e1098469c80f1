import { GetDistributionCommand, GetInvalidationCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { awsCommandHarness, awsError, shown } from '../support/aws-command-harness.js';

const listing = (items: { Id: string; Status: string }[], NextMarker?: string) => ({
  InvalidationList: {
    Marker: '',
    MaxItems: 100,
    IsTruncated: Boolean(NextMarker),
    Quantity: items.length,
    NextMarker,
    Items: items.map((item) => ({ ...item, CreateTime: new Date('2025-03-14T21:00:00Z') })),
  },
});

function cdn() {
  const h = awsCommandHarness();
  h.mocks.cloudfront.on(GetDistributionCommand).resolves({
    ETag: 'E2QWRUHEXAMPLE',
    Distribution: {
      Id: 'E1234567890ABC',
      ARN: 'arn:aws:cloudfront::123456789012:distribution/E1234567890ABC',
      Status: 'Deployed',
      LastModifiedTime: new Date('2025-03-01T10:00:00Z'),
      InProgressInvalidationBatches: 2,
      DomainName: 'd111111abcdef8.cloudfront.net',
      DistributionConfig: { Enabled: true, Aliases: { Quantity: 1, Items: ['stream.radio.example'] } } as never,
    },
  });
  const markers: (string | undefined)[] = [];
  h.mocks.cloudfront.on(ListInvalidationsCommand).callsFake((input: { Marker?: string }) => {
    markers.push(input.Marker);
    return input.Marker === 'I9'
      ? listing([
          { Id: 'I2', Status: 'InProgress' },
          { Id: 'I1', Status: 'Completed' },
        ])
      : listing(
          [
            { Id: 'I3', Status: 'InProgress' },
            { Id: 'I9', Status: 'Completed' },
          ],
          'I9',
        );
  });
  h.mocks.cloudfront.on(GetInvalidationCommand).callsFake((input: { Id: string }) => ({
    Invalidation: {
      Id: input.Id,
      Status: 'InProgress',
      CreateTime: new Date('2025-03-14T21:00:00Z'),
      InvalidationBatch: { CallerReference: `ref-${input.Id}`, Paths: { Quantity: 1, Items: [`/hls/${input.Id}/*`] } },
    },
  }));
  return { ...h, markers };
}

describe('cdn status', () => {
  it('shows status, enabled, domain and the invalidations in progress from every page', async () => {
    const h = cdn();
    const outcome = await h.run('cdn status');
    expect(h.mocks.cloudfront.commandCalls(GetDistributionCommand)[0]?.args[0].input).toEqual({ Id: 'E1234567890ABC' });
    expect(h.markers).toEqual([undefined, 'I9']);
    expect(
      h.mocks.cloudfront
        .commandCalls(GetInvalidationCommand)
        .map((call) => call.args[0].input)
        .sort((a, b) => String(a.Id).localeCompare(String(b.Id))),
    ).toEqual([
      { DistributionId: 'E1234567890ABC', Id: 'I2' },
      { DistributionId: 'E1234567890ABC', Id: 'I3' },
    ]);
    expect(outcome.reply.summary).toBe('CloudFront E1234567890ABC: Deployed, enabled, 2 invalidation(s) in progress');
    const text = shown(outcome.reply);
    expect(text).toMatch(/Domain\s+d111111abcdef8\.cloudfront\.net/);
    expect(text).toMatch(/Aliases\s+stream\.radio\.example/);
    expect(text).toMatch(/Last modified\s+2025-03-01 10:00:00 UTC \([^)]+ ago\)/);
    expect(text).toMatch(/Invalidations in progress\s+2 \(2 wildcard path\(s\), 0 file path\(s\)\)/);
    expect(text).toMatch(/I3\s+2025-03-14 21:00:00 UTC \([^)]+\)\s+\/hls\/I3\/\*/);
  });

  it('names the action on AccessDenied and the distribution when it does not exist', async () => {
    const h = cdn();
    h.mocks.cloudfront
      .on(GetDistributionCommand)
      .rejectsOnce(awsError('AccessDenied'))
      .rejectsOnce(awsError('NoSuchDistribution'));
    expect((await h.run('cdn status')).reply.summary).toMatch(
      /refused `cloudfront:GetDistribution` on `E1234567890ABC`/,
    );
    expect((await h.run('cdn status')).reply.summary).toMatch(/Not found: `E1234567890ABC`/);
  });

  it('without AWS access lists the calls it would make', async () => {
    const h = awsCommandHarness({ aws: { mode: 'dry-run', reason: 'aws.mode is dry-run in the configuration.' } });
    const text = shown((await h.run('cdn status')).reply);
    expect(text).toMatch(/CloudFront GetDistribution\n\s+\{\n\s+"Id": "E1234567890ABC"/);
    expect(text).toContain('CloudFront ListInvalidations');
    expect(h.mocks.cloudfront.calls()).toHaveLength(0);
  });
});
