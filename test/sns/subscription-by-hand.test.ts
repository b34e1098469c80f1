// Issue 13, fault 18: a SubscriptionConfirmation radio-ops can't confirm itself (no outbound HTTPS: the
// GET to its SubscribeURL is refused or never answered) is logged with what confirming it by hand takes and
// announced in the alarms channel; an UnsubscribeConfirmation is announced too. Real signed SNS requests
// to the running server; the SubscribeURL's GET goes to a real local socket that refuses or hangs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTextBounded } from '../../src/sns/bounded-fetch.js';
import { wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { closedPort, startHungServer, type HungServer } from '../support/hung-server.js';
import { startHarness, writeAlarmsConfig, type Harness } from '../support/slack-server-harness.js';
import { signSns, snsFixture, TOPIC_ARN } from '../support/sns-signing.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const dir = mkdtempSync(join(tmpdir(), 'radio-ops-sns-by-hand-'));
const db = openWorkerDatabase();
const logged: Record<string, unknown>[] = [];
let h: Harness;
let hung: HungServer;
/** Where the SubscribeURL's GET really goes: a port nothing listens on, or the hung server. */
let socket = '';

beforeAll(async () => {
  await wipeAlarmTables(db);
  hung = await startHungServer();
  h = await startHarness([], {
    radioConfig: writeAlarmsConfig(dir, { channel: 'C0EXAMPLE01' }),
    log: pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) }),
    server: {
      alarms: {
        // The real bounded fetch, sent to the local socket instead of sns.<region>.amazonaws.com (the
        // URL check before it still sees SNS's URL); a short timeout so a hang ends in test time.
        fetchText: (url, limits) => {
          const { pathname, search } = new URL(url);
          return fetchTextBounded(`${socket}${pathname}${search}`, { ...limits, timeoutMs: 300 });
        },
      },
    },
  });
  h.slack.onApi('chat.postMessage', (body) => ({ ok: true, channel: body.channel, ts: '1742200000.000001' }));
});
afterAll(async () => {
  await h.close();
  await hung.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const announcements = () =>
  h.slack.requests.filter(
    (r: RecordedRequest) => r.path === '/api/chat.postMessage' && r.body.channel === 'C0EXAMPLE01',
  );
const byHand = (messageId: string) =>
  logged.filter(
    (line) => line.msg === 'SNS subscription not confirmed: confirm it by hand' && line.messageId === messageId,
  );

describe('SNS subscription messages radio-ops cannot act on by itself', () => {
  it('fault 18: a confirmation whose SubscribeURL is refused is logged and announced with the command to confirm it', async () => {
    socket = `http://127.0.0.1:${await closedPort()}`;
    const confirmation = signSns(snsFixture('subscription-confirmation'));
    const answer = await h.sns(confirmation);
    expect(answer.status).toBe(502);
    const command = `aws sns confirm-subscription --region us-east-1 --topic-arn ${TOPIC_ARN} --token ${confirmation.Token}`;
    expect(byHand(String(confirmation.MessageId))).toMatchObject([
      {
        level: 50,
        TopicArn: TOPIC_ARN,
        SubscribeURL: confirmation.SubscribeURL,
        Token: confirmation.Token,
        command,
        // The real socket's host: the fetch says where it really went.
        problem: expect.stringMatching(/^GET 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)$/),
      },
    ]);
    const [notice] = announcements();
    expect(notice?.body.thread_ts).toBeUndefined();
    expect(String(notice?.body.text)).toBe(
      `Alarm delivery from ${TOPIC_ARN} is not confirmed: no alarm from it reaches Slack until someone confirms it`,
    );
    expect(String(notice?.body.blocks)).toContain(command);
    const { rows } = await db.query('SELECT confirmed_at FROM sns_subscription_events WHERE message_id = $1', [
      confirmation.MessageId,
    ]);
    expect(rows).toEqual([{ confirmed_at: null }]);

    // SNS delivers it again: tried and logged again, announced once.
    expect((await h.sns(confirmation)).status).toBe(502);
    expect(byHand(String(confirmation.MessageId))).toHaveLength(2);
    expect(announcements()).toHaveLength(1);
  });

  it('fault 18: a confirmation whose SubscribeURL never answers is given up on at its deadline, logged and announced', async () => {
    socket = hung.url;
    const before = announcements().length;
    const confirmation = signSns(snsFixture('subscription-confirmation'));
    expect((await h.sns(confirmation)).status).toBe(502);
    expect(hung.accepted).toBeGreaterThan(0);
    expect(byHand(String(confirmation.MessageId))).toMatchObject([
      { problem: `GET ${new URL(hung.url).host}: no answer within 0.3 s` },
    ]);
    expect(announcements()).toHaveLength(before + 1);
  });

  it('fault 18: an UnsubscribeConfirmation announces that alarm delivery from the topic has ended', async () => {
    const before = announcements().length;
    const goodbye = signSns(snsFixture('unsubscribe-confirmation'));
    expect(await h.sns(goodbye)).toEqual({ status: 200, body: { result: 'recorded' } });
    const notice = announcements()[before];
    expect(String(notice?.body.text)).toBe(`Alarm delivery from ${TOPIC_ARN} has ended`);
    expect(String(notice?.body.blocks)).toContain(
      `aws sns confirm-subscription --region us-east-1 --topic-arn ${TOPIC_ARN} --token ${goodbye.Token}`,
    );
    expect(
      logged.filter((line) => line.msg === 'SNS subscription deleted: alarm delivery from this topic has ended'),
    ).toMatchObject([{ level: 40, TopicArn: TOPIC_ARN, messageId: goodbye.MessageId }]);
    expect((await h.sns(goodbye)).status).toBe(200);
    expect(announcements()).toHaveLength(before + 1);
  });

  it('fault 18: an UnsubscribeConfirmation whose notice Slack refuses is answered 5xx, and announced when SNS delivers it again', async () => {
    const ended = () => announcements().filter((r) => String(r.body.text).endsWith('has ended')).length;
    const before = ended();
    h.slack.onApi('chat.postMessage', () => ({ ok: false, error: 'not_in_channel' }));
    const goodbye = signSns(snsFixture('unsubscribe-confirmation'));
    expect((await h.sns(goodbye)).status).toBe(500);
    expect(ended()).toBe(before + 1);
    h.slack.onApi('chat.postMessage', (body) => ({ ok: true, channel: body.channel, ts: '1742200000.000002' }));
    expect((await h.sns(goodbye)).status).toBe(200);
    expect(ended()).toBe(before + 2);
    const { rows } = await db.query<{ announced: boolean }>(
      'SELECT announced_at IS NOT NULL AS announced FROM sns_subscription_events WHERE message_id = $1',
      [goodbye.MessageId],
    );
    expect(rows).toEqual([{ announced: true }]);
    expect((await h.sns(goodbye)).status).toBe(200);
    expect(ended()).toBe(before + 2);
  });
});
