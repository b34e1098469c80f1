// StationDatabase.radioChannels on a real Postgres: a database of this file's own, so creating and
// reshaping radio_channels touches no other test.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPgDatabase } from '../../src/db/pg-database.js';
import type { SqlDatabase } from '../../src/db/sql-client.js';
import { createStationDatabase } from '../../src/integrations/station-db/pg-station-database.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';

let scratch: ScratchDatabase;
let db: SqlDatabase;
beforeAll(async () => {
  scratch = await createScratchDatabase('channels_rows');
  db = openPgDatabase(scratch.url, 'radio-ops-test', 1);
});
afterAll(async () => {
  await db.close();
  await scratch.drop();
});
beforeEach(() => scratch.admin('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));

describe('StationDatabase.radioChannels', () => {
  it('issue 14: is undefined while radio_channels does not exist', async () => {
    expect(await createStationDatabase(db).radioChannels()).toBeUndefined();
  });

  it("issue 14: returns the runbook's columns as text, NULL slugs left out and NULL columns absent", async () => {
    await scratch.admin(`CREATE TABLE radio_channels (id serial PRIMARY KEY, name text, slug varchar(40),
        icecast_mount text, hls_path text, created_at timestamptz DEFAULT now());
      INSERT INTO radio_channels (name, slug, icecast_mount, hls_path) VALUES
        ('Rap', 'rap', '/rap.mp3', 'hls/rap/'), ('Draft', NULL, '/draft', NULL), ('Jazz', 'Jazz', NULL, NULL)`);
    expect(await createStationDatabase(db).radioChannels()).toEqual([
      { id: '3', name: 'Jazz', slug: 'Jazz' },
      { id: '1', name: 'Rap', slug: 'rap', icecastMount: '/rap.mp3', hlsPath: 'hls/rap/' },
    ]);
  });

  it('issue 14: reads a table without the optional columns (no hls_path, no icecast_mount, no name, a uuid id)', async () => {
    await scratch.admin(`CREATE TABLE radio_channels (id uuid PRIMARY KEY, slug text NOT NULL);
      INSERT INTO radio_channels VALUES ('5f0c6d5e-7a53-4c55-9d3a-2b1f0f9e0a11', 'rock')`);
    expect(await createStationDatabase(db).radioChannels()).toEqual([
      { id: '5f0c6d5e-7a53-4c55-9d3a-2b1f0f9e0a11', slug: 'rock' },
    ]);
    await scratch.admin(`DROP TABLE radio_channels; CREATE VIEW radio_channels AS SELECT 'soul'::text AS slug`);
    expect(await createStationDatabase(db).radioChannels()).toEqual([{ slug: 'soul' }]);
  });

  it('issue 14: a radio_channels without a slug column is an error that says so', async () => {
    await scratch.admin(`CREATE TABLE radio_channels (id serial PRIMARY KEY, name text)`);
    await expect(createStationDatabase(db).radioChannels()).rejects.toThrow('radio_channels has no slug column');
  });
});
