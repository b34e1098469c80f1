// The alarm-card feature on this worker's Postgres and a fake Slack reached through a real WebClient,
// on a manual clock: tests drain the outbox in virtual time and read every Slack call with its time.
import { WebClient } from '@slack/web-api';
import { checkPlaybooks, type CheckedPlaybook } from '../../src/alarms/check-playbooks.js';
import { startAlarmCards, type AlarmCardsOptions } from '../../src/alarms/start-alarm-cards.js';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { SqlDatabase } from '../../src/db/sql-client.js';
import type { FakeSlack, HttpReply } from './fake-slack.js';
import { silentLog } from './fakes.js';
import { manualClock } from './manual-clock.js';
import { signedAlarm, snsFixture, testSigningKey, TEST_CERT_URL, TOPIC_ARN } from './sns-signing.js';

export const ALARM_CHANNEL = 'C0EXAMPLE01';

/** One Slack Web API call as the fake received it, at the manual clock's time. */
export interface SlackCall {
  method: 'chat.postMessage' | 'chat.update';
  at: number;
  channel: string;
  ts: string;
  threadTs?: string;
  /** As received: `'true'` on a thread reply also sent to the channel. */
  reply_broadcast?: string;
  text: string;
  blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[];
}

export async function wipeAlarmTables(db: SqlDatabase): Promise<void> {
  await db.query(
    'TRUNCATE alarm_outbox, alarm_cards, alarm_events, alarm_buttons, alarm_worker_lease, sns_subscription_events',
  );
}

/** An alarm `Message` like the RDS fixture's, for `name` moving `from` → `to` at `at` (ISO). */
export function alarmMessage(name: string, from: string, to: string, at: string): string {
  const message = JSON.parse(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '{}') as Record<
    string,
    unknown
  >;
  return JSON.stringify({
    ...message,
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`,
    OldStateValue: from,
    NewStateValue: to,
    StateChangeTime: at.replace('Z', '+0000'),
  });
}

export function alarmCardsFixture(
  db: SqlDatabase,
  slack: FakeSlack,
  options: AlarmCardsOptions & { alarms?: Record<string, unknown>; playbooks?: readonly CheckedPlaybook[] } = {},
) {
  testSigningKey();
  const clock = manualClock(Date.now() + 1000);
  const calls: SlackCall[] = [];
  let next = 0;
  const failures: Partial<Record<SlackCall['method'], (() => HttpReply | Record<string, unknown>)[]>> = {};
  const record = (method: SlackCall['method']) => (body: Record<string, unknown>) => {
    const failure = failures[method]?.shift();
    if (failure) return failure();
    const ts = method === 'chat.update' ? String(body.ts) : `1742000000.${String(++next).padStart(6, '0')}`;
    calls.push({
      method,
      at: clock.now(),
      channel: String(body.channel),
      ts,
      text: String(body.text),
      threadTs: body.thread_ts ? String(body.thread_ts) : undefined,
      reply_broadcast: body.reply_broadcast === undefined ? undefined : String(body.reply_broadcast),
      blocks: JSON.parse(String(body.blocks ?? '[]')) as SlackCall['blocks'],
    });
    return { ok: true, channel: body.channel, ts };
  };
  slack.onApi('chat.postMessage', record('chat.postMessage'));
  slack.onApi('chat.update', record('chat.update'));
  const radio = RadioConfig.parse({
    slack: { teamId: 'T0EXAMPLE', channels: [ALARM_CHANNEL] },
    sns: { topics: [TOPIC_ARN], pinnedCertificates: { [TEST_CERT_URL]: testSigningKey().certPem } },
    alarms: { channel: ALARM_CHANNEL, coalesce: '5s', ...options.alarms },
  });
  const client = new WebClient('xoxb-test', {
    slackApiUrl: slack.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  const { alarms: _alarms, ...cardOptions } = options;
  const cards = startAlarmCards({
    db,
    client,
    radio,
    playbooks: checkPlaybooks(radio.alarms.playbooks, buildRegistry(), radio),
    log: silentLog,
    clock,
    manualWorker: true,
    fetchText: () => Promise.reject(new Error('no fetch expected')),
    ...cardOptions,
  });
  return {
    clock,
    calls,
    cards,
    failures,
    /** Posts a signed notification carrying `message` to the SNS handler at the clock's time. */
    deliver: (message: string, messageId?: string) =>
      cards.receiveSns(signedAlarm(message, { timestamp: new Date(clock.now()).toISOString(), messageId })),
    /** Calls that drew the card (posts outside threads and updates), oldest first. */
    cardCalls: () => calls.filter((call) => !call.threadTs),
    threadCalls: () => calls.filter((call) => call.threadTs),
  };
}
