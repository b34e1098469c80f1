import { lazyDatabase } from '../../db/lazy-database.js';
import { defineIntegration } from '../integration-module.js';
import { createChannelWriter, type ChannelWriter } from './channel-writer.js';

/**
 * `channel add`'s INSERT into the station's `radio_channels`, on its own connection `RADIO_DATABASE_WRITE_URL`
 * (a role with only INSERT on that table): the station inspector (`stationDb`) stays read-only by design. Not set
 * up without that URL. One pooled connection, opened on the first insert (pg imported then), with a 5 s connect
 * timeout and a 5 s `statement_timeout` (a locked table answers in seconds); closed with the runtime.
 */
export const channelWriterModule = defineIntegration({
  id: 'channelWriter',
  notConfigured:
    "Adding channels is not set up in this process: set RADIO_DATABASE_WRITE_URL to the station database as a role with only INSERT on radio_channels (the db commands' connection stays read-only).",
  create({ settings, onClose }): ChannelWriter | undefined {
    const url = settings.radioDatabaseWriteUrl;
    if (!url) return undefined;
    const db = lazyDatabase(async () =>
      (await import('../../db/pg-database.js')).openPgDatabase(url, 'radio-ops-channel-writer', 1, {
        label: 'The station database for writes (RADIO_DATABASE_WRITE_URL)',
        connectionTimeoutMs: 5000,
        statementTimeoutMs: 5000,
      }),
    );
    onClose(() => db.close());
    return createChannelWriter(db);
  },
});
