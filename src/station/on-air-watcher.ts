import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AlarmEventInput } from '../alarms/alarm-store.js';
import type { Clock } from '../alarms/clock.js';
import type { ChannelDirectory } from './channel-directory.js';
import { onAirChanges } from './on-air-changes.js';
import { observeStation, type ObserveDependencies, type StationObservation } from './on-air-observation.js';
import type { Aspect } from './on-air-tracker.js';
import { onAirEvent } from './on-air-transition.js';

/** A named lease in Postgres (`alarm_worker_lease`, see `createAlarmOutbox`): one holder until it expires. */
export interface OnAirLease {
  acquireLease(owner: string, now: Date, until: Date): Promise<boolean>;
  releaseLease(owner: string): Promise<void>;
}

/** Where the watcher's cards go: the alarm cards' store and ingestion. */
export interface OnAirCards {
  /** The state the card of `alarmKey` shows (its latest recorded transition); `undefined` when it has none. */
  state(alarmKey: string): Promise<string | undefined>;
  /** Records a transition and queues its card (`ingestAlarmEvent`). */
  report(event: AlarmEventInput): Promise<unknown>;
}

export interface OnAirWatcherOptions extends ObserveDependencies {
  channels: Pick<ChannelDirectory, 'list'>;
  lease: OnAirLease;
  cards: OnAirCards;
  clock: Clock;
  /** `station.onAir.every`, ms. */
  everyMs: number;
  /** How long a holder's lease lasts unless renewed (each check renews it); default 3 checks. */
  leaseMs?: number;
  owner?: string;
  log: Logger;
}

/** What one check did: nothing without the lease, else what it saw and the transitions it reported. */
export type OnAirCheck = { leased: false } | { leased: true; seen: StationObservation; reported: AlarmEventInput[] };

/**
 * The on-air watcher (issue 14): every `everyMs`, on the replica holding the `on-air-watcher` lease, asks Icecast
 * for its mounts once and checks each channel's HLS, and turns what stays wrong for two checks in a row into a
 * living alarm card (`on-air:<slug>`; `on-air-icecast` when Icecast itself does not answer). A card moves only on
 * a transition: its current state is read from the alarm store, so a new lease holder neither repeats nor misses
 * one. Every failure is logged; nothing here throws out of the loop.
 */
export function createOnAirWatcher(options: OnAirWatcherOptions) {
  const { clock, everyMs, log } = options;
  const leaseMs = options.leaseMs ?? 3 * everyMs;
  const owner = options.owner ?? `on-air-${randomUUID()}`;
  let aspects = new Map<string, Aspect>();
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  let wake: () => void = () => undefined;

  /** One check, if this replica holds (or takes) the lease; transitions reported, failures logged. */
  async function checkOnce(): Promise<OnAirCheck> {
    const now = clock.now();
    if (!(await options.lease.acquireLease(owner, new Date(now), new Date(now + leaseMs)))) {
      aspects = new Map(); // another replica checks: what we saw is stale by the time we hold it again
      return { leased: false };
    }
    const list = await options.channels.list(stopping.signal);
    const seen = await observeStation(options, list.channels, stopping.signal);
    const reported: AlarmEventInput[] = [];
    const context = { everyMs, icecastUrl: options.icecast.baseUrl, hls: options.hls !== undefined };
    for (const change of onAirChanges(aspects, seen, now, context)) {
      try {
        const shown = await options.cards.state(change.card.alarmKey);
        if (shown === change.state || (shown === undefined && change.state === 'OK')) continue;
        const event = onAirEvent({ ...change, old: shown ?? 'OK' });
        await options.cards.report(event);
        reported.push(event);
      } catch (error) {
        // Not recorded: the next check decides again from the store, so the card catches up then.
        log.error({ err: error, alarmKey: change.card.alarmKey }, 'on-air card transition not recorded');
      }
    }
    return { leased: true, seen, reported };
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      // Every `everyMs` from the start of one check to the next, however long a check took (the edge's spans a target duration).
      const due = clock.now() + everyMs;
      try {
        await checkOnce();
      } catch (error) {
        log.error({ err: error }, 'on-air check failed');
      }
      if (stopping.signal.aborted) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        void clock.sleep(Math.max(0, due - clock.now())).then(resolve);
      });
    }
  }

  return {
    checkOnce,
    owner,
    /** Checks now and then every `everyMs` in the background, until `stop`. */
    start(): void {
      running ??= loop();
    },
    /** Ends the check under way (its calls are aborted), waits for it, and gives the lease up. */
    async stop(): Promise<void> {
      stopping.abort(new Error('the on-air watcher is stopping'));
      wake();
      await running;
      await options.lease
        .releaseLease(owner)
        .catch((error: unknown) => log.warn({ err: error }, 'on-air watcher lease not released'));
    },
  };
}

export type OnAirWatcher = ReturnType<typeof createOnAirWatcher>;
