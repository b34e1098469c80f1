// Fakes of the station for the on-air watcher's unit tests: Icecast's mounts, HLS verdicts, a channel list, a
// lease with an expiry shared by several watchers, and the cards' states as the alarm store would keep them.
import type { AlarmEventInput } from '../../src/alarms/alarm-store.js';
import type { ChannelHls } from '../../src/integrations/hls/hls-operations.js';
import type { IcecastStats } from '../../src/integrations/icecast/icecast-operations.js';
import type { StationChannel } from '../../src/station/channel-list.js';
import type { OnAirCards, OnAirLease } from '../../src/station/on-air-watcher.js';

export const RAP: StationChannel = {
  slug: 'rap',
  mount: '/rap.mp3',
  output: 'rap',
  hlsPath: 'hls/rap/',
  inStationChannels: true,
};
export const JAZZ: StationChannel = {
  slug: 'jazz',
  mount: '/jazz.ogg',
  output: 'jazz',
  hlsPath: 'hls/jazz/',
  inStationChannels: true,
};

export function fakeStation() {
  const state = {
    /** Mounts with a source; `Error` when Icecast does not answer. */
    onAir: new Set(['/rap.mp3', '/jazz.ogg']) as Set<string> | Error,
    /** HLS verdict per slug (default fresh). */
    hls: new Map<string, ChannelHls['verdict']>(),
    statsCalls: 0,
  };
  const icecast = {
    baseUrl: 'http://icecast.test:8000',
    stats(): Promise<IcecastStats> {
      state.statsCalls++;
      if (state.onAir instanceof Error) return Promise.reject(state.onAir);
      const mounts = [...state.onAir].map((mount) => ({
        mount,
        listeners: 0,
        listenerPeak: 0,
        streamStart: new Date('2025-03-14T20:00:00Z'),
      }));
      return Promise.resolve({ serverId: 'Icecast 2.4.4', api: '2.4', endpoint: '/admin/stats', mounts });
    },
  };
  const hls = {
    check(channel: StationChannel): Promise<ChannelHls> {
      const verdict = state.hls.get(channel.slug) ?? 'fresh';
      const checkedAt = new Date();
      const origin = {
        object: `s3://radio-audio-bucket/${channel.hlsPath}live.m3u8`,
        lastModified: checkedAt,
        mediaSequence: 7,
        targetDuration: 6,
        notAdvancedForMs: verdict === 'critical' ? 42_000 : 0,
        endList: false,
        verdict: verdict === 'unknown' ? 'fresh' : verdict,
      } as const;
      if (verdict === 'unknown')
        return Promise.resolve({
          slug: channel.slug,
          checkedAt,
          origin: { unknown: 'no' },
          edge: { unknown: 'no' },
          verdict,
        });
      return Promise.resolve({
        slug: channel.slug,
        checkedAt,
        origin,
        edge: { unknown: 'not asked in this fake' },
        verdict,
        ...(verdict === 'fresh' ? {} : { stale: 'origin' as const }),
      });
    },
  };
  const channels = {
    list: () =>
      Promise.resolve({
        channels: [RAP, JAZZ],
        source: 'station.channels' as const,
        checkedAt: new Date(),
        notInRadioChannels: [],
        problems: [],
      }),
  };
  return { state, icecast, hls, channels };
}

/** One lease row with an expiry, as `alarm_worker_lease` keeps it. */
export function fakeLease(): OnAirLease & { holder(): string | undefined } {
  let held: { owner: string; until: number } | undefined;
  return {
    acquireLease(owner, now, until) {
      if (held && held.owner !== owner && held.until >= now.getTime()) return Promise.resolve(false);
      held = { owner, until: until.getTime() };
      return Promise.resolve(true);
    },
    releaseLease(owner) {
      if (held?.owner === owner) held = undefined;
      return Promise.resolve();
    },
    holder: () => held?.owner,
  };
}

/** Cards' states by key; `failNext` makes the next report throw (a database that went away). */
export function fakeCards(): OnAirCards & { events: AlarmEventInput[]; shown: Map<string, string>; failNext: boolean } {
  const shown = new Map<string, string>();
  const events: AlarmEventInput[] = [];
  const cards = {
    shown,
    events,
    failNext: false,
    state: (key: string) => Promise.resolve(shown.get(key)),
    report(event: AlarmEventInput) {
      if (cards.failNext) {
        cards.failNext = false;
        return Promise.reject(new Error('connection terminated'));
      }
      events.push(event);
      shown.set(event.alarmKey, event.transition.NewStateValue);
      return Promise.resolve('recorded');
    },
  };
  return cards;
}
