import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createS3Operations, type Presigner } from '../../src/integrations/s3/s3-operations.js';
import { commandRunner, replyText, VIEWER } from '../support/command-runner.js';

const s3Mock = mockClient(S3Client);
const config = RadioConfig.parse({});
const KEY = 'audio/rap/2025-03-14 show.mp3';
const HOUR = 3_600_000;

/** A presigner that records what it was asked and whose credentials expire when the test says. */
function fakePresigner(expiresAt?: Date) {
  const signed: { input: unknown; expiresIn: number }[] = [];
  const presigner: Presigner = {
    async sign(command: GetObjectCommand, expiresIn: number) {
      signed.push({ input: command.input, expiresIn });
      return 'https://radio-audio-bucket.s3.amazonaws.com/audio/rap/x?X-Amz-Signature=abc';
    },
    credentialsExpiration: async () => expiresAt,
  };
  return { signed, presigner };
}

const setup = (expiresAt?: Date) => {
  const { signed, presigner } = fakePresigner(expiresAt);
  const s3 = createS3Operations(
    new S3Client({ region: 'us-east-1' }),
    new CloudWatchClient({ region: 'us-east-1' }),
    config,
    presigner,
  );
  return { signed, ...commandRunner({ s3 }) };
};

beforeEach(() => {
  s3Mock.reset();
  s3Mock
    .on(HeadObjectCommand)
    .resolves({ ContentLength: 5_242_880, ContentType: 'audio/mpeg', LastModified: new Date('2025-03-14T20:00:00Z') });
});

describe('s3 presign', () => {
  it('checks the key with HeadObject, then signs GetObject for the asked expiry, shown only to the asker', async () => {
    const { signed, run } = setup();
    const outcome = await run(`s3 presign "${KEY}" --expires 7d`);
    expect(outcome.status).toBe('succeeded');
    expect(s3Mock.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'radio-audio-bucket',
      Key: KEY,
    });
    expect(signed).toEqual([{ input: { Bucket: 'radio-audio-bucket', Key: KEY }, expiresIn: 604_800 }]);
    expect(outcome.reply.visibility).toBe('ephemeral');
    expect(replyText(outcome.reply)).toContain('X-Amz-Signature=abc');
    expect(replyText(outcome.reply)).toContain('Valid for: 7d (604,800 s)');
    expect(outcome.reply.parts.filter((part) => 'tone' in part)).toEqual([]);
  });

  it("warns when the bot's credentials expire before the link would", async () => {
    const { run } = setup(new Date(Date.now() + HOUR));
    const outcome = await run(`s3 presign "${KEY}" --expires 2d`);
    expect(outcome.reply.parts).toContainEqual({
      kind: 'text',
      tone: 'warning',
      text: expect.stringMatching(
        /^The bot's AWS credentials expire .* before the link would .*; the link stops working then\.$/,
      ),
    });
    const dry = await run(`s3 presign "${KEY}" --expires 30m --dry-run`);
    expect(replyText(dry.reply)).not.toContain('credentials expire');
    expect(replyText(dry.reply)).toContain('"expiresIn": 1800');
    expect(replyText(dry.reply)).toContain('ContentLength: 5.00 MiB (5,242,880 bytes)');
  });

  it('refuses more than 7 days, and viewers (a link grants access)', async () => {
    const { signed, run } = setup();
    expect(await run(`s3 presign ${KEY.replace(' ', '-')} --expires 8d`)).toMatchObject({
      status: 'refused',
      code: 'usage',
    });
    expect(await run('s3 presign audio/x.mp3', VIEWER)).toMatchObject({ status: 'refused', code: 'denied' });
    expect(signed).toEqual([]);
  });

  it('names the key when it does not exist, and explains a 403', async () => {
    s3Mock
      .on(HeadObjectCommand)
      .rejectsOnce(Object.assign(new Error('UnknownError'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }))
      .rejectsOnce(Object.assign(new Error('UnknownError'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } }));
    const { signed, run } = setup();
    expect((await run('s3 presign audio/missing.mp3')).reply.summary).toMatch(
      /Not found: `s3:\/\/radio-audio-bucket\/audio\/missing.mp3`/,
    );
    expect((await run('s3 presign audio/secret.mp3')).reply.summary).toMatch(
      /refused `s3:GetObject` on `s3:\/\/radio-audio-bucket\/audio\/secret.mp3` \(403\)/,
    );
    expect(signed).toEqual([]);
  });

  it("by default signs with the client's own credentials and reads their expiration from its provider", async () => {
    const expiration = new Date(Date.now() + HOUR);
    const client = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration },
    });
    const s3 = createS3Operations(client, new CloudWatchClient({ region: 'us-east-1' }), config);
    const url = new URL(await s3.presign('audio/rap/a.mp3', 600));
    expect(url.pathname).toMatch(/audio\/rap\/a\.mp3$/);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^ASIAEXAMPLE\//);
    expect(await s3.credentialsExpiration()).toEqual(expiration);
    await expect(s3.presign('audio/rap/a.mp3', 604_801)).rejects.toThrow(RangeError);
  });
});
