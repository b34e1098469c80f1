import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AlarmEventInput } from '../alarms/alarm-store.js';
import type { Clock } from '../alarms/clock.js';
import { utc } from '../alarms/alarm-card.js';
import type { ChannelDirectory } from './channel-directory.js';
import { observeStation, type ObserveDependencies, type StationObservation } from './on-air-observation.js';
import { observe, type Aspect } from './on-air-tracker.js';
import { channelCard, everyText, ICECAST_CARD, onAirEvent, type OnAirChange } from './on-air-transition.js';

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
  const description = {
    channel: (mount: string, slug: string, hls: boolean) =>
      `radio-ops checks ${everyText(everyMs)} that a source is on ${mount} in Icecast${hls ? ` and that ${slug}'s HLS playlist advances (S3 origin and edge)` : ''}: two failed checks in a row raise this card, one good check clears it.`,
    icecast: `radio-ops asks Icecast for its mounts ${everyText(everyMs)}: two unanswered checks in a row raise this card; meanwhile the channels' sources are unknown.`,
  };
  let aspects = new Map<string, Aspect>();
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  let wake: () => void = () => undefined;

  const track = (key: string, seen: Parameters<typeof observe>[1], at: number) => {
    const aspect = observe(aspects.get(key), seen, at);
    aspects.set(key, aspect);
    return aspect;
  };

  /** The card's state from what the aspects say: ALARM when any is bad, OK when `okWhen` is ok, else undecided. */
  const changes = (seen: StationObservation, at: number): Omit<OnAirChange, 'old'>[] => {
    const decided: Omit<OnAirChange, 'old'>[] = [];
    const icecast = track('icecast', seen.icecast, at);
    const base = { at, everyMs };
    if (icecast.level) {
      const bad = icecast.level === 'bad';
      decided.push({
        ...base,
        card: ICECAST_CARD,
        metric: 'IcecastReachable',
        dimensions: [{ name: 'Server', value: options.icecast.baseUrl }],
        state: bad ? 'ALARM' : 'OK',
        reason: bad ? since(icecast) : (icecast.detail ?? 'Icecast answers'),
        description: description.icecast,
      });
    }
    for (const { channel, source, hls } of seen.channels) {
      const parts = [track(`${channel.slug}/source`, source, at), track(`${channel.slug}/hls`, hls, at)];
      const bad = parts.filter((aspect) => aspect.level === 'bad');
      if (bad.length === 0 && parts[0]?.level !== 'ok') continue;
      const good = parts.flatMap((aspect) => (aspect.level === 'ok' && aspect.detail ? [aspect.detail] : []));
      decided.push({
        ...base,
        card: channelCard(channel.slug),
        metric: 'OnAir',
        dimensions: [{ name: 'Channel', value: channel.slug }],
        state: bad.length > 0 ? 'ALARM' : 'OK',
        reason: bad.length > 0 ? bad.map(since).join('\n') : `${channel.slug} is on air: ${good.join(', and ')}`,
        description: description.channel(channel.mount, channel.slug, options.hls !== undefined),
      });
    }
    return decided;
  };

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
    for (const change of changes(seen, now)) {
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
      try {
        await checkOnce();
      } catch (error) {
        log.error({ err: error }, 'on-air check failed');
      }
      if (stopping.signal.aborted) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        void clock.sleep(everyMs).then(resolve);
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

/** `<why> since <time> (<n> checks in a row)`. */
function since(aspect: Aspect): string {
  const start = aspect.badSince === undefined ? '' : ` since ${utc(new Date(aspect.badSince).toISOString())}`;
  return `${aspect.why ?? 'failed'}${start} (${aspect.badInARow} checks in a row)`;
}
