// Issue 14: the server starts the on-air watcher when alarms.channel and station.icecast are set, its card goes
// out through the server's own alarm-card worker, and stopping the server stops it and gives its lease up. Icecast
// here is a closed port: unanswered twice in a row, it raises the `icecast-reachable` card (not "off air").
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { startHarness, writeAlarmsConfig } from '../support/slack-server-harness.js';
import { steppedClock } from '../support/stepped-clock.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const dir = mkdtempSync(join(tmpdir(), 'radio-ops-on-air-server-'));
const db = openWorkerDatabase();
beforeAll(() => wipeAlarmTables(db));
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const isCard = (r: RecordedRequest) => r.path === '/api/chat.postMessage' && !r.body.thread_ts;

describe('the on-air watcher in the server', () => {
  it('checks on its clock, posts through the alarm cards, and stops with the server', async () => {
    const path = writeAlarmsConfig(dir, { channel: 'C0EXAMPLE01', coalesce: '0s' });
    const yaml = parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
    const icecastUrl = `http://127.0.0.1:${await closedPort()}`;
    yaml.station = { ...yaml.station, icecast: { url: icecastUrl }, onAir: { every: '30s' } };
    writeFileSync(path, stringify(yaml));
    const clock = steppedClock();
    const h = await startHarness([], { radioConfig: path, server: { onAir: { clock } } });
    let ts = 0;
    h.slack.onApi('chat.postMessage', (body) => ({ ok: true, channel: body.channel, ts: `1742.${++ts}` }));
    try {
      await expect.poll(() => clock.sleeping()).toBe(1); // the first check is done (Icecast unanswered once)
      expect(h.slack.requests.filter(isCard)).toEqual([]);
      clock.advance(30_000);
      const card = await h.slack.next(isCard);
      expect(card.body.text).toBe('ALARM: icecast-reachable');
      expect(String(card.body.blocks)).toContain(`Icecast at ${icecastUrl} did not answer`);
      const lease = await db.query('SELECT owner FROM alarm_worker_lease WHERE name = $1', ['on-air-watcher']);
      expect(lease.rows).toHaveLength(1);
    } finally {
      await h.close();
    }
    const after = await db.query('SELECT owner FROM alarm_worker_lease WHERE name = $1', ['on-air-watcher']);
    expect(after.rows).toEqual([]);
  });
});
