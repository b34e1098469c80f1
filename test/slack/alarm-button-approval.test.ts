// Issue 13, fault 17c: a destructive playbook button makes an approval request and points to its card from
// the alarm card's thread; pressing it again while that request is pending (by anyone, after a restart too)
// points to the same request instead of making another.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import { wipeWorld } from '../support/approvals-fixture.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { startHarness, writeAlarmsConfig, type Harness } from '../support/slack-server-harness.js';
import { signSns, snsFixture } from '../support/sns-signing.js';
import { openWorkerDatabase } from '../support/worker-db.js';
import { buttonBody } from './approval-buttons-body.js';

const world = wipeWorld();
const dir = mkdtempSync(join(tmpdir(), 'radio-ops-alarm-approval-'));
let radioConfig = '';
const db = openWorkerDatabase();
let h: Harness;
/** The ts the fake Slack gave the alarm card (the first top-level `ALARM:` post), whatever else posted first. */
let alarmCardTs = '';

/** The server on the test YAML with alarm cards whose RDS playbook has one destructive button. */
async function start(): Promise<Harness> {
  const harness = await startHarness([world.wipe], {
    radioConfig,
    server: { alarms: { rate: { perSecond: 1000, burst: 1000 }, fetchText: () => Promise.reject(new Error('none')) } },
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
    playbooks: [{ match: { namespace: 'AWS/RDS' }, buttons: [{ label: 'Wipe rap', command: 'wipe rap' }] }],
  });
  await wipeAlarmTables(db);
  h = await start();
});
afterAll(async () => {
  await h.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const isAlarmCard = (r: RecordedRequest) =>
  r.path === '/api/chat.postMessage' && !r.body.thread_ts && /^ALARM: /.test(String(r.body.text));

/**
 * Presses the button as `userId`; resolves the answer: on the press's `response_url` (only the presser sees
 * it), or a reply in the card's thread.
 */
async function press(value: string, userId: string, cardTs: string): Promise<RecordedRequest> {
  const responseUrl = h.slack.responseUrl();
  const before = h.slack.requests.length;
  expect((await h.post(buttonBody('radio_run_0', value, userId, responseUrl))).status).toBe(200);
  return h.slack.next(
    (r) =>
      h.slack.requests.indexOf(r) >= before &&
      (r.path === new URL(responseUrl).pathname || (r.path === '/api/chat.postMessage' && r.body.thread_ts === cardTs)),
  );
}

/** The requests made from the button `origin` (other files on this worker's database press `wipe` too). */
const requestsFor = async (origin: string) =>
  (
    await db.query<{ id: string; status: string }>(
      `SELECT id, status FROM approval_requests WHERE origin = $1 ORDER BY created_at`,
      [origin],
    )
  ).rows;

describe('a destructive alarm card button', () => {
  it('fault 17: points from the alarm thread to its approval card, and a second press points to the pending request', async () => {
    expect((await h.sns(signSns(snsFixture('notification-cloudwatch-alarm-rds-cpu')))).status).toBe(200);
    const card = await h.slack.next(isAlarmCard);
    const cardTs = alarmCardTs;
    expect(cardTs).not.toBe('');
    const blocks = JSON.parse(String(card.body.blocks)) as { type: string; elements?: { value: string }[] }[];
    const value = String(blocks.find((block) => block.type === 'actions')?.elements?.[0]?.value);

    const pointer = await press(value, 'U0ALICE', cardTs);
    expect(pointer.body.thread_ts).toBe(cardTs);
    const [request] = await requestsFor(value);
    expect(request?.status).toBe('pending');
    expect(String(pointer.body.blocks)).toContain('<@U0ALICE> pressed “Wipe rap”');
    expect(String(pointer.body.blocks)).toContain(String(request?.id));
    // The link is the approval card's permalink (chat.getPermalink of the message the approvals posted).
    const { rows } = await db.query<{ message_channel: string; message_ts: string }>(
      'SELECT message_channel, message_ts FROM approval_requests WHERE id = $1',
      [request?.id],
    );
    expect(rows[0]?.message_channel).toBe('C0EXAMPLE01');
    expect(String(pointer.body.blocks)).toContain(
      `https://exampleradio.slack.com/archives/C0EXAMPLE01/p${String(rows[0]?.message_ts).replace('.', '')}`,
    );

    // Someone else presses the same button while the request is pending: pointed to it, nothing new made.
    const answer = await press(value, 'U0BOB', cardTs);
    expect(answer.path).toMatch(/^\/response\//);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.body.text)).toContain(`already waiting for approval: request ${String(request?.id)}`);
    expect(await requestsFor(value)).toEqual([request]);

    // A restart between the presses changes nothing: the origin is in Postgres.
    await h.close();
    h = await start();
    const again = await press(value, 'U0ALICE', cardTs);
    expect(String(again.body.text)).toContain(`already waiting for approval: request ${String(request?.id)}`);
    expect(await requestsFor(value)).toEqual([request]);
    expect(world.state.executions).toEqual([]);
  });
});
