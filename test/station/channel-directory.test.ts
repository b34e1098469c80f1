// The channel list on a real Postgres cluster of this file's own, which the last test stops: the list must
// not vanish with the database. "Down" is always a real connection: a stopped server, a closed port, a
// server that accepts and never answers, a role whose SELECT was revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadioConfig } from '../../src/config/radio-config.js';
import { openKeptDatabase, type KeptConnectionTiming, type KeptDatabase } from '../../src/db/kept-database.js';
import { createStationDatabase } from '../../src/integrations/station-db/pg-station-database.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { silentLog } from '../support/fakes.js';
import { startHungServer, type HungServer } from '../support/hung-server.js';
import { manualClock } from '../support/manual-clock.js';
import { freePort, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';

const yaml = RadioConfig.parse({
  station: { channels: [{ slug: 'rap', mount: '/rap-yaml', output: 'rap_out', queue: 'rap_q' }, 'jazz'] },
}).station.channels;
const T0 = Date.parse('2025-03-14T21:00:00Z');

let cluster: PrivatePostgres;
let hung: HungServer | undefined;
const opened: KeptDatabase[] = [];

beforeAll(async () => {
  cluster = await startPrivatePostgres();
  await cluster.admin(`CREATE DATABASE full_table`);
  await cluster.admin(`CREATE DATABASE bare_table`);
  await cluster.admin(`CREATE DATABASE no_table`);
  await cluster.admin(`CREATE ROLE reader LOGIN NOSUPERUSER`);
}, 120_000);
afterAll(async () => {
  await Promise.allSettled(opened.map((db) => db.close()));
  await hung?.close();
  await cluster.stop();
}, 60_000);

/** A directory on one kept connection, as the runtime builds it, with a clock the test moves. */
function directoryOn(connectionString: string, timing: KeptConnectionTiming = {}) {
  const kept = openKeptDatabase({
    connectionString,
    applicationName: 'channels-test',
    label: 'The station database',
    ...timing,
  });
  opened.push(kept);
  const clock = manualClock(T0);
  const directory = createChannelDirectory({
    stationDb: createStationDatabase(kept),
    channels: yaml,
    log: silentLog,
    clock,
  });
  return { directory, clock };
}

/** `radio_channels` as the runbook creates and fills it, in `database`. */
async function runbookTable(database: string, columns: string, values: string) {
  const url = cluster.url('postgres', database);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE radio_channels (${columns}); INSERT INTO radio_channels VALUES ${values}`);
  await client.query(`GRANT SELECT ON radio_channels TO reader`);
  await client.end();
}

describe('the channel directory', () => {
  it('issue 14: with radio_channels, the table gives the channels, their mount and HLS path; the YAML the Liquidsoap ids', async () => {
    await runbookTable(
      'full_table',
      'id serial PRIMARY KEY, name text, slug text, icecast_mount text, hls_path text',
      `(1, 'Rap', 'Rap', '/rap.mp3', 'hls/rap/'), (2, 'Soul', 'soul', '/soul.ogg', 'hls/soul/')`,
    );
    const list = await directoryOn(cluster.url('reader', 'full_table')).directory.list();
    expect(list).toEqual({
      source: 'radio_channels',
      readAt: new Date(T0),
      checkedAt: new Date(T0),
      channels: [
        {
          slug: 'rap',
          id: '1',
          name: 'Rap',
          mount: '/rap.mp3',
          output: 'rap_out',
          queue: 'rap_q',
          hlsPath: 'hls/rap/',
          inStationChannels: true,
        },
        {
          slug: 'soul',
          id: '2',
          name: 'Soul',
          mount: '/soul.ogg',
          output: 'soul',
          hlsPath: 'hls/soul/',
          inStationChannels: false,
        },
      ],
      notInRadioChannels: ['jazz'],
      problems: [],
    });
  });

  it('issue 14: a radio_channels without hls_path and icecast_mount takes them from the YAML or the defaults', async () => {
    await runbookTable('bare_table', 'id int, slug text', `(1, 'rap'), (2, 'jazz')`);
    const { channels } = await directoryOn(cluster.url('reader', 'bare_table')).directory.list();
    expect(channels.map(({ slug, mount, output, hlsPath }) => [slug, mount, output, hlsPath])).toEqual([
      ['jazz', '/jazz', 'jazz', 'hls/jazz/'],
      ['rap', '/rap-yaml', 'rap_out', 'hls/rap/'],
    ]);
  });

  it('issue 14: without radio_channels, station.channels, and nothing is stale', async () => {
    const list = await directoryOn(cluster.url('reader', 'no_table')).directory.list();
    expect(list).toEqual({
      source: 'station.channels',
      checkedAt: new Date(T0),
      channels: [
        {
          slug: 'rap',
          mount: '/rap-yaml',
          output: 'rap_out',
          queue: 'rap_q',
          hlsPath: 'hls/rap/',
          inStationChannels: true,
        },
        { slug: 'jazz', mount: '/jazz', output: 'jazz', hlsPath: 'hls/jazz/', inStationChannels: true },
      ],
      notInRadioChannels: [],
      problems: [],
    });
  });

  it('issue 14: down from the start (a closed port), the YAML list, saying why', async () => {
    const port = await freePort();
    const list = await directoryOn(`postgres://reader@127.0.0.1:${port}/radio`).directory.list();
    expect(list).toMatchObject({
      source: 'station.channels',
      stale: { since: new Date(T0), why: expect.stringContaining(`ECONNREFUSED 127.0.0.1:${port}`) },
    });
    expect(list.channels.map((channel) => channel.slug)).toEqual(['rap', 'jazz']);
  });

  it('issue 14: a server that accepts and never answers: the YAML once the connect timeout passes', async () => {
    hung = await startHungServer();
    const list = await directoryOn(`postgres://reader@127.0.0.1:${hung.port}/radio`, {
      healthTimeoutMs: 300,
    }).directory.list();
    expect(list).toMatchObject({
      source: 'station.channels',
      stale: { why: 'The station database did not answer: no connection within 300 ms' },
    });
  });

  it("issue 14: the caller's deadline passing first gives the fallback at once, and the read still completes for the next", async () => {
    const { directory } = directoryOn(cluster.url('reader', 'full_table'), { healthTimeoutMs: 60_000 });
    const deadline = new AbortController();
    deadline.abort(new Error('deadline'));
    expect(await directory.list(deadline.signal)).toMatchObject({
      source: 'station.channels',
      stale: { why: 'no answer before the deadline' },
    });
    expect((await directory.list()).source).toBe('radio_channels');
  });

  it('issue 14: permission revoked after a successful read: the last list read, when it was read and why it is stale', async () => {
    const { directory, clock } = directoryOn(cluster.url('reader', 'full_table'));
    const first = await directory.list();
    await runAs('full_table', 'REVOKE SELECT ON radio_channels FROM reader');
    clock.advance(180_000);
    const stale = await directory.list();
    expect(stale).toEqual({
      ...first,
      source: 'last known',
      checkedAt: new Date(T0 + 180_000),
      stale: { since: new Date(T0 + 180_000), why: 'permission denied for table radio_channels' },
    });
    await runAs('full_table', 'GRANT SELECT ON radio_channels TO reader');
    clock.advance(60_000);
    expect(await directory.list()).toMatchObject({ source: 'radio_channels', readAt: new Date(T0 + 240_000) });
  });

  it('issue 14: the server stopped after a successful read: the last list read, stale since the first failed read', async () => {
    const { directory, clock } = directoryOn(cluster.url('reader', 'full_table'));
    const first = await directory.list();
    await cluster.stop();
    clock.advance(180_000);
    const stale = await directory.list();
    expect(stale).toMatchObject({ source: 'last known', channels: first.channels, readAt: new Date(T0) });
    expect(stale.stale).toEqual({
      since: new Date(T0 + 180_000),
      why: expect.stringMatching(/dropped the connection|ECONNREFUSED/),
    });
    clock.advance(60_000);
    expect((await directory.list()).stale).toEqual({
      since: new Date(T0 + 180_000),
      why: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

async function runAs(database: string, sql: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: cluster.url('postgres', database) });
  await client.connect();
  await client.query(sql);
  await client.end();
}
