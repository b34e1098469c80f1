// The Slack server with alarm cards whose RDS playbook has one button, on this worker's Postgres and a fake
// Slack that answers posts, updates, permalinks and user groups: for tests that press an alarm card's button.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parse, stringify } from 'yaml';
import { wipeAlarmTables } from './alarm-cards-fixture.js';
import { wipeWorld } from './approvals-fixture.js';
import type { RecordedRequest } from './fake-slack.js';
import { startHarness, writeAlarmsConfig, type Harness } from './slack-server-harness.js';
import { openWorkerDatabase } from './worker-db.js';

/** A top-level `ALARM:` post: an alarm card. */
export const isAlarmCard = (r: RecordedRequest) =>
  r.path === '/api/chat.postMessage' && !r.body.thread_ts && /^ALARM: /.test(String(r.body.text));

/**
 * Starts the server before the file's tests (after emptying the alarm tables of `db`, this worker's database)
 * and stops it and `db` after; call at the top level. `button` is the RDS playbook's one button; `radio` is added
 * to the YAML's top level (e.g. `runbooks`). `world` is the fake `wipe` command's. The harness `h` is the current
 * one (`restart()` replaces it); `alarmCard()` waits for the first alarm card and answers the value of
 * its first button and the ts the fake Slack gave the card (recorded from its answer, so other posts sent
 * first do not shift it).
 */
export function alarmButtonHarness(button: { label: string; command: string }, radio: Record<string, unknown> = {}) {
  const world = wipeWorld();
  const db = openWorkerDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'radio-ops-alarm-button-'));
  let radioConfig = '';
  let h: Harness | undefined;
  let alarmCardTs = '';

  async function start(): Promise<Harness> {
    const harness = await startHarness([world.wipe], {
      radioConfig,
      server: {
        alarms: { rate: { perSecond: 1000, burst: 1000 }, fetchText: () => Promise.reject(new Error('none')) },
      },
    });
    let ts = 0;
    harness.slack.onApi('chat.postMessage', (body) => {
      const posted = `1742100000.${String(++ts).padStart(6, '0')}`;
      if (!body.thread_ts && /^ALARM: /.test(String(body.text)) && !alarmCardTs) alarmCardTs = posted;
      return { ok: true, channel: body.channel, ts: posted };
    });
    harness.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
    harness.slack.onApi('chat.getPermalink', (body) => ({
      ok: true,
      channel: body.channel,
      permalink: `https://exampleradio.slack.com/archives/${String(body.channel)}/p${String(body.message_ts).replace('.', '')}`,
    }));
    harness.slack.onApi('usergroups.users.list', () => ({ ok: true, users: [] }));
    return harness;
  }

  beforeAll(async () => {
    radioConfig = writeAlarmsConfig(dir, {
      channel: 'C0EXAMPLE01',
      coalesce: '0s',
      playbooks: [{ match: { namespace: 'AWS/RDS' }, buttons: [button] }],
    });
    const yaml = parse(readFileSync(radioConfig, 'utf8')) as Record<string, unknown>;
    writeFileSync(radioConfig, stringify({ ...yaml, ...radio }));
    await wipeAlarmTables(db);
    h = await start();
  });
  afterAll(async () => {
    await h?.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const current = (): Harness => {
    if (!h) throw new Error('the alarm button harness starts in beforeAll');
    return h;
  };
  return {
    world,
    db,
    get h(): Harness {
      return current();
    },
    /** Stops the server and starts another on the same config and database, as after a restart. */
    async restart() {
      await h?.close();
      h = await start();
    },
    async alarmCard(): Promise<{ value: string; cardTs: string }> {
      const card = await current().slack.next(isAlarmCard);
      const blocks = JSON.parse(String(card.body.blocks)) as { type: string; elements?: { value: string }[] }[];
      const value = String(blocks.find((block) => block.type === 'actions')?.elements?.[0]?.value);
      return { value, cardTs: alarmCardTs };
    },
  };
}
