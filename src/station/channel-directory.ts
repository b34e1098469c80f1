import type { Logger } from 'pino';
import { systemClock, type Clock } from '../alarms/clock.js';
import type { ChannelConfig } from '../config/station-config.js';
import type { StationDatabase } from '../integrations/station-db/station-database.js';
import type { ChannelList } from './channel-list.js';
import { mergeChannels } from './merge-channels.js';

/** The station's channels, one per runtime: `s3 channels`, `invalidate`, `status` and the on-air watcher share it. */
export interface ChannelDirectory {
  /**
   * The channels now: `radio_channels` merged with `station.channels` when the table exists, else the YAML.
   * When the station database can't be read (down, timeout, permission) or `signal` aborts first, the last
   * list read from it (`source: 'last known'`), else the YAML, with `stale` saying why: it never rejects.
   * Concurrent calls share one read; each read is bounded by the station database's own timeouts.
   */
  list(signal?: AbortSignal): Promise<ChannelList>;
}

export interface ChannelDirectoryDeps {
  stationDb: Pick<StationDatabase, 'radioChannels'>;
  /** `station.channels` from the YAML. */
  channels: readonly ChannelConfig[];
  log: Logger;
  clock?: Pick<Clock, 'now'>;
}

type Read = Pick<ChannelList, 'channels' | 'notInRadioChannels' | 'problems'> & { readAt: Date };

export function createChannelDirectory({
  stationDb,
  channels,
  log,
  clock = systemClock,
}: ChannelDirectoryDeps): ChannelDirectory {
  const fromYaml = () => ({
    channels: channels.map((channel) => ({ ...channel, inStationChannels: true })),
    notInRadioChannels: [],
    problems: [],
  });
  // The last successful read of radio_channels, kept for when the database can't be read; cleared when
  // the table is gone (then the YAML is the list).
  let lastRead: Read | undefined;
  let failingSince: Date | undefined;
  let reading: Promise<ChannelList> | undefined;

  const fallback = (why: string, checkedAt: Date): ChannelList => {
    const stale = { since: failingSince ?? checkedAt, why };
    return lastRead
      ? { ...lastRead, source: 'last known', checkedAt, stale }
      : { ...fromYaml(), source: 'station.channels', checkedAt, stale };
  };

  const read = async (): Promise<ChannelList> => {
    try {
      const rows = await stationDb.radioChannels();
      const readAt = new Date(clock.now());
      if (failingSince) log.info({ since: failingSince }, 'radio_channels readable again');
      failingSince = undefined;
      if (!rows) {
        lastRead = undefined;
        return { ...fromYaml(), source: 'station.channels', checkedAt: readAt };
      }
      lastRead = { ...mergeChannels(rows, channels), readAt };
      return { ...lastRead, source: 'radio_channels', checkedAt: readAt };
    } catch (error) {
      const now = new Date(clock.now());
      if (!failingSince)
        log.warn({ err: error }, 'radio_channels could not be read; using the last list read or station.channels');
      failingSince ??= now;
      return fallback(failureText(error), now);
    }
  };

  return {
    list(signal) {
      const shared = (reading ??= read().finally(() => (reading = undefined)));
      if (!signal) return shared;
      return new Promise((resolve) => {
        const onAbort = () => resolve(fallback('no answer before the deadline', new Date(clock.now())));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        void shared.then((list) => {
          signal.removeEventListener('abort', onAbort);
          resolve(list);
        });
      });
    },
  };
}

/** An error in words: its message, else its code, else its first inner error's (pg's AggregateError for `localhost`). */
function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown[] }).errors?.[0];
  return inner === undefined ? error.name : failureText(inner);
}
