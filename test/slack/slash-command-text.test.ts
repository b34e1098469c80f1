// Fault 21: what people type in Slack, signed and posted as Slack posts it, reaches the audit log as meant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashBody, startHarness, type Harness } from '../support/slack-server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
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
    const reply = await h.slack.next((r) => r.path === new URL(responseUrl).pathname);
    expect(reply.body.response_type).toBe('in_channel');
    const rows = (await rowsAfter(before)).filter((row) => row.command === 'db connections');
    expect(rows.map((row) => [row.outcome, row.reason])).toEqual([
      ['started', 'n8n.io webhooks slow, cc U0BOB in C0EXAMPLE02, mail ops@example.com'],
      ['succeeded', 'n8n.io webhooks slow, cc U0BOB in C0EXAMPLE02, mail ops@example.com'],
    ]);
    // The row's text stays what Slack sent, so the audit shows the escapes too.
    expect(rows[0]?.text).toContain('<http://n8n.io|n8n.io>');
  });
});
