import { createChannelDirectory, type ChannelDirectory } from '../../station/channel-directory.js';
import { defineIntegration } from '../integration-module.js';
import { createStationDatabase } from '../station-db/pg-station-database.js';

/**
 * The station's channel list (`radio_channels` merged with `station.channels`, the last list read when the
 * station database can't be read): one directory per runtime, so every command and the on-air watcher
 * share what it remembers. It reads on the same kept station connection as `stationDb`, and only when asked.
 */
export const channelsModule = defineIntegration({
  id: 'channels',
  notConfigured: 'The channel list is not set up in this process.',
  create: ({ stationDb, radio, log }): ChannelDirectory =>
    createChannelDirectory({ stationDb: createStationDatabase(stationDb), channels: radio.station.channels, log }),
});
