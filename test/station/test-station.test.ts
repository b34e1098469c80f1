// The shared test station (test/support/test-station.ts) comes up with both channels on air and rap's HLS fresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStation, type TestStation } from '../support/test-station.js';

let station: TestStation;
beforeAll(async () => {
  station = await startTestStation();
}, 120_000);
afterAll(async () => station?.stop(), 30_000);

describe('the test station', () => {
  it('has rap (MP3) and jazz (Ogg) on air, rap HLS fresh, from the YAML channels', async () => {
    const stats = await station.integrations.icecast.stats();
    expect(stats.endpoint).toBe('/admin/stats');
    expect(stats.mounts.map((m) => [m.mount, m.contentType])).toEqual([
      ['/jazz.ogg', 'application/ogg'],
      ['/rap.mp3', 'audio/mpeg'],
    ]);
    const list = await station.integrations.channels.list();
    expect(list.channels.map((c) => c.slug)).toEqual(['rap', 'jazz']);
    const rap = list.channels[0];
    if (!rap) throw new Error('no rap');
    const hls = await station.integrations.hls.check(rap);
    expect(hls.verdict).toBe('fresh');
    expect(await station.integrations.liquidsoap.version()).toMatch(/^Liquidsoap 2\.1\.3/);
  }, 60_000);
});
