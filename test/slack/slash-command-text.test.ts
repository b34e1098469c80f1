// Fault 21: what people type in Slack, signed and posted as Slack posts it, reaches the audit log as meant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wipeWorld } from '../support/approvals-fixture.js';
import { slashBody, startHarness, type Harness } from '../support/slack-server-harness.js';
import { buttonBody, viewSubmissionBody } from './approval-buttons-body.js';

const world = wipeWorld();
let h: Harness;
beforeAll(async () => {
  h = await startHarness([world.wipe]);
  h.slack.onApi('chat.postMessage', (body) => ({ ok: true, channel: body.channel, ts: '1741988400.000100' }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  h.slack.onApi('views.open', () => ({ ok: true, view: { id: 'V0REJECT' } }));
});
afterAll(() => h.close());

/** The audit rows written after row `afterId`, oldest first. */
async function rowsAfter(afterId: number) {
  const { rows } = await h.db.query<{ outcome: string; command: string | null; reason: string | null; text: string }>(
    'SELECT outcome, command, reason, text FROM audit_events WHERE id > $1 ORDER BY id',
    [afterId],
  );
  return rows;
}

/** Requests `wipe <target>` as U0ALICE and returns the approval request's id from its card. */
async function requestWipe(target: string): Promise<string> {
  await (await h.slash(`wipe ${target}`)).reply();
  const card = await h.slack.next((r) => r.path === '/api/chat.postMessage' && String(r.body.blocks).includes(target));
  return /apr_[0-9A-Z]{26}/.exec(String(card.body.blocks))?.[0] ?? '';
}

/** The reasons of the `reject` command's own audit rows for request `id`, with their outcome. */
async function rejectReasons(id: string) {
  const { rows } = await h.db.query<{ outcome: string; reason: string | null }>(
    `SELECT outcome, reason FROM audit_events WHERE command = 'reject' AND args->>'id' = $1 ORDER BY id`,
    [id],
  );
  return rows.map((row) => [row.outcome, row.reason]);
}

async function lastAuditId(): Promise<number> {
  const { rows } = await h.db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM audit_events');
  return Number(rows[0]?.id ?? 0);
}

describe('fault 21: Slack text as typed', () => {
  it('fault 21: links Slack made from typed text are audited as that text (slash-autolinks fixture)', async () => {
    const before = await lastAuditId();
    const responseUrl = h.slack.responseUrl();
    const ack = await h.post(slashBody({ response_url: responseUrl }, 'slash-autolinks.form.txt'));
    expect(ack.status).toBe(200);
    const reply = await h.answerOn(responseUrl);
    expect(reply.body.response_type).toBe('in_channel');
    const rows = (await rowsAfter(before)).filter((row) => row.command === 'db connections');
    expect(rows.map((row) => [row.outcome, row.reason])).toEqual([
      ['started', 'n8n.io webhooks slow, cc U0BOB in C0EXAMPLE02, mail ops@example.com'],
      ['succeeded', 'n8n.io webhooks slow, cc U0BOB in C0EXAMPLE02, mail ops@example.com'],
    ]);
    // The row's text stays what Slack sent, so the audit shows the escapes too.
    expect(rows[0]?.text).toContain('<http://n8n.io|n8n.io>');
  });

  it('fault 21: /radio reject <id> --reason „it’s the promo“ audits the reason it’s the promo', async () => {
    const id = await requestWipe('rap');
    expect(id).toMatch(/^apr_/);
    const { ack, reply } = await h.slash(`reject ${id} --reason „it’s the promo“`, {
      user_id: 'U0BOB',
      user_name: 'bob',
    });
    expect(ack.status).toBe(200);
    expect(String((await reply()).text)).not.toMatch(/not closed|Unexpected/);
    expect(await rejectReasons(id)).toEqual([
      ['started', 'it’s the promo'],
      ['succeeded', 'it’s the promo'],
    ]);
    const { rows } = await h.db.query<{ reason: string | null }>(
      `SELECT reason FROM audit_events WHERE approval_id = $1 AND outcome = 'rejected'`,
      [id],
    );
    expect(rows.map((row) => row.reason)).toEqual(['it’s the promo']);
  });

  it('fault 21: the reject modal keeps a reason with typographic quotes exactly as typed', async () => {
    const id = await requestWipe('jazz');
    await h.post(buttonBody('radio_reject', id, 'U0BOB', h.slack.responseUrl()));
    const opened = await h.slack.next((r) => r.path === '/api/views.open' && String(r.body.view).includes(id));
    const view = JSON.parse(String(opened.body.view)) as { private_metadata: string };
    const typed = '‘it’s the promo’ („Werbung“)';
    const ack = await h.post(
      viewSubmissionBody({
        userId: 'U0BOB',
        callbackId: 'radio_reject',
        privateMetadata: view.private_metadata,
        reason: typed,
      }),
    );
    expect(ack.status).toBe(200);
    expect(await rejectReasons(id)).toEqual([
      ['started', typed],
      ['succeeded', typed],
    ]);
  });
});
