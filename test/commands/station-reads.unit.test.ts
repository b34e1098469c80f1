// How the station's read commands render what a fake Icecast (and Liquidsoap) say, through the real dispatcher:
// a title of `-`, 0 mounts, a channel off air, a mount that is no channel, no metadata yet, and `status` where
// HLS and Liquidsoap are not configured. The real servers are in station-reads.test.ts.
import { describe, expect, it } from 'vitest';
import type { IcecastMount, IcecastOperations } from '../../src/integrations/icecast/icecast-operations.js';
import type { LiquidsoapOperations } from '../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { createChannelDirectory } from '../../src/station/channel-directory.js';
import { commandRunner, replyText, VIEWER } from '../support/command-runner.js';
import { silentLog } from '../support/fakes.js';

const CHANNELS = [
  { slug: 'rap', mount: '/rap.mp3', output: 'rap', hlsPath: 'hls/rap/' },
  { slug: 'jazz', mount: '/jazz.ogg', output: 'jazz', hlsPath: 'hls/jazz/' },
];

/** Icecast's operations answering `mounts` from stats; actions are not expected. */
function fakeIcecast(mounts: IcecastMount[]): IcecastOperations {
  const refuse = () => Promise.reject(new Error('not expected'));
  return {
    baseUrl: 'http://icecast.internal:8000',
    admin: true,
    stats: async () => ({ serverId: 'Icecast 2.4.4', api: '2.4', endpoint: '/admin/stats', mounts }),
    updateMetadata: refuse,
    killSource: refuse,
  };
}

/** Liquidsoap answering `metadata` and `remaining` only (what `np` asks). */
function fakeLiquidsoap(metadata: Record<string, Record<string, string>[]>): LiquidsoapOperations {
  const partial: Partial<LiquidsoapOperations> = {
    address: '127.0.0.1:1234',
    metadata: async (id) => metadata[id] ?? [],
    remaining: async (id) => (id === 'rap' ? 42.4 : undefined),
  };
  return partial as LiquidsoapOperations;
}

const runner = (mounts: IcecastMount[] | undefined, liquidsoap?: LiquidsoapOperations) =>
  commandRunner({
    ...(mounts ? { icecast: fakeIcecast(mounts) } : {}),
    channels: createChannelDirectory({
      stationDb: { radioChannels: () => Promise.resolve(undefined) },
      channels: CHANNELS,
      log: silentLog,
    }),
    ...(liquidsoap ? { liquidsoap } : {}),
  });

const RAP_DASH: IcecastMount = {
  mount: '/rap.mp3',
  listeners: 3,
  listenerPeak: 7,
  streamStart: new Date('2026-12-02T12:00:00Z'),
  title: '-',
  contentType: 'audio/mpeg',
  bitrate: 128,
};
const OTHER: IcecastMount = { mount: '/test.aac', listeners: 2, listenerPeak: 2, contentType: 'audio/aac' };

describe('issue 14 station reads: rendering', () => {
  it('mounts: a title of `-` is shown as it is; a mount that is no channel; jazz off air', async () => {
    const outcome = await runner([RAP_DASH, OTHER]).run('mounts', VIEWER);
    expect(outcome.status).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toMatch(
      /^\/rap\.mp3 \| rap \| audio\/mpeg \| 128 kbit\/s \| 3 \| 7 \| 2026-12-02 12:00:00 UTC \(.* ago\) \| -$/m,
    );
    expect(shown).toContain('/test.aac | (not a channel) | audio/aac | - | 2 | 2 | - | (no title)');
    expect(shown).toContain('Off air (no source on their mount): jazz (/jazz.ogg).');
  });

  it('mounts with 0 mounts: says no source is connected, and which channels are off air', async () => {
    const outcome = await runner([]).run('mounts');
    expect(outcome.reply.summary).toBe('Icecast lists no mounts: no source is connected');
    expect(replyText(outcome.reply)).toContain(
      'Icecast at http://icecast.internal:8000 lists no mounts: no source is connected to any.\nOff air (no source on their mount): rap (/rap.mp3), jazz (/jazz.ogg).',
    );
  });

  it("np: `-` as Icecast's title, jazz off air, Liquidsoap's newest chunk, no metadata yet, remaining time", async () => {
    const liquidsoap = fakeLiquidsoap({ rap: [{ title: 'Newest', artist: 'MC' }, { title: 'Older' }] });
    const outcome = await runner([RAP_DASH], liquidsoap).run('np');
    expect(outcome.reply.summary).toBe('rap: -; jazz: off air');
    expect(replyText(outcome.reply)).toBe(
      [
        'rap (/rap.mp3)',
        'Title: -\nLiquidsoap: title "Newest", artist "MC"\nRemaining: 42 s',
        'jazz (/jazz.ogg)',
        'On air: off air: no source connected to /jazz.ogg\n' +
          'Liquidsoap: no metadata sent yet (after a reconnect Liquidsoap sends it with the next track)\n' +
          'Remaining: unknown to Liquidsoap (an endless source)',
      ].join('\n'),
    );
  });

  it('listeners: per mount, off air shown, the total is the sum over every mount; with 0 mounts, 0', async () => {
    const all = await runner([RAP_DASH, OTHER]).run('listeners');
    expect(all.reply.summary).toBe('5 listeners on 2 mounts');
    expect(replyText(all.reply)).toContain(
      'rap | /rap.mp3 | 3 | 7\njazz | /jazz.ogg | off air | -\n(not a channel) | /test.aac | 2 | 2\nTotal: 5 listeners now, over 2 mounts.',
    );
    expect((await runner([]).run('listeners')).reply.summary).toBe('0 listeners on 0 mounts');
    expect((await runner([]).run('listeners jazz')).reply.summary).toBe('jazz: off air');
  });

  it('status without station.hls and station.liquidsoap: those lines say not configured, the rest answers', async () => {
    const outcome = await runner([RAP_DASH]).run('status');
    expect(outcome.status).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toContain('HLS: not configured (station.hls)');
    expect(shown).toContain('Encoder: not configured (station.liquidsoap)');
    expect(shown).toContain('Now playing: -');
    expect(shown).toContain('On air: off air: no source connected to /jazz.ogg');
    expect(shown).toContain('Icecast: Icecast 2.4.4: 1 mount, 3 listeners in all');
    expect(outcome.reply.summary).toBe('jazz is off air');
    expect(outcome.reply.parts.at(-1)).toEqual({ kind: 'text', text: 'jazz is off air', tone: 'error' });
  });

  it('status without station.icecast: on air is not checked, the rest still answers (no refusal)', async () => {
    const liquidsoap = { address: '127.0.0.1:1234', uptime: async () => ({ text: '0d 01h 00m 00s', seconds: 3600 }) };
    const outcome = await runner(undefined, liquidsoap as unknown as LiquidsoapOperations).run('status');
    expect(outcome.status).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toContain('On air: not checked: Icecast is not configured (station.icecast.url)');
    expect(shown).toContain('Icecast: not configured (station.icecast.url)');
    expect(shown).toContain('Encoder: Liquidsoap at 127.0.0.1:1234, up 0d 01h 00m 00s');
    expect(outcome.reply.summary).toBe('On air not checked: Icecast is not configured (station.icecast.url)');
  });
});
