import { GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { awsCommandHarness, awsError, shown } from '../support/aws-command-harness.js';

describe('cdn invalidation', () => {
  it('shows the status, time, CallerReference and paths of one invalidation', async () => {
    const h = awsCommandHarness();
    h.mocks.cloudfront.on(GetInvalidationCommand).resolves({
      Invalidation: {
        Id: 'I2J0I21PCUYOIK',
        Status: 'Completed',
        CreateTime: new Date('2025-03-14T21:30:00Z'),
        InvalidationBatch: {
          CallerReference: '6f1c2b9e-0d1a-4c55-9a51-3d1f5c3c2a10',
          Paths: { Quantity: 2, Items: ['/hls/rap/*', '/hls/jazz/*'] },
        },
      },
    });
    const outcome = await h.run('cdn invalidation I2J0I21PCUYOIK');
    expect(h.mocks.cloudfront.commandCalls(GetInvalidationCommand)[0]?.args[0].input).toEqual({
      DistributionId: 'E1234567890ABC',
      Id: 'I2J0I21PCUYOIK',
    });
    expect(outcome.reply.summary).toBe('Invalidation I2J0I21PCUYOIK: Completed');
    const text = shown(outcome.reply);
    expect(text).toMatch(/Created\s+2025-03-14 21:30:00 UTC \([^)]+ ago\)/);
    expect(text).toMatch(/CallerReference\s+6f1c2b9e-0d1a-4c55-9a51-3d1f5c3c2a10/);
    expect(text).toMatch(/\/hls\/rap\/\*\n\s+\/hls\/jazz\/\*/);
  });

  it('says which invalidation was not found, names the action on AccessDenied, and checks the id', async () => {
    const h = awsCommandHarness();
    h.mocks.cloudfront
      .on(GetInvalidationCommand)
      .rejectsOnce(awsError('NoSuchInvalidation'))
      .rejectsOnce(awsError('AccessDenied'));
    expect((await h.run('cdn invalidation INOPE')).reply.summary).toBe(
      'Not found: `E1234567890ABC/invalidation/INOPE` (NoSuchInvalidation from `cloudfront:GetInvalidation`).',
    );
    expect((await h.run('cdn invalidation INOPE')).reply.summary).toMatch(
      /refused `cloudfront:GetInvalidation` on `E1234567890ABC\/invalidation\/INOPE`/,
    );
    expect(await h.run('cdn invalidation ../etc')).toMatchObject({ status: 'refused', code: 'usage' });
  });
});
