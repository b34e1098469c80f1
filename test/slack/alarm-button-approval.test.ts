// Issue 13, fault 17c: a destructive playbook button makes an approval request and points to its card from
// the alarm card's thread; pressing it again while that request is pending (by anyone, after a restart too)
// points to the same request instead of making another.
import { describe, expect, it } from 'vitest';
import { alarmButtonHarness } from '../support/alarm-button-harness.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { signSns, snsFixture } from '../support/sns-signing.js';
import { buttonBody } from './approval-buttons-body.js';

const t = alarmButtonHarness({ label: 'Wipe rap', command: 'wipe rap' });
const { world, db } = t;

/**
 * Presses the button on the card `cardTs` as `userId`; resolves the answer: on the press's `response_url` (only
 * the presser sees it), or a reply in the card's thread. The body's `message.ts` is the card's, as Slack sends it:
 * a press may come before the server has stored the ts its post was answered with (it then threads on this one).
 */
async function press(value: string, userId: string, cardTs: string): Promise<RecordedRequest> {
  const responseUrl = t.h.slack.responseUrl();
  const before = t.h.slack.requests.length;
  expect((await t.h.post(buttonBody('radio_run_0', value, userId, responseUrl, cardTs))).status).toBe(200);
  return t.h.slack.next(
    (r) =>
      t.h.slack.requests.indexOf(r) >= before &&
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
    expect((await t.h.sns(signSns(snsFixture('notification-cloudwatch-alarm-rds-cpu')))).status).toBe(200);
    const { value, cardTs } = await t.alarmCard();
    expect(cardTs).not.toBe('');

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
    await t.restart();
    const again = await press(value, 'U0ALICE', cardTs);
    expect(String(again.body.text)).toContain(`already waiting for approval: request ${String(request?.id)}`);
    expect(await requestsFor(value)).toEqual([request]);
    expect(world.state.executions).toEqual([]);
  });
});
