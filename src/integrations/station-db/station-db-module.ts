import { defineIntegration } from '../integration-module.js';
import { createStationDatabase } from './pg-station-database.js';
import type { StationDatabase } from './station-database.js';

/**
 * The station's Postgres as the `db` commands inspect it (`RADIO_DATABASE_URL`, else the bot's own
 * database), and the channel list `cdn invalidate` reads. With `RADIO_DATABASE_URL` it runs on the one
 * connection the runtime keeps open (`src/db/kept-database.ts`), so it answers when the station's
 * connection slots are exhausted; the server opens it at start, the shell on the first query.
 */
export const stationDbModule = defineIntegration({
  id: 'stationDb',
  notConfigured: 'The station database is not set up in this process (RADIO_DATABASE_URL).',
  create: ({ stationDb }): StationDatabase => createStationDatabase(stationDb),
});
