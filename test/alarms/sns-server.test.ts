// The "done when", end to end over HTTP: the shared RDS CPU alarm, signed with a pinned test
// certificate, posted to a running server, becomes a card with three buttons; a forged copy is refused;
// the same delivery again posts nothing; Slow queries answers in the card's thread; OK updates the card.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { startServer, type RunningServer } from '../../src/main.js';
import { slackSignatureHeaders } from '../../src/slack/sign-request.js';
import { wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import { startFakeSlack, type FakeSlack, type RecordedRequest } from '../support/fake-slack.js';
import { signSns, snsFixture, testSigningKey, TEST_CERT_URL, TOPIC_ARN } from '../support/sns-signing.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const SECRET = 'test-signing-secret-0123456789';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const db = openWorkerDatabase();
const fetched: string[] = [];
let slack: FakeSlack;
let server: RunningServer;
let dir: string;
let base: string;

beforeAll(async () => {
  await wipeAlarmTables(db);
  slack = await startFakeSlack();
  let ts = 0;
  slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `1742000000.${String(++ts).padStart(6, '0')}`,
  }));
  slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  dir = mkdtempSync(join(tmpdir(), 'radio-ops-sns-'));
  const radio = parse(readFileSync(fixture('radio.test.yml'), 'utf8')) as Record<string, unknown>;
  radio.sns = { topics: [TOPIC_ARN], pinnedCertificates: { [TEST_CERT_URL]: testSigningKey().certPem } };
  radio.alarms = { channel: 'C0EXAMPLE01', coalesce: '0s' };
  writeFileSync(join(dir, 'radio.yml'), stringify(radio));
  const config = loadConfig('server', {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: process.env.RADIO_OPS_TEST_DATABASE_URL,
    RADIO_CONFIG: join(dir, 'radio.yml'),
    PORT: '0',
  });
  server = await startServer(config, {
    log: pino({ level: 'silent' }),
    alarms: {
      fetchText: async (url) => {
        fetched.push(url);
        return '<ConfirmSubscriptionResponse/>';
      },
      rate: { perSecond: 1000, burst: 1000 },
      alarmSource: { region: 'us-east-1', listAlarms: async () => [] },
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.stop();
  await slack.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** POSTs a body to /sns as SNS does: JSON sent as text/plain. */
async function postSns(body: Record<string, string> | string) {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  const type = typeof body === 'string' ? 'Notification' : String(body.Type);
  const response = await fetch(`${base}/sns`, {
    method: 'POST',
    body: text,
    headers: {
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': type,
      'user-agent': 'Amazon Simple Notification Service Agent',
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A signed click on `actionId` with `value`, by `userId`, on the card `ts`, as Slack posts it. */
function click(actionId: string, value: string, userId: string, ts: string) {
  const payload = JSON.parse(
    new URLSearchParams(readFileSync(fixture('slack/block-actions-approve.form.txt'), 'utf8')).get('payload') ?? '{}',
  );
  payload.user = { ...payload.user, id: userId, username: 'alice', name: 'alice' };
  payload.actions = [{ ...payload.actions[0], action_id: actionId, value }];
  payload.container = { ...payload.container, message_ts: ts };
  payload.message = { ...payload.message, ts };
  payload.response_url = slack.responseUrl();
  const body = new URLSearchParams({ payload: JSON.stringify(payload).replace(/\//g, '\\/') }).toString();
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(body, SECRET) },
  });
}

const isCard = (r: RecordedRequest) =>
  r.path === '/api/chat.postMessage' && r.body.channel === 'C0EXAMPLE01' && !r.body.thread_ts;
type Blocks = { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[];

describe('CloudWatch alarms through SNS, over HTTP', () => {
  it('turns the signed RDS alarm into one living card whose buttons run commands', async () => {
    const alarm = signSns(snsFixture('notification-cloudwatch-alarm-rds-cpu'), { version: '1' });
    expect(await postSns(alarm)).toEqual({ status: 200, body: { result: 'recorded' } });
    const card = await slack.next(isCard);
    const buttons =
      (JSON.parse(String(card.body.blocks)) as Blocks).find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      ['radio_run_0', 'Slow queries'],
      ['radio_run_1', 'Connections'],
      ['radio_run_2', 'Kill idle > 10m'],
    ]);
    const cardTs = `1742000000.${'1'.padStart(6, '0')}`;

    const forged = { ...alarm, Message: String(alarm.Message).replace('"ALARM"', '"OK"') };
    expect((await postSns(forged)).status).toBe(403);
    expect(await postSns(alarm)).toEqual({ status: 200, body: { result: 'duplicate' } });

    expect((await click('radio_run_0', String(buttons[0]?.value), 'U0ALICE', cardTs)).status).toBe(200);
    const answer = await slack.next((r) => r.path === '/api/chat.postMessage' && r.body.thread_ts === cardTs);
    expect(String(answer.body.blocks)).toContain('<@U0ALICE> pressed “Slow queries”');
    const { rows } = await db.query<{ command: string; outcome: string; user_id: string }>(
      `SELECT command, outcome, user_id FROM audit_events WHERE source = 'alarm' AND command = 'db slow-queries' ORDER BY id`,
    );
    expect(rows).toEqual([
      { command: 'db slow-queries', outcome: 'started', user_id: 'U0ALICE' },
      { command: 'db slow-queries', outcome: 'succeeded', user_id: 'U0ALICE' },
    ]);

    const threadAnswers = slack.requests.filter((r) => r.body.thread_ts === cardTs).length;
    const refused = await click('radio_run_1', String(buttons[1]?.value), 'U0NOBODY', cardTs);
    expect(refused.status).toBe(200);
    const refusal = await slack.next((r) => r.path.startsWith('/response/') && String(r.body.text).includes('role'));
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(slack.requests.filter((r) => r.body.thread_ts === cardTs)).toHaveLength(threadAnswers);

    const ok = signSns(snsFixture('notification-alarm-ok'), { version: '2' });
    expect((await postSns(ok)).status).toBe(200);
    const update = await slack.next((r) => r.path === '/api/chat.update');
    expect(update.body).toMatchObject({
      channel: 'C0EXAMPLE01',
      ts: cardTs,
      text: 'OK: radio-db-cpu-high (us-east-1)',
    });
    expect(String(update.body.blocks)).not.toContain('"actions"');
    expect(slack.requests.filter(isCard)).toHaveLength(1);
    expect(fetched).toEqual([]);
  });

  it("refuses a message whose certificate URL is not SNS's, fetching nothing", async () => {
    const evil = signSns(snsFixture('notification-cloudwatch-alarm-rds-cpu'), {
      certUrl: 'https://sns.us-east-1.amazonaws.com.evil.example/c.pem',
    });
    expect((await postSns(evil)).status).toBe(403);
    expect(fetched).toEqual([]);
  });

  it('confirms a subscription to an allowed topic by fetching its SubscribeURL', async () => {
    const confirmation = signSns(snsFixture('subscription-confirmation'));
    expect(await postSns(confirmation)).toEqual({ status: 200, body: { result: 'confirmed' } });
    expect(fetched).toEqual([confirmation.SubscribeURL]);
  });
});
