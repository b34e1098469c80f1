// `invalidate <channel>` checks the channel against the station's channel list on a real station database
// (a scratch database of this file's): radio_channels when it can be read, else the list last read or the
// YAML, and the reply says which.
import { CreateInvalidationCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { awsCommandHarness, shown } from '../support/aws-command-harness.js';
import { channelsOn } from '../support/channels-on.js';
import { freePort } from '../support/private-postgres.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

const yamlChannels = RadioConfig.parse({}).station.channels; // rap, jazz
let scratch: ScratchDatabase;
beforeAll(async () => {
  scratch = await createScratchDatabase('invalidate_channels');
  await scratch.admin(`CREATE TABLE radio_channels (id serial, slug text, icecast_mount text);
    INSERT INTO radio_channels (slug) VALUES ('rock'), ('Soul')`);
});
afterAll(() => scratch.drop());

/** The harness with CloudFront answering and the channel list on `connectionString`. */
function harnessOn(connectionString: string) {
  const station = channelsOn(connectionString, yamlChannels);
  const h = awsCommandHarness({ channelDirectory: station.directory });
  h.mocks.cloudfront
    .on(ListInvalidationsCommand)
    .resolves({ InvalidationList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0 } });
  h.mocks.cloudfront.on(CreateInvalidationCommand).callsFake((input: { InvalidationBatch: unknown }) => ({
    Invalidation: {
      Id: 'INEW',
      Status: 'InProgress',
      CreateTime: new Date(),
      InvalidationBatch: input.InvalidationBatch,
    },
  }));
  return { ...h, ...station };
}

describe('invalidate and the channel list', () => {
  it('issue 14: takes the channels from radio_channels (slugs lower-case), and says a YAML channel is not there', async () => {
    const h = harnessOn(scratch.url);
    try {
      expect((await h.run('invalidate soul')).status).toBe('succeeded');
      const refused = await h.run('invalidate rap');
      expect(refused).toMatchObject({ status: 'refused', code: 'usage' });
      expect(refused.reply.summary).toBe(
        'There is no channel `rap` (from radio_channels: rock, soul). It is in station.channels but not in radio_channels.',
      );
    } finally {
      await h.kept.close();
    }
  });

  it('issue 14: radio_channels locked past its statement_timeout: the list last read, and the reply says so', async () => {
    const h = harnessOn(scratch.url);
    const locker = new pg.Client({ connectionString: scratch.url });
    try {
      await h.run('invalidate rock --dry-run');
      await locker.connect();
      await locker.query('BEGIN; LOCK TABLE radio_channels IN ACCESS EXCLUSIVE MODE');
      h.clock.advance(180_000);
      const note =
        'The station database could not be read (canceling statement due to statement timeout): using the channel list read from radio_channels at 2025-03-14 21:00:00 UTC (3m ago).';
      const done = await h.run('invalidate rock');
      expect(done.status).toBe('succeeded');
      expect(shown(done.reply)).toContain(note);
      expect(shown((await h.run('invalidate rock --dry-run')).reply)).toContain(note);
      expect((await h.run('invalidate jazz')).reply.summary).toBe(
        `There is no channel \`jazz\` (from the list last read from radio_channels: rock, soul). It is in station.channels but not in radio_channels. ${note}`,
      );
    } finally {
      await locker.end();
      await h.kept.close();
    }
  });

  it('issue 14: the station database down from the start: station.channels, and the refusal says so', async () => {
    const h = harnessOn(`postgres://radio@127.0.0.1:${await freePort()}/radio`);
    try {
      expect((await h.run('invalidate rap')).status).toBe('succeeded');
      expect((await h.run('invalidate rock')).reply.summary).toMatch(
        /^There is no channel `rock` \(from station\.channels: rap, jazz\)\. The station database could not be read \(connect ECONNREFUSED 127\.0\.0\.1:\d+\): using station\.channels from the configuration\.$/,
      );
    } finally {
      await h.kept.close();
    }
  });
});
