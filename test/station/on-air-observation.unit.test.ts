// One check of the on-air watcher over fakes of our own interfaces: a channel with `hls: false` writes no HLS,
// so its HLS is not asked for (no S3 or edge read) and is neither stale nor fresh.
import { describe, expect, it } from 'vitest';
import type { ChannelHls } from '../../src/integrations/hls/hls-operations.js';
import { observeStation } from '../../src/station/on-air-observation.js';

const rap = { slug: 'rap', mount: '/rap.mp3', output: 'rap', hlsPath: 'hls/rap/', inStationChannels: true };
const jazz = {
  slug: 'jazz',
  mount: '/jazz.ogg',
  output: 'jazz',
  hlsPath: 'hls/jazz/',
  hls: false as const,
  inStationChannels: true,
};

describe('observeStation', () => {
  it('does not check the HLS of a channel with `hls: false`; its HLS is unknown, not an alarm', async () => {
    const checked: string[] = [];
    const seen = await observeStation(
      {
        icecast: {
          baseUrl: 'http://127.0.0.1:8000',
          stats: async () => ({
            serverId: 'Icecast 2.4.4',
            api: '2.4',
            endpoint: '/admin/stats',
            mounts: ['/rap.mp3', '/jazz.ogg'].map((mount) => ({ mount, listeners: 0, listenerPeak: 0 })),
          }),
        },
        hls: {
          check: async (channel): Promise<ChannelHls> => {
            checked.push(channel.slug);
            return {
              slug: channel.slug,
              checkedAt: new Date(0),
              verdict: 'critical',
              stale: 'origin',
              origin: { unknown: 'not read in this test' },
              edge: { unknown: 'not read in this test' },
            };
          },
        },
      },
      [rap, jazz],
    );
    expect(checked).toEqual(['rap']);
    expect(seen.channels.map(({ channel, hls }) => [channel.slug, hls.ok])).toEqual([
      ['rap', false],
      ['jazz', undefined],
    ]);
  });
});
