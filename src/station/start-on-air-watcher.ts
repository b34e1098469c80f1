import type { Logger } from 'pino';
import { createAlarmOutbox } from '../alarms/alarm-outbox.js';
import type { AlarmCards } from '../alarms/start-alarm-cards.js';
import { systemClock, type Clock } from '../alarms/clock.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { SqlClient } from '../db/sql-client.js';
import type { Integrations } from '../integrations/integrations.js';
import { createOnAirWatcher, type OnAirWatcher } from './on-air-watcher.js';

/** The name of the watcher's row in `alarm_worker_lease`. */
export const ON_AIR_LEASE = 'on-air-watcher';

export interface OnAirWatcherSetup {
  /** The bot's database: the lease row. */
  db: SqlClient;
  /** The running alarm-card feature: the watcher's transitions go through its ingestion. */
  cards: Pick<AlarmCards, 'ingest' | 'cardState'>;
  radio: RadioConfig;
  integrations: Pick<Integrations, 'icecast' | 'hls' | 'channels'>;
  log: Logger;
  clock?: Clock;
  /** Don't run it in the background (tests call `checkOnce` on their clock). */
  manual?: boolean;
}

/**
 * Starts the on-air watcher when there is somewhere to post and something to watch: `alarms.channel` and
 * `station.icecast` (with the icecast and channels modules set up); HLS is judged too when `station.hls` is.
 * Otherwise logs why not and resolves nothing. The caller stops it on shutdown.
 */
export function startOnAirWatcher(setup: OnAirWatcherSetup): OnAirWatcher | undefined {
  const { radio, log, integrations } = setup;
  const { icecast, channels, hls } = integrations;
  if (!radio.alarms.channel || !radio.station.icecast || !icecast || !channels) {
    log.info(
      { alarmsChannel: Boolean(radio.alarms.channel), stationIcecast: Boolean(radio.station.icecast) },
      'on-air watcher not started: it needs alarms.channel and station.icecast',
    );
    return undefined;
  }
  const watcher = createOnAirWatcher({
    icecast,
    channels,
    ...(hls ? { hls } : {}),
    lease: createAlarmOutbox(setup.db, ON_AIR_LEASE),
    cards: { state: setup.cards.cardState, report: setup.cards.ingest },
    clock: setup.clock ?? systemClock,
    everyMs: radio.station.onAir.every,
    log,
  });
  if (!setup.manual) watcher.start();
  log.info({ everyMs: radio.station.onAir.every, hls: Boolean(hls) }, 'on-air watcher started');
  return watcher;
}
