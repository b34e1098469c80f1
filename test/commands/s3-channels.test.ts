import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createS3Operations } from '../../src/integrations/s3/s3-operations.js';
import { channelsOn } from '../support/channels-on.js';
import { freePort } from '../support/private-postgres.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { replyTable } from '../support/station-harness.js';
import { commandRunner, replyText } from '../support/command-runner.js';

const s3Mock = mockClient(S3Client);
const config = RadioConfig.parse({
  s3: { bucket: 'radio-audio-test' },
  station: { channels: ['rap', 'jazz', 'news'] },
});
const s3 = createS3Operations(
  new S3Client({ region: 'us-east-1' }),
  new CloudWatchClient({ region: 'us-east-1' }),
  config,
);
const radio = { s3: { bucket: 'radio-audio-test' }, station: { channels: ['rap', 'jazz', 'news'] } };

// The station database: a scratch database of this file's, without radio_channels until a test creates it.
let scratch: ScratchDatabase;
let station: ReturnType<typeof channelsOn>;
beforeAll(async () => {
  scratch = await createScratchDatabase('s3_channels');
  station = channelsOn(scratch.url, config.station.channels);
});
afterAll(async () => {
  await station.kept.close();
  await scratch.drop();
});
beforeEach(async () => {
  s3Mock.reset();
  await scratch.admin('DROP TABLE IF EXISTS radio_channels');
});

/** `s3 channels` answering `audio/jazz/`, `audio/lofi/`, `audio/rap/`. */
function threePrefixes() {
  s3Mock.on(ListObjectsV2Command).resolves({
    CommonPrefixes: [{ Prefix: 'audio/jazz/' }, { Prefix: 'audio/lofi/' }, { Prefix: 'audio/rap/' }],
  });
}

describe('s3 channels', () => {
  it('lists CommonPrefixes under audio/ over every page, against station.channels', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({
        CommonPrefixes: [{ Prefix: 'audio/jazz/' }, { Prefix: 'audio/lofi/' }],
        IsTruncated: true,
        NextContinuationToken: 'token-2',
      })
      .resolvesOnce({ CommonPrefixes: [{ Prefix: 'audio/rap/' }], IsTruncated: false });
    const outcome = await commandRunner({ s3, channels: station.directory }, radio).run('s3 channels');
    expect(s3Mock.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'radio-audio-test', Prefix: 'audio/', Delimiter: '/' },
      { Bucket: 'radio-audio-test', Prefix: 'audio/', Delimiter: '/', ContinuationToken: 'token-2' },
    ]);
    expect(replyTable(outcome.reply).rows).toEqual([
      ['jazz', 'audio/jazz/', 'yes'],
      ['lofi', 'audio/lofi/', 'no'],
      ['rap', 'audio/rap/', 'yes'],
    ]);
    expect(replyText(outcome.reply)).toContain('In station.channels but without a prefix: news.');
  });

  it('names s3:ListBucket and the bucket on AccessDenied, and the bucket when it does not exist', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .rejectsOnce(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: {} }))
      .rejectsOnce(Object.assign(new Error('gone'), { name: 'NoSuchBucket', $metadata: {} }));
    const { run } = commandRunner({ s3, channels: station.directory }, radio);
    expect((await run('s3 channels')).reply.summary).toMatch(/AWS refused `s3:ListBucket` on `radio-audio-test`/);
    expect((await run('s3 channels')).reply.summary).toMatch(/Not found: `radio-audio-test` \(NoSuchBucket/);
  });

  it('--dry-run shows the ListObjectsV2 input and sends nothing', async () => {
    const outcome = await commandRunner({ s3, channels: station.directory }, radio).run('s3 channels --dry-run');
    expect(replyText(outcome.reply)).toContain(
      'S3 ListObjectsV2\n{\n  "Bucket": "radio-audio-test",\n  "Prefix": "audio/",\n  "Delimiter": "/"\n}',
    );
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('issue 14: compares against radio_channels when the station database has it', async () => {
    await scratch.admin(`CREATE TABLE radio_channels (id serial, name text, slug text, icecast_mount text, hls_path text);
      INSERT INTO radio_channels (name, slug) VALUES ('Lo-fi', 'LoFi'), ('Rap', 'rap'), ('Soul', 'soul')`);
    threePrefixes();
    const outcome = await commandRunner({ s3, channels: station.directory }, radio).run('s3 channels');
    expect(replyTable(outcome.reply)).toEqual({
      kind: 'table',
      columns: ['channel', 'prefix', 'in radio_channels'],
      rows: [
        ['jazz', 'audio/jazz/', 'no'],
        ['lofi', 'audio/lofi/', 'yes'],
        ['rap', 'audio/rap/', 'yes'],
      ],
    });
    expect(replyText(outcome.reply)).toContain('In radio_channels but without a prefix: soul.');
    expect(replyText(outcome.reply)).toContain(
      'In station.channels but not in radio_channels, so left out: jazz, news.',
    );
  });

  it('issue 14: radio_channels locked past its statement_timeout: the list last read, saying when and why', async () => {
    await scratch.admin(`CREATE TABLE radio_channels (slug text); INSERT INTO radio_channels VALUES ('rap'), ('lofi')`);
    threePrefixes();
    const { run } = commandRunner({ s3, channels: station.directory }, radio);
    await run('s3 channels');
    const locker = new pg.Client({ connectionString: scratch.url });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE radio_channels IN ACCESS EXCLUSIVE MODE');
    station.clock.advance(180_000);
    const outcome = await run('s3 channels').finally(() => locker.end());
    expect(outcome.status).toBe('succeeded');
    expect(replyTable(outcome.reply).rows.map((row) => row[2])).toEqual(['no', 'yes', 'yes']);
    expect(replyText(outcome.reply)).toContain(
      'The station database could not be read (canceling statement due to statement timeout): using the channel list read from radio_channels at 2025-03-14 21:00:00 UTC (3m ago).',
    );
  });

  it('issue 14: the station database down from the start: station.channels, saying so', async () => {
    const down = channelsOn(`postgres://radio@127.0.0.1:${await freePort()}/radio`, config.station.channels);
    threePrefixes();
    const outcome = await commandRunner({ s3, channels: down.directory }, radio).run('s3 channels');
    await down.kept.close();
    expect(replyTable(outcome.reply).columns).toEqual(['channel', 'prefix', 'in station.channels']);
    expect(replyText(outcome.reply)).toMatch(
      /The station database could not be read \(connect ECONNREFUSED 127\.0\.0\.1:\d+\): using station\.channels from the configuration\./,
    );
  });
});
