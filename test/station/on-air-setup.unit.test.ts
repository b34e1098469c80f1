// Issue 14: the example YAML's station section, and when the server starts the on-air watcher.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { startOnAirWatcher } from '../../src/station/start-on-air-watcher.js';
import { silentLog } from '../support/fakes.js';
import { fakeStation } from '../support/on-air-fakes.js';

const example = fileURLToPath(new URL('../../radio-ops.example.yml', import.meta.url));
const noDatabase: SqlClient = { query: () => Promise.reject(new Error('no query expected')) };
const cards = {
  ingest: () => Promise.reject(new Error('no ingest expected')),
  cardState: () => Promise.resolve(undefined),
};

describe('the station in the example YAML', () => {
  it('points at Icecast, Liquidsoap and the HLS edge, with the on-air watcher every 30 s', () => {
    const { station } = loadConfig('shell', { RADIO_CONFIG: example }).radio;
    expect(station.channels.map((channel) => [channel.slug, channel.mount, channel.queue])).toEqual([
      ['rap', '/rap.mp3', 'rap_queue'],
      ['jazz', '/jazz.ogg', undefined],
    ]);
    expect(station.icecast).toEqual({ url: 'http://10.0.1.20:8000', adminUser: 'admin' });
    expect(station.liquidsoap).toEqual({ host: '10.0.1.20', port: 1234, createChannel: 'create_channel {slug}' });
    expect(station.hls?.playlist).toBe('live.m3u8');
    expect(station.pushAllowList).toEqual(['/srv/audio/', 's3://radio-audio-bucket/audio/']);
    expect(station.onAir.every).toBe(30_000);
  });
});

describe('startOnAirWatcher', () => {
  const { icecast, hls, channels } = fakeStation();
  const setup = (yaml: Record<string, unknown>) => ({
    db: noDatabase,
    cards,
    radio: RadioConfig.parse(yaml),
    integrations: { icecast: icecast as never, hls: hls as never, channels },
    log: silentLog,
    manual: true,
  });

  it('starts only with alarms.channel and station.icecast', () => {
    const icecastOnly = { station: { icecast: { url: 'http://127.0.0.1:8000' } } };
    expect(startOnAirWatcher(setup(icecastOnly))).toBeUndefined();
    expect(startOnAirWatcher(setup({ alarms: { channel: 'C0EXAMPLE01' } }))).toBeUndefined();
    expect(startOnAirWatcher(setup({ ...icecastOnly, alarms: { channel: 'C0EXAMPLE01' } }))).toBeDefined();
  });
});
