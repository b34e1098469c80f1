import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../support/fake-slack.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { wipeWorld } from '../support/approvals-fixture.js';
import { buttonBody, viewSubmissionBody } from './approval-buttons-body.js';

const world = wipeWorld();
let h: Harness;
beforeAll(async () => {
  h = await startHarness([world.wipe]);
  h.slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `17419884${String(h.slack.requests.length).padStart(2, '0')}.000100`,
  }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  // U0CAROL may look (viewer, through a group) but is no approver.
  h.slack.onApi('usergroups.users.list', (body) => ({
    ok: true,
    users: body.usergroup === 'S0VIEWERS' ? ['U0CAROL'] : [],
  }));
});
afterAll(() => h.close());

async function press(actionId: string, value: string, userId: string) {
  const responseUrl = h.slack.responseUrl();
  const ack = await h.post(buttonBody(actionId, value, userId, responseUrl));
  // The answer: not the "approved: running" notice that comes first when a press starts the run.
  const answer = (r: RecordedRequest) =>
    r.path === new URL(responseUrl).pathname && !/approved: running/.test(String(r.body.text));
  return { ack, reply: () => h.slack.next(answer).then((r) => r.body) };
}

describe('approval through Slack', () => {
  it('posts the request with buttons, refuses the requester and a non-approver, and runs once for three clicks', async () => {
    const reason = `approval-${Date.now()}`;
    const { ack, reply } = await h.slash(`wipe rap --reason ${reason}`);
    expect(ack.status).toBe(200);
    expect(JSON.stringify((await reply()).blocks)).toMatch(/waits for a second person's approval/);
    const card = await h.slack.next((r) => r.path === '/api/chat.postMessage');
    const blocks = JSON.parse(String(card.body.blocks)) as {
      type: string;
      elements?: { action_id?: string; value?: string }[];
    }[];
    const buttons = blocks.find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((button) => button.action_id)).toEqual(['radio_approve', 'radio_reject', 'radio_cancel']);
    const id = String(buttons[0]?.value);
    expect(id).toMatch(/^apr_/);

    const own = await press('radio_approve', id, 'U0ALICE');
    expect(own.ack.status).toBe(200);
    // Issue 10, item 3: U0ALICE is no approver, so the authorize step refuses her before the approval service.
    expect(String((await own.reply()).text)).toMatch(/approver role/);
    const stranger = await press('radio_approve', id, 'U0CAROL');
    expect(String((await stranger.reply()).text)).toMatch(/approver role/);
    expect(world.state.executions).toEqual([]);

    const clicks = await Promise.all([1, 2, 3].map(() => press('radio_approve', id, 'U0BOB')));
    await Promise.all(clicks.map((click) => click.reply()));
    expect(world.state.executions).toEqual([{ target: 'rap', key: id }]);
    // Card updates go out in the background (issue 12, fault 10): wait for the final one, then check it is last.
    await h.slack.next((r) => r.path === '/api/chat.update' && /Approved and done/.test(String(r.body.text)));
    const updates = h.slack.requests.filter((r) => r.path === '/api/chat.update').map((r) => String(r.body.text));
    expect(updates.at(-1)).toMatch(/Approved and done/);
    const { rows } = await h.db.query<{ outcome: string }>(
      'SELECT outcome FROM audit_events WHERE approval_id = $1 ORDER BY id',
      [id],
    );
    expect(rows.map((row) => row.outcome)).toEqual(['requested', 'approved', 'started', 'succeeded']);
  });

  it('refuses a tampered button value and audits it', async () => {
    const { reply } = await press('radio_approve', 'apr_"; --full', 'U0BOB');
    expect(String((await reply()).text)).toMatch(/no approval request/);
    const { rows } = await h.db.query<{ outcome: string; source: string }>(
      `SELECT outcome, source FROM audit_events WHERE command = 'approve' AND source = 'button' AND text = $1 ORDER BY id`,
      ['approve apr_full'],
    );
    // Issue 10, item 6: an unknown request id is a precondition, audited `invalid` (was `failed`).
    expect(rows.map((row) => row.outcome)).toEqual(['started', 'invalid']);
  });
});

describe('reject from the card', () => {
  it('asks for a reason in a modal, then rejects with it as the submitter', async () => {
    h.slack.onApi('views.open', () => ({ ok: true, view: { id: 'V0REJECT' } }));
    const { reply } = await h.slash('wipe jazz');
    await reply();
    const card = await h.slack.next(
      (r) => r.path === '/api/chat.postMessage' && String(r.body.blocks).includes('jazz'),
    );
    const id = /apr_[0-9A-Z]{26}/.exec(String(card.body.blocks))?.[0] ?? '';
    await h.post(buttonBody('radio_reject', id, 'U0BOB', h.slack.responseUrl()));
    const opened = await h.slack.next((r) => r.path === '/api/views.open');
    const view = JSON.parse(String(opened.body.view)) as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('radio_reject');

    const ack = await h.post(
      viewSubmissionBody({
        userId: 'U0BOB',
        callbackId: 'radio_reject',
        privateMetadata: view.private_metadata,
        reason: 'not during the "live" show',
      }),
    );
    expect(ack.status).toBe(200);
    const { rows } = await h.db.query<{ outcome: string; user_id: string; reason: string | null }>(
      'SELECT outcome, user_id, reason FROM audit_events WHERE approval_id = $1 ORDER BY id',
      [id],
    );
    expect(rows.map((row) => [row.outcome, row.user_id, row.reason])).toEqual([
      ['requested', 'U0ALICE', null],
      ['rejected', 'U0BOB', 'not during the "live" show'],
    ]);
    // Issue 10, item 8: the reject command's own rows keep the reason exactly as typed too.
    const { rows: rejectRows } = await h.db.query<{ outcome: string; reason: string | null; text: string }>(
      `SELECT outcome, reason, text FROM audit_events WHERE command = 'reject' AND args->>'id' = $1 ORDER BY id`,
      [id],
    );
    expect(rejectRows.map((row) => [row.outcome, row.reason])).toEqual([
      ['started', 'not during the "live" show'],
      ['succeeded', 'not during the "live" show'],
    ]);
    expect(rejectRows[0]?.text).toBe(`reject ${id} --reason "not during the \\"live\\" show"`);
    expect(world.state.executions.filter((e) => e.target === 'jazz')).toEqual([]);
  });
});
