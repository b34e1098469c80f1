import {
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListInvalidationsCommand,
  type CreateInvalidationCommandInput,
} from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { invalidationPaths } from '../../src/commands/cdn-invalidate.js';
import { awsCommandHarness, awsError, shown, type AwsHarnessOptions } from '../support/aws-command-harness.js';

const DISTRIBUTION = 'E1234567890ABC';
const summary = (Id: string, Status: string) => ({ Id, Status, CreateTime: new Date('2025-03-14T21:00:00Z') });
const page = (items: ReturnType<typeof summary>[], NextMarker?: string) => ({
  InvalidationList: {
    Marker: '',
    MaxItems: 100,
    IsTruncated: Boolean(NextMarker),
    Quantity: items.length,
    Items: items,
    NextMarker,
  },
});

/** A harness with nothing in progress, whose CreateInvalidation echoes the batch as InProgress. */
function invalidating(options: AwsHarnessOptions = {}) {
  const h = awsCommandHarness(options);
  h.mocks.cloudfront.on(ListInvalidationsCommand).resolves(page([summary('IOLD', 'Completed')]));
  h.mocks.cloudfront.on(CreateInvalidationCommand).callsFake((input: CreateInvalidationCommandInput) => ({
    Location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${DISTRIBUTION}/invalidation/INEW`,
    Invalidation: {
      Id: 'INEW',
      Status: 'InProgress',
      CreateTime: new Date(),
      InvalidationBatch: input.InvalidationBatch,
    },
  }));
  const created = () => h.mocks.cloudfront.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input);
  return { ...h, created };
}

describe('invalidate', () => {
  it("invalidates the channel's HLS paths with the request id as CallerReference", async () => {
    const h = invalidating();
    const outcome = await h.run('invalidate rap');
    expect(outcome.status).toBe('succeeded');
    expect(h.created()).toEqual([
      {
        DistributionId: DISTRIBUTION,
        InvalidationBatch: { CallerReference: outcome.requestId, Paths: { Quantity: 1, Items: ['/hls/rap/*'] } },
      },
    ]);
    expect(h.mocks.cloudfront.commandCalls(ListInvalidationsCommand)[0]?.args[0].input).toEqual({
      DistributionId: DISTRIBUTION,
      MaxItems: 100,
    });
    expect(shown(outcome.reply)).toMatch(
      /CloudFront invalidation INEW on E1234567890ABC: InProgress[\s\S]*\/hls\/rap\/\*/,
    );
    expect(h.audit.events.map((event) => [event.outcome, event.risk])).toEqual([
      ['started', 'write'],
      ['succeeded', 'write'],
    ]);
  });

  it('--dry-run prints the CreateInvalidation input with /hls/rap/* and creates nothing', async () => {
    const h = invalidating();
    const text = shown((await h.run('invalidate rap --dry-run')).reply);
    expect(text).toContain('CloudFront CreateInvalidation');
    expect(text).toContain('"/hls/rap/*"');
    expect(text).toMatch(/In progress\s+0 invalidation\(s\): 0 wildcard path\(s\), 0 file path\(s\)/);
    expect(h.created()).toEqual([]);
  });

  it('--all uses every template with {channel} as *, cut after the wildcard', async () => {
    const h = invalidating({
      radio: {
        cloudfront: {
          distributionId: DISTRIBUTION,
          hlsPaths: ['/hls/{channel}/*', '/live/{channel}.m3u8', '/hls/{channel}/index.m3u8'],
        },
      },
    });
    await h.run('invalidate --all');
    expect(h.created()[0]?.InvalidationBatch?.Paths).toEqual({ Quantity: 2, Items: ['/hls/*', '/live/*'] });
    expect(invalidationPaths(['/hls/{channel}/*', '/live/{channel}.m3u8'], 'jazz')).toEqual([
      '/hls/jazz/*',
      '/live/jazz.m3u8',
    ]);
  });

  it('takes the channels from radio_channels when that table exists, else from station.channels', async () => {
    const fromTable = invalidating({ channels: ['rock'] });
    const refused = await fromTable.run('invalidate rap');
    expect(refused).toMatchObject({ status: 'refused', code: 'usage' });
    expect(refused.reply.summary).toBe(
      'There is no channel `rap` (from radio_channels: rock). It is in station.channels but not in radio_channels.',
    );
    expect((await fromTable.run('invalidate rock')).status).toBe('succeeded');
    const fromConfig = invalidating();
    expect((await fromConfig.run('invalidate blues')).reply.summary).toBe(
      'There is no channel `blues` (from station.channels: rap, jazz).',
    );
    expect(fromTable.created()).toHaveLength(1);
    expect(fromConfig.created()).toHaveLength(0);
  });

  it('asks for exactly one of a channel and --all', async () => {
    const h = invalidating();
    expect(await h.run('invalidate')).toMatchObject({ status: 'refused', code: 'usage' });
    expect((await h.run('invalidate rap --all')).reply.summary).toMatch(/give one channel, or --all/);
  });

  it('pages ListInvalidations until a page has none in progress, and refuses past 15 wildcard paths in progress', async () => {
    const h = invalidating();
    // Newest first, by Marker; the paginator reuses its input object, so markers are recorded as each call arrives.
    const pages: Record<string, ReturnType<typeof page>> = {
      '': page([summary('I1', 'InProgress'), summary('I0', 'Completed')], 'I0'),
      I0: page([summary('I2', 'InProgress')], 'I2'),
      I2: page([summary('I3', 'Completed')], 'I3'),
      I3: page([summary('I4', 'InProgress')]),
    };
    const markers: (string | undefined)[] = [];
    h.mocks.cloudfront.on(ListInvalidationsCommand).callsFake((input: { Marker?: string }) => {
      markers.push(input.Marker);
      return pages[input.Marker ?? ''];
    });
    const wildcards = (n: number) => Array.from({ length: n }, (_, i) => `/hls/old${i}/*`);
    h.mocks.cloudfront.on(GetInvalidationCommand, { Id: 'I1' }).resolves({
      Invalidation: {
        Id: 'I1',
        Status: 'InProgress',
        CreateTime: new Date(),
        InvalidationBatch: {
          CallerReference: 'a',
          Paths: { Quantity: 11, Items: [...wildcards(10), '/index.html'] },
        },
      },
    });
    h.mocks.cloudfront.on(GetInvalidationCommand, { Id: 'I2' }).resolves({
      Invalidation: {
        Id: 'I2',
        Status: 'InProgress',
        CreateTime: new Date(),
        InvalidationBatch: { CallerReference: 'b', Paths: { Quantity: 5, Items: wildcards(5) } },
      },
    });
    const dry = shown((await h.run('invalidate rap --dry-run')).reply);
    expect(markers).toEqual([undefined, 'I0', 'I2']);
    expect(dry).toMatch(/In progress\s+2 invalidation\(s\): 15 wildcard path\(s\), 1 file path\(s\)/);
    expect(dry).toMatch(
      /It would be refused: CloudFront allows 15 wildcard paths in progress per distribution; 15 are in progress and this adds 1/,
    );
    const outcome = await h.run('invalidate rap');
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome.reply.summary).toMatch(/^Nothing was invalidated\. CloudFront allows 15 wildcard paths in progress/);
    expect(h.created()).toEqual([]);
  });

  it('answers TooManyInvalidationsInProgress, AccessDenied and a missing distribution in words', async () => {
    const h = invalidating();
    h.mocks.cloudfront
      .on(CreateInvalidationCommand)
      .rejectsOnce(
        awsError(
          'TooManyInvalidationsInProgress',
          'Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.',
        ),
      )
      .rejectsOnce(awsError('AccessDenied', 'User is not authorized to perform: cloudfront:CreateInvalidation'));
    expect((await h.run('invalidate rap')).reply.summary).toMatch(
      /too many invalidations are in progress on this distribution \(at most 15 wildcard paths and 3000 file paths/,
    );
    expect((await h.run('invalidate jazz')).reply.summary).toMatch(
      /refused `cloudfront:CreateInvalidation` on `E1234567890ABC`/,
    );
    h.mocks.cloudfront.on(ListInvalidationsCommand).rejects(awsError('NoSuchDistribution'));
    expect((await h.run('invalidate rap')).reply.summary).toMatch(
      /Not found: `E1234567890ABC` \(NoSuchDistribution from `cloudfront:ListInvalidations`\)/,
    );
  });

  it('without AWS access shows the exact call and makes none', async () => {
    const h = invalidating({ aws: { mode: 'dry-run', reason: 'no AWS credentials were found.' } });
    const outcome = await h.run('invalidate rap');
    expect(shown(outcome.reply)).toMatch(/Dry run only: no AWS credentials were found\.[\s\S]*"\/hls\/rap\/\*"/);
    expect(h.mocks.cloudfront.calls()).toHaveLength(0);
  });
});
