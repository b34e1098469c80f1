// The channel list as the runtime builds it (the channels module's directory on one kept station
// connection), on a database the test names: a scratch database with or without radio_channels, or a
// port where nothing answers.
import { openKeptDatabase } from '../../src/db/kept-database.js';
import { createStationDatabase } from '../../src/integrations/station-db/pg-station-database.js';
import type { ChannelConfig } from '../../src/config/station-config.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { silentLog } from './fakes.js';
import { manualClock } from './manual-clock.js';

/**
 * A directory reading `radio_channels` at `connectionString` with a short `statement_timeout` (a locked
 * table answers in `statementTimeoutMs`), its clock at 2025-03-14T21:00:00Z until moved. Close `kept`.
 */
export function channelsOn(connectionString: string, channels: readonly ChannelConfig[], statementTimeoutMs = 300) {
  const kept = openKeptDatabase({ connectionString, applicationName: 'channels-test', label: 'The station database' });
  const clock = manualClock();
  const directory = createChannelDirectory({
    stationDb: createStationDatabase(kept, { statementTimeoutMs }),
    channels,
    log: silentLog,
    clock,
  });
  return { directory, clock, kept };
}
