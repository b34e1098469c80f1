import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CopyObjectCommand, DeleteObjectCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-s3-restore-test');
afterAll(() => db.close());
const s3Mock = mockClient(S3Client);
const s3 = createS3Operations(
  new S3Client({ region: 'us-east-1' }),
  new CloudWatchClient({ region: 'us-east-1' }),
  RadioConfig.parse({}),
);
beforeEach(() => s3Mock.reset());

const KEY = 'audio/jazz/intro show.mp3';
const at = (time: string) => new Date(`2025-03-14T${time}Z`);
const version = (VersionId: string, time: string, IsLatest = false, extra = {}) => ({
  Key: KEY,
  VersionId,
  IsLatest,
  LastModified: at(time),
  Size: 4096,
  StorageClass: 'STANDARD' as const,
  ...extra,
});
const marker = (VersionId: string, time: string, IsLatest = false) => ({
  Key: KEY,
  VersionId,
  IsLatest,
  LastModified: at(time),
});

const setup = () => approvalSetup(db, { integrations: { s3, aws: { mode: 'live' } } });

async function requestAndApprove(line: string) {
  const s = setup();
  const asked = await s.send(line, 'U0ALICE');
  if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}: ${asked.reply.summary}`);
  const approved = await s.send(`approve ${asked.approvalId}`, 'U0BOB');
  if (approved.status !== 'succeeded') throw new Error(`approve: ${approved.reply.summary}`);
  return { asked, record: (approved.result as ApproveResult).record };
}

describe('s3 restore', () => {
  it('removes the delete marker of a deleted key (DeleteObject with its VersionId)', async () => {
    s3Mock.on(ListObjectVersionsCommand).resolves({
      Versions: [version('v2', '10:00:00'), version('v1', '09:00:00')],
      DeleteMarkers: [marker('dm1', '11:00:00', true)],
    });
    s3Mock.on(DeleteObjectCommand).resolves({ VersionId: 'dm1', DeleteMarker: true });
    const { record } = await requestAndApprove(`s3 restore "${KEY}"`);
    expect(record.status).toBe('succeeded');
    expect(s3Mock.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'radio-audio-bucket', Key: KEY, VersionId: 'dm1' },
    ]);
    expect(s3Mock.commandCalls(CopyObjectCommand)).toEqual([]);
  });

  it('copies the previous version over an overwritten key (CopyObject with an encoded CopySource), or the version asked for', async () => {
    s3Mock.on(ListObjectVersionsCommand).resolves({
      Versions: [
        version('v3', '12:00:00', true),
        version('v2', '10:00:00', false, { StorageClass: 'STANDARD_IA' }),
        version('v1', '09:00:00'),
      ],
    });
    s3Mock.on(CopyObjectCommand).resolves({ VersionId: 'v4' });
    await requestAndApprove(`s3 restore "${KEY}"`);
    await requestAndApprove(`s3 restore "${KEY}" --version v1`);
    expect(s3Mock.commandCalls(CopyObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: 'radio-audio-bucket',
        Key: KEY,
        CopySource: 'radio-audio-bucket/audio/jazz/intro%20show.mp3?versionId=v2',
        StorageClass: 'STANDARD_IA',
      },
      {
        Bucket: 'radio-audio-bucket',
        Key: KEY,
        CopySource: 'radio-audio-bucket/audio/jazz/intro%20show.mp3?versionId=v1',
      },
    ]);
    expect(s3Mock.commandCalls(DeleteObjectCommand)).toEqual([]);
  });

  it('refuses what it cannot restore, before asking anyone', async () => {
    s3Mock.on(ListObjectVersionsCommand).resolves({ Versions: [version('v1', '09:00:00', true)] });
    const s = setup();
    expect((await s.send(`s3 restore "${KEY}"`, 'U0ALICE')).reply.summary).toMatch(/has only its current version/);
    expect((await s.send(`s3 restore "${KEY}" --version v1`, 'U0ALICE')).reply.summary).toMatch(
      /already the current version/,
    );
    expect((await s.send(`s3 restore "${KEY}" --version nope`, 'U0ALICE')).reply.summary).toMatch(
      /has no version `nope`/,
    );
  });

  it('does not run when the key changed between request and approval', async () => {
    s3Mock
      .on(ListObjectVersionsCommand)
      .resolvesOnce({ Versions: [version('v1', '09:00:00')], DeleteMarkers: [marker('dm1', '11:00:00', true)] })
      .resolves({
        Versions: [version('v5', '13:00:00', true), version('v1', '09:00:00')],
        DeleteMarkers: [marker('dm1', '11:00:00')],
      });
    const { record } = await requestAndApprove(`s3 restore "${KEY}"`);
    expect(record).toMatchObject({
      status: 'refused',
      error: `Not run: ${KEY} changed since approval: its latest version is now v5, not dm1.`,
    });
    expect(s3Mock.commandCalls(DeleteObjectCommand)).toEqual([]);
  });
});
