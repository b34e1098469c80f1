// `status` and `hls <channel>` word one channel's HLS judgement with the same line (`<verdict> — <what it means>`),
// formatted in one place: a reviewer saw the two describe the same unknown HLS differently.
import { describe, expect, it } from 'vitest';
import { hlsCommand, type HlsResult } from '../../src/commands/hls.js';
import { statusCommand } from '../../src/commands/status.js';
import type { ChannelHls, OriginCheck } from '../../src/integrations/hls/hls-operations.js';
import type { StationStatus } from '../../src/station/station-status.js';
import { statusVerdict } from '../../src/station/status-verdict.js';
import { replyText } from '../support/command-runner.js';

const checkedAt = new Date('2026-12-02T12:00:00Z');
const notFound = { unknown: 'the edge answered 404 Not Found' };
const origin: OriginCheck = {
  object: 's3://radio-audio-bucket/hls/jazz/live.m3u8',
  lastModified: checkedAt,
  mediaSequence: 35,
  targetDuration: 2,
  notAdvancedForMs: 0,
  endList: false,
  verdict: 'fresh',
};

/** What `hls jazz` shows for `checked`. */
const hlsShown = (checked: ChannelHls) => {
  const result: HlsResult = { ...checked, object: 's3://radio-audio-bucket/hls/jazz/live.m3u8', url: 'https://edge/x' };
  return replyText(hlsCommand.present(result, { channel: 'jazz' }));
};

/** What `status` shows for a station whose one channel, jazz, has `checked`. */
const statusShown = (checked: ChannelHls) => {
  const probed: Omit<StationStatus, 'verdict'> = {
    checkedAt,
    list: { channels: [], source: 'station.channels', checkedAt, notInRadioChannels: [], problems: [] },
    icecast: { value: { serverId: 'Icecast 2.4.4', api: '2.4', endpoint: '/admin/stats', mounts: [] } },
    encoder: { notConfigured: 'not configured (station.liquidsoap)' },
    channels: [
      {
        channel: { slug: 'jazz', mount: '/jazz.ogg', output: 'jazz', hlsPath: 'hls/jazz/', inStationChannels: true },
        source: { onAir: false },
        hls: { value: checked },
      },
    ],
  };
  return replyText(statusCommand.present({ ...probed, verdict: statusVerdict(probed) }, {}));
};

describe('one HLS verdict line for status and hls', () => {
  it.each<[string, ChannelHls, string]>([
    [
      'neither layer read',
      { slug: 'jazz', checkedAt, verdict: 'unknown', origin: { unknown: 'NoSuchKey' }, edge: notFound },
      'unknown — neither layer could be read (no playlist?)',
    ],
    [
      'the origin read, the edge not',
      { slug: 'jazz', checkedAt, verdict: 'unknown', origin, edge: notFound },
      'unknown — no layer is known to be late or stale, but not every layer could be checked',
    ],
    [
      'the edge late',
      {
        slug: 'jazz',
        checkedAt,
        verdict: 'warn',
        stale: 'edge',
        origin,
        edge: {
          url: 'https://edge/x',
          mediaSequence: 35,
          targetDuration: 2,
          gets: [],
          advanced: false,
          notAdvancedForMs: 3000,
          verdict: 'warn',
        },
      },
      "warn — the origin advances but the edge's copy does not: CloudFront is caching the manifest too long (manifests should have a 4 s TTL)",
    ],
  ])('%s', (_, checked, line) => {
    expect(hlsShown(checked).split('\n')).toContain(line);
    expect(statusShown(checked).split('\n')).toContain(`HLS: ${line}`);
  });
});
