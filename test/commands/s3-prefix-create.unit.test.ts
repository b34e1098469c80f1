// `s3 prefix create`: the exact HeadObject and PutObject inputs at the AWS edge (aws-sdk-client-mock), the
// prefix rules (allow-listed roots, no `..`, no leading `/`), "already there" and --dry-run changing nothing.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import { commandRunner, replyText } from '../support/command-runner.js';

const s3Mock = mockClient(S3Client);
const radio = RadioConfig.parse({});
const s3 = createS3Operations(
  new S3Client({ region: 'us-east-1' }),
  new CloudWatchClient({ region: 'us-east-1' }),
  radio,
);
beforeEach(() => s3Mock.reset());

const notFound = () =>
  new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: '' });
const puts = () => s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
const heads = () => s3Mock.commandCalls(HeadObjectCommand).map((call) => call.args[0].input);

describe('s3 prefix create', () => {
  it('puts one empty object whose key is the prefix, after HeadObject found none', async () => {
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    s3Mock.on(PutObjectCommand).resolves({ ETag: '"d41d8cd98f00b204e9800998ecf8427e"' });
    const { run } = commandRunner({ s3 });
    const result = await run('s3 prefix create audio/electro');
    expect(result.status, replyText(result.reply)).toBe('succeeded');
    expect(heads()).toEqual([{ Bucket: 'radio-audio-bucket', Key: 'audio/electro/' }]);
    expect(puts()).toEqual([{ Bucket: 'radio-audio-bucket', Key: 'audio/electro/', Body: '' }]);
    expect(replyText(result.reply)).toContain('s3://radio-audio-bucket/audio/electro/');
  });

  it('says the prefix is already there and puts nothing', async () => {
    s3Mock.on(HeadObjectCommand).resolves({ ContentLength: 0 });
    const { run } = commandRunner({ s3 });
    const result = await run('s3 prefix create hls/electro/');
    expect(result.status).toBe('succeeded');
    expect(replyText(result.reply)).toMatch(/already exists.*nothing changed/i);
    expect(puts()).toEqual([]);
  });

  it('--dry-run shows the PutObject it would send and sends nothing', async () => {
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    const { run } = commandRunner({ s3 });
    const result = await run('s3 prefix create audio/electro/ --dry-run');
    expect(result.status).toBe('succeeded');
    const shown = replyText(result.reply);
    expect(shown).toContain('PutObject');
    expect(shown).toContain('audio/electro/');
    expect(puts()).toEqual([]);
  });

  it.each([
    ['/audio/electro/', /no leading \//],
    ['audio/../secrets/', /no \.\. or \. segments/],
    ['temp/electro/', /under audio\/, hls\/ only/],
    ['audio/', /under audio\/, hls\/ only/],
    ['audio//electro/', /empty/],
    ['audio/elec tro/', /letters, digits/],
  ])('refuses %s before calling S3', async (prefix, why) => {
    const { run } = commandRunner({ s3 });
    const result = await run(`s3 prefix create "${prefix}"`);
    expect(result.status).toBe('refused');
    expect(replyText(result.reply)).toMatch(why);
    expect(s3Mock.calls()).toEqual([]);
  });

  it('takes its roots from s3.prefixRoots', async () => {
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    s3Mock.on(PutObjectCommand).resolves({});
    const { run } = commandRunner({ s3 }, { s3: { prefixRoots: ['jingles/'] } });
    expect((await run('s3 prefix create audio/electro/')).status).toBe('refused');
    expect((await run('s3 prefix create jingles/electro/')).status).toBe('succeeded');
    expect(puts()).toEqual([{ Bucket: 'radio-audio-bucket', Key: 'jingles/electro/', Body: '' }]);
  });

  it('names the IAM action when S3 refuses the put', async () => {
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    s3Mock
      .on(PutObjectCommand)
      .rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: {}, message: 'denied' }));
    const { run } = commandRunner({ s3 });
    const result = await run('s3 prefix create audio/electro/');
    expect(result.status).toBe('failed');
    expect(replyText(result.reply)).toContain('AWS refused s3:PutObject on s3://radio-audio-bucket/audio/electro/');
  });
});
