// `channel add` on a real Postgres: a scratch station database with `radio_channels` and a role that has only
// INSERT on it (RADIO_DATABASE_WRITE_URL), as the channel-writer module connects in production. The channel
// directory reads the same table on another connection (the read-only inspector's role), and sees the new row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPgDatabase } from '../../src/db/pg-database.js';
import type { SqlDatabase } from '../../src/db/sql-client.js';
import { channelWriterModule } from '../../src/integrations/channel-writer/channel-writer-module.js';
import { createStationDatabase } from '../../src/integrations/station-db/pg-station-database.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { commandRunner, replyText } from '../support/command-runner.js';
import { silentLog } from '../support/fakes.js';
import { integrationContext } from '../support/integration-context.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { withAdmin } from '../support/test-services.js';

let scratch: ScratchDatabase;
let reader: SqlDatabase;
let writerRole: string;
let writerUrl: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase('channel_add');
  writerRole = `${scratch.name}_w`.slice(-60);
  await scratch.admin(`DROP ROLE IF EXISTS "${writerRole}"; CREATE ROLE "${writerRole}" LOGIN PASSWORD 'writer-pw'`);
  const url = new URL(scratch.url);
  url.username = writerRole;
  url.password = 'writer-pw';
  writerUrl = url.toString();
  reader = openPgDatabase(scratch.url, 'radio-ops-test-reader', 1);
});
afterAll(async () => {
  await Promise.allSettled(closers.map((close) => close()));
  await reader.close();
  await scratch.drop();
  await withAdmin((client) => client.query(`DROP ROLE IF EXISTS "${writerRole}"`));
}, 30_000);
beforeEach(() =>
  scratch.admin(`DROP TABLE IF EXISTS radio_channels;
    CREATE TABLE radio_channels (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
      slug text NOT NULL UNIQUE, icecast_mount text, hls_path text, created_at timestamptz DEFAULT now());
    INSERT INTO radio_channels (name, slug, icecast_mount, hls_path) VALUES ('Rap', 'rap', '/rap.mp3', 'hls/rap/');
    GRANT INSERT ON radio_channels TO "${writerRole}"`),
);

const radio = { station: { channels: ['rap', 'jazz'] } };

/** The command runner with the channel writer on `url` (null: not configured) and the directory on the reader. */
function runner(url: string | null = writerUrl) {
  const { context, close } = integrationContext({
    yaml: radio,
    settings: { aws: { mode: 'live' }, ...(url ? { radioDatabaseWriteUrl: url } : {}) },
  });
  closers.push(close);
  const channelWriter = channelWriterModule.create(context);
  const channels = createChannelDirectory({
    stationDb: createStationDatabase(reader),
    channels: RadioConfig.parse(radio).station.channels,
    log: silentLog,
  });
  return { ...commandRunner({ ...(channelWriter ? { channelWriter } : {}), channels }, radio), channels };
}

const rows = async () =>
  (
    await reader.query<Record<string, string>>(
      'SELECT name, slug, icecast_mount, hls_path FROM radio_channels ORDER BY id',
    )
  ).rows;

describe('channel add', () => {
  it('inserts the row with the default mount and HLS path, and the channel directory lists it next', async () => {
    const { run, channels } = runner();
    const result = await run('channel add electro --name "Electro Beats"');
    expect(result.status, replyText(result.reply)).toBe('succeeded');
    expect(await rows()).toEqual([
      { name: 'Rap', slug: 'rap', icecast_mount: '/rap.mp3', hls_path: 'hls/rap/' },
      { name: 'Electro Beats', slug: 'electro', icecast_mount: '/electro', hls_path: 'hls/electro/' },
    ]);
    const listed = (await channels.list()).channels.find((channel) => channel.slug === 'electro');
    expect(listed).toMatchObject({ mount: '/electro', hlsPath: 'hls/electro/' });
  });

  it('takes --mount and --hls', async () => {
    const { run } = runner();
    const result = await run('channel add electro --name Electro --mount /electro.mp3 --hls hls/electro-live/');
    expect(result.status, replyText(result.reply)).toBe('succeeded');
    expect((await rows())[1]).toEqual({
      name: 'Electro',
      slug: 'electro',
      icecast_mount: '/electro.mp3',
      hls_path: 'hls/electro-live/',
    });
  });

  it('--dry-run shows the INSERT and its values, and inserts nothing', async () => {
    const { run } = runner();
    const result = await run('channel add electro --name Electro --dry-run');
    expect(result.status, replyText(result.reply)).toBe('succeeded');
    const shown = replyText(result.reply);
    expect(shown).toContain('INSERT INTO radio_channels (name, slug, icecast_mount, hls_path)');
    expect(shown).toContain('/electro');
    expect(await rows()).toHaveLength(1);
  });

  it('a slug already in radio_channels is refused in words and changes nothing', async () => {
    const { run } = runner();
    const result = await run('channel add rap --name "Rap again"');
    expect(result.status).toBe('refused');
    expect(replyText(result.reply)).toMatch(/`?rap`? is already in radio_channels.*nothing changed/i);
    expect(await rows()).toHaveLength(1);
  });

  it('a unique violation the directory could not foresee (inserted meanwhile) is answered as such', async () => {
    const { run } = runner();
    await scratch.admin(`ALTER TABLE radio_channels ADD CONSTRAINT mount_unique UNIQUE (icecast_mount)`);
    const result = await run('channel add rap2 --name Rap2 --mount /rap.mp3');
    expect(result.status).toBe('refused');
    expect(replyText(result.reply)).toMatch(/already has a row with that .*mount_unique.*nothing changed/i);
    expect(await rows()).toHaveLength(1);
  });

  it('a role without INSERT is answered in words (42501)', async () => {
    await scratch.admin(`REVOKE INSERT ON radio_channels FROM "${writerRole}"`);
    const { run } = runner();
    const result = await run('channel add electro --name Electro');
    expect(result.status).toBe('failed');
    expect(replyText(result.reply)).toMatch(
      /RADIO_DATABASE_WRITE_URL.*refused INSERT on radio_channels.*permission denied/,
    );
    expect(await rows()).toHaveLength(1);
  });

  it('is refused with what to set when RADIO_DATABASE_WRITE_URL is not set', async () => {
    const { run } = runner(null);
    const result = await run('channel add electro --name Electro');
    expect(result.status).toBe('refused');
    expect(result).toMatchObject({ code: 'not_configured' });
    expect(replyText(result.reply)).toContain('RADIO_DATABASE_WRITE_URL');
  });

  it.each([
    ['channel add Electro --name E', /channel slug/],
    ['channel add electro', /name/],
    ['channel add electro --name E --mount electro', /Icecast mount/],
    ['channel add electro --name E --hls hls/electro', /ending in/],
  ])('%s is refused before anything is written', async (line, why) => {
    const { run } = runner();
    const result = await run(line);
    expect(result.status).toBe('refused');
    expect(replyText(result.reply)).toMatch(why);
    expect(await rows()).toHaveLength(1);
  });
});
