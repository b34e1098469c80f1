// channelSlugs on a real (embedded) Postgres of its own, so creating radio_channels touches no other test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase, type PgliteDatabase } from '../../src/db/pglite-database.js';
import { createStationDatabase } from '../../src/integrations/station-db/pg-station-database.js';

let db: PgliteDatabase;
beforeAll(async () => {
  db = await openPgliteDatabase(mkdtempSync(join(tmpdir(), 'radio-channels-')));
});
afterAll(() => db.close());

describe('StationDatabase.channelSlugs', () => {
  it('is undefined while radio_channels does not exist, then its slugs sorted, NULLs left out', async () => {
    const station = createStationDatabase(db);
    expect(await station.channelSlugs()).toBeUndefined();
    await db.exec(`CREATE TABLE radio_channels (id serial PRIMARY KEY, slug varchar(40), title text);
      INSERT INTO radio_channels (slug, title) VALUES ('rock', 'Rock'), ('jazz', 'Jazz'), (NULL, 'draft'), ('rap', 'Rap');`);
    expect(await station.channelSlugs()).toEqual(['jazz', 'rap', 'rock']);
  });
});
