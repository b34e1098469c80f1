import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alarmCardsFixture, alarmMessage, wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import { HttpReply, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { testSigningKey } from '../support/sns-signing.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase();
let slack: FakeSlack;
beforeAll(async () => {
  testSigningKey(); // generated once per worker, here rather than inside the first test
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
  await db.close();
});
beforeEach(() => wipeAlarmTables(db));

const ALARM_AT = '2025-03-14T21:15:37.412Z';
const OK_AT = '2025-03-14T22:05:41.093Z';

describe('living alarm cards', () => {
  it('posts ALARM once, then updates the same card to OK with "Resolved after" and a thread reply', async () => {
    const f = alarmCardsFixture(db, slack);
    expect((await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', ALARM_AT))).status).toBe(200);
    await f.cards.worker.drain();
    const [card] = f.cardCalls();
    expect(card).toMatchObject({
      method: 'chat.postMessage',
      channel: 'C0EXAMPLE01',
      text: 'ALARM: radio-db-cpu-high (us-east-1)',
    });
    const buttons = card?.blocks.find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((b) => b.action_id)).toEqual(['radio_run_0', 'radio_run_1', 'radio_run_2']);

    await f.deliver(alarmMessage('radio-db-cpu-high', 'ALARM', 'OK', OK_AT));
    await f.cards.worker.drain();
    const update = f.cardCalls()[1];
    expect(update).toMatchObject({ method: 'chat.update', ts: card?.ts, text: 'OK: radio-db-cpu-high (us-east-1)' });
    expect(update?.blocks.some((block) => block.type === 'actions')).toBe(false);
    // 21:15:37.412 → 22:05:41.093
    expect(JSON.stringify(update?.blocks)).toContain('Resolved after 50m 3s');
    expect(f.threadCalls()).toMatchObject([{ threadTs: card?.ts }]);
    expect(f.threadCalls()[0]?.text).toBe('radio-db-cpu-high: ALARM → OK');
    expect(f.cardCalls()).toHaveLength(2);
    const { rows } = await db.query<{ card_ts: string }>('SELECT card_ts FROM alarm_events ORDER BY state_change_time');
    expect(rows.map((row) => row.card_ts)).toEqual([card?.ts, card?.ts]);
  });

  it('fault 15: a re-fire after OK or INSUFFICIENT_DATA edits the one card and broadcasts its thread reply', async () => {
    const f = alarmCardsFixture(db, slack);
    const from = slack.requests.length;
    const threadPosts = () =>
      slack.requests.slice(from).filter((r) => r.path === '/api/chat.postMessage' && r.body.thread_ts);
    await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', ALARM_AT));
    await f.cards.worker.drain();
    await f.deliver(alarmMessage('radio-db-cpu-high', 'ALARM', 'OK', OK_AT));
    await f.cards.worker.drain();
    // Slack refuses the re-fire's thread reply once: the retry (card already edited) must still broadcast it.
    f.failures['chat.postMessage'] = [
      () => new HttpReply(429, { 'retry-after': '1' }, { ok: false, error: 'ratelimited' }),
    ];
    await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', '2025-03-14T23:00:00.000Z'));
    await f.cards.worker.drain();
    await f.deliver(alarmMessage('radio-db-cpu-high', 'ALARM', 'INSUFFICIENT_DATA', '2025-03-14T23:10:00.000Z'));
    await f.cards.worker.drain();
    await f.deliver(alarmMessage('radio-db-cpu-high', 'INSUFFICIENT_DATA', 'ALARM', '2025-03-14T23:20:00.000Z'));
    await f.cards.worker.drain();

    const card = f.cardCalls()[0];
    // One living card: posted once, then edited in place, its buttons back on it while it is in ALARM.
    expect(f.cardCalls().map((call) => call.method)).toEqual([
      'chat.postMessage',
      'chat.update',
      'chat.update',
      'chat.update',
      'chat.update',
    ]);
    expect(f.cardCalls().every((call) => call.ts === card?.ts)).toBe(true);
    const buttons = f.cardCalls()[4]?.blocks.find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((b) => b.action_id)).toEqual(['radio_run_0', 'radio_run_1', 'radio_run_2']);
    // Each new incident's thread reply is also sent to the channel (an edit notifies nobody); the rest stay in the thread.
    expect(threadPosts().map((r) => [r.body.text, r.body.thread_ts, r.body.reply_broadcast])).toEqual([
      ['radio-db-cpu-high: ALARM → OK', card?.ts, 'false'],
      ['radio-db-cpu-high: OK → ALARM', card?.ts, 'true'], // refused with 429
      ['radio-db-cpu-high: OK → ALARM', card?.ts, 'true'],
      ['radio-db-cpu-high: ALARM → INSUFFICIENT_DATA', card?.ts, 'false'],
      ['radio-db-cpu-high: INSUFFICIENT_DATA → ALARM', card?.ts, 'true'],
    ]);
  });

  it('leaves the card OK when the older ALARM arrives after the OK (SNS does not keep order)', async () => {
    const f = alarmCardsFixture(db, slack);
    await f.deliver(alarmMessage('radio-db-cpu-high', 'ALARM', 'OK', OK_AT));
    await f.cards.worker.drain();
    await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', ALARM_AT));
    await f.cards.worker.drain();
    expect(f.cardCalls().map((call) => call.text)).toEqual(['OK: radio-db-cpu-high (us-east-1)']);
    expect(JSON.stringify(f.threadCalls()[0]?.blocks)).toContain('Now OK since 2025-03-14 22:05:41 UTC');
    // Late news of an incident already over stays in the thread (fault 15 broadcasts only with an edit).
    expect(f.threadCalls()[0]?.reply_broadcast).toBe('false');
    const { rows } = await db.query<{ state: string }>('SELECT state FROM alarm_cards');
    expect(rows).toEqual([{ state: 'OK' }]);
  });

  it('processes the same MessageId once: the second delivery posts nothing', async () => {
    const f = alarmCardsFixture(db, slack);
    const message = alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', ALARM_AT);
    expect((await f.deliver(message, 'same-id')).body).toEqual({ result: 'recorded' });
    expect((await f.deliver(message, 'same-id')).body).toEqual({ result: 'duplicate' });
    await f.cards.worker.drain();
    expect(f.calls).toHaveLength(1);
  });

  it('waits out a 429 for its Retry-After before calling Slack again, and loses nothing', async () => {
    const f = alarmCardsFixture(db, slack);
    let refusedAt = 0;
    f.failures['chat.postMessage'] = [
      () => {
        refusedAt = f.clock.now();
        return new HttpReply(429, { 'retry-after': '3' }, { ok: false, error: 'ratelimited' });
      },
    ];
    await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', ALARM_AT));
    await f.cards.worker.drain();
    expect(f.cardCalls()).toHaveLength(1);
    expect(f.cardCalls()[0]?.at).toBeGreaterThanOrEqual(refusedAt + 3000);
  });

  it('coalesces flapping into one update per window, latest state winning', async () => {
    const f = alarmCardsFixture(db, slack);
    await f.deliver(alarmMessage('flappy', 'OK', 'ALARM', '2025-03-14T21:00:00.000Z'));
    await f.cards.worker.drain();
    for (const [i, state] of ['OK', 'ALARM', 'OK', 'ALARM'].entries()) {
      await f.deliver(alarmMessage('flappy', i % 2 ? 'OK' : 'ALARM', state, `2025-03-14T21:00:0${i + 1}.000Z`));
    }
    await f.cards.worker.drain();
    expect(f.cardCalls().map((call) => call.method)).toEqual(['chat.postMessage', 'chat.update']);
    expect(f.cardCalls()[1]?.text).toMatch(/^ALARM: flappy/);
    expect(f.cardCalls()[1]!.at - f.cardCalls()[0]!.at).toBeGreaterThanOrEqual(5000);
    expect(f.threadCalls()).toHaveLength(1);
    expect(JSON.stringify(f.threadCalls()[0]?.blocks).match(/→/g)).toHaveLength(4);
    expect(f.threadCalls()[0]?.reply_broadcast).toBe('true'); // it fired again (fault 15)
  });

  it('posts a new card when the old one was deleted (message_not_found)', async () => {
    const f = alarmCardsFixture(db, slack);
    await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', ALARM_AT));
    await f.cards.worker.drain();
    f.failures['chat.update'] = [() => ({ ok: false, error: 'message_not_found' })];
    await f.deliver(alarmMessage('radio-db-cpu-high', 'ALARM', 'OK', OK_AT));
    await f.cards.worker.drain();
    const [first, second] = f.cardCalls();
    expect(second).toMatchObject({ method: 'chat.postMessage', text: 'OK: radio-db-cpu-high (us-east-1)' });
    expect(second?.ts).not.toBe(first?.ts);
    const { rows } = await db.query<{ message_ts: string }>('SELECT message_ts FROM alarm_cards');
    expect(rows).toEqual([{ message_ts: second?.ts }]);
  });

  it('keeps a card whose channel the bot is not in queued, and posts it once invited', async () => {
    const f = alarmCardsFixture(db, slack);
    f.failures['chat.postMessage'] = [() => ({ ok: false, error: 'not_in_channel' })];
    await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', ALARM_AT));
    await f.cards.worker.drain();
    expect(f.cardCalls()).toHaveLength(1);
    const { rows } = await db.query('SELECT * FROM alarm_outbox');
    expect(rows).toEqual([]);
  });

  it("does not post a new alarm's first INSUFFICIENT_DATA → OK", async () => {
    const f = alarmCardsFixture(db, slack);
    expect((await f.deliver(alarmMessage('brand-new', 'INSUFFICIENT_DATA', 'OK', ALARM_AT))).body).toEqual({
      result: 'suppressed',
    });
    await f.cards.worker.drain();
    expect(f.calls).toEqual([]);
  });

  it('gives a 240-character alarm name valid action_ids and stored-id values', async () => {
    const f = alarmCardsFixture(db, slack);
    const name = `radio db/cpu #1 ${'n'.repeat(300)}`.slice(0, 240);
    await f.deliver(alarmMessage(name, 'OK', 'ALARM', ALARM_AT));
    await f.cards.worker.drain();
    const buttons = f.cardCalls()[0]?.blocks.find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons).toHaveLength(3);
    for (const button of buttons) {
      expect(String(button.action_id).length).toBeLessThanOrEqual(255);
      expect(button.value).toMatch(/^run_[0-9a-f]{20}$/);
    }
    const { rows } = await db.query<{ command_line: string }>('SELECT command_line FROM alarm_buttons WHERE id = $1', [
      buttons[0]?.value,
    ]);
    expect(rows).toEqual([{ command_line: 'db slow-queries' }]);
  });
});

describe('reconciling with DescribeAlarms', () => {
  it('moves a card whose alarm changed while SNS could not reach us, once', async () => {
    const snapshots = [
      {
        AlarmName: 'radio-db-cpu-high',
        StateValue: 'OK' as const,
        StateReason: 'Recovered',
        StateUpdatedTimestamp: new Date(OK_AT),
      },
    ];
    const f = alarmCardsFixture(db, slack, { alarmSource: { region: 'us-east-1', listAlarms: async () => snapshots } });
    await f.deliver(alarmMessage('radio-db-cpu-high', 'OK', 'ALARM', ALARM_AT));
    await f.cards.worker.drain();
    expect(await f.cards.reconcile()).toBe(1);
    expect(await f.cards.reconcile()).toBe(0);
    await f.cards.worker.drain();
    expect(f.cardCalls().map((call) => `${call.method} ${call.text}`)).toEqual([
      'chat.postMessage ALARM: radio-db-cpu-high (us-east-1)',
      'chat.update OK: radio-db-cpu-high (us-east-1)',
    ]);
    const { rows } = await db.query<{ source: string }>(`SELECT source FROM alarm_events ORDER BY state_change_time`);
    expect(rows.map((row) => row.source)).toEqual(['sns', 'reconcile']);
  });
});
