import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  ListObjectsV2Command,
  S3Client,
  type DeleteObjectsCommandInput,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import { createS3CleanupCommand, s3CleanupCommand } from '../../src/commands/s3-cleanup.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import type { CleanupOutcome } from '../../src/integrations/s3/s3-recovery.js';
import type { Plan } from '../../src/pipeline/command.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { replyText } from '../support/command-runner.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-s3-cleanup-test');
afterAll(() => db.close());
const s3Mock = mockClient(S3Client);
const s3 = createS3Operations(
  new S3Client({ region: 'us-east-1' }),
  new CloudWatchClient({ region: 'us-east-1' }),
  RadioConfig.parse({}),
);
beforeEach(() => s3Mock.reset());

const OLD = new Date('2024-06-01T00:00:00Z');
const RECENT = new Date(Date.now() - 86_400_000); // a day old: far inside the 90-day threshold
const objects = (from: number, count: number, LastModified: Date) =>
  Array.from({ length: count }, (_, i) => ({
    Key: `temp/upload-${String(from + i).padStart(5, '0')}.wav`,
    LastModified,
    Size: 1000,
  }));

/** Two ListObjectsV2 pages: 1,000 old objects, then 500 old and 100 recent ones. */
function bucketWith1500Old() {
  s3Mock
    .on(ListObjectsV2Command)
    .resolves({ Contents: objects(0, 1000, OLD), IsTruncated: true, NextContinuationToken: 'page-2' });
  s3Mock
    .on(ListObjectsV2Command, { ContinuationToken: 'page-2' })
    .resolves({ Contents: [...objects(1000, 500, OLD), ...objects(1500, 100, RECENT)], IsTruncated: false });
  s3Mock.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
}

const setup = () => approvalSetup(db, { integrations: { s3, aws: { mode: 'live' } } });

describe('s3 cleanup', () => {
  it('deletes the old objects under the prefix in DeleteObjects batches of 1,000 and reports per-key errors', async () => {
    bucketWith1500Old();
    s3Mock.on(DeleteObjectsCommand).callsFake((input: DeleteObjectsCommandInput) =>
      input.Delete?.Objects?.length === 500
        ? {
            Errors: [
              { Key: 'temp/upload-01200.wav', Code: 'AccessDenied', Message: 'Access Denied' },
              { Key: 'temp/upload-01300.wav', Code: 'InternalError', Message: 'We encountered an internal error.' },
            ],
          }
        : {},
    );
    const s = setup();
    const asked = await s.send('s3 cleanup --prefix temp/ --older 90d', 'U0ALICE');
    if (asked.status !== 'pending') throw new Error(`expected pending: ${asked.reply.summary}`);
    const plan = (await s.service.get(asked.approvalId))?.plan as Plan;
    expect(Object.fromEntries(plan.current)).toMatchObject({
      Matching: '1,500 objects, 1.43 MiB (1,500,000 bytes)',
      Versioning: 'Enabled',
    });
    expect(plan.warnings[0]).toMatch(
      /versioning Enabled: DeleteObjects only adds delete markers.*until lifecycle rules expire/,
    );
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toEqual([]);

    const approved = await s.send(`approve ${asked.approvalId}`, 'U0BOB');
    if (approved.status !== 'succeeded') throw new Error(`approve: ${approved.reply.summary}`);
    const record = (approved.result as ApproveResult).record;
    expect(record.status).toBe('succeeded');
    const deletes = s3Mock.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input);
    expect(deletes.map((input) => input.Delete?.Objects?.length)).toEqual([1000, 500]);
    expect(deletes[0]).toEqual({
      Bucket: 'radio-audio-bucket',
      Delete: { Objects: objects(0, 1000, OLD).map(({ Key }) => ({ Key })), Quiet: true },
    });
    expect(deletes[1]?.Delete?.Objects?.at(-1)).toEqual({ Key: 'temp/upload-01499.wav' }); // none of the recent ones
    expect(
      s3Mock
        .commandCalls(ListObjectsV2Command)
        .map((call) => call.args[0].input)
        .slice(0, 2),
    ).toEqual([
      { Bucket: 'radio-audio-bucket', Prefix: 'temp/' },
      { Bucket: 'radio-audio-bucket', Prefix: 'temp/', ContinuationToken: 'page-2' },
    ]);
    const outcome = record.result as CleanupOutcome;
    expect(outcome).toMatchObject({ objects: 1500, deleted: 1498, deletedBytes: 1_498_000, batches: 2 });
    const shown = replyText(s3CleanupCommand.present(outcome, { prefix: 'temp/', older: 0 }));
    expect(shown).toContain('temp/upload-01200.wav | AccessDenied | Access Denied');
    expect(shown).toContain('temp/upload-01300.wav | InternalError | We encountered an internal error.');
  });

  it('refuses a prefix outside s3.cleanupPrefixes, before listing anything', async () => {
    bucketWith1500Old();
    const outcome = await setup().send('s3 cleanup --prefix audio/ --older 1d', 'U0ALICE');
    expect(outcome).toMatchObject({ status: 'refused', code: 'denied' });
    expect(outcome.reply.summary).toMatch(/`audio\/` is not under s3.cleanupPrefixes \(temp\/\)/);
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toEqual([]);
  });

  it('counts from its clock, and a little drift by approval time does not block it; much more, or a versioning change, does', async () => {
    bucketWith1500Old();
    const command = createS3CleanupCommand(() => new Date('2025-03-14T00:00:00Z'));
    const context = {
      args: { prefix: 'temp/', older: 90 * 86_400_000 },
      config: RadioConfig.parse({}),
      integrations: { s3, aws: { mode: 'live' as const } },
    };
    const plan = await command.plan!(context as never);
    expect(Object.fromEntries(plan.current)['Last modified before']).toBe('2024-12-14T00:00:00.000Z (90d ago)');
    const drifted = (objects: number, versioning = 'Enabled'): Plan => ({
      ...plan,
      state: { ...(plan.state as object), objects, versioning },
    });
    expect(command.recheck!(plan, drifted(1_560))).toBeUndefined();
    expect(command.recheck!(plan, drifted(400))).toBeUndefined();
    expect(command.recheck!(plan, drifted(1_700))).toMatch(/1,700 objects match now, not the 1,500 objects approved/);
    expect(command.recheck!(plan, drifted(1_500, 'Suspended'))).toMatch(/Versioning of the bucket changed/);
  });
});
