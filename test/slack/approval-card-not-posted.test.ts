// Issue 12, fault 11: when Slack refuses the approval card (`not_in_channel`, `channel_not_found`,
// `is_archived`), the request must not stay pending and invisible: it is cancelled (audited with Slack's
// error), the requester is told how to fix it, and a typed `approve` of it says it was cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wipeWorld } from '../support/approvals-fixture.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';

const world = wipeWorld();
let h: Harness;
let refusal = 'not_in_channel';

beforeAll(async () => {
  h = await startHarness([world.wipe]);
  h.slack.onApi('chat.postMessage', () => ({ ok: false, error: refusal }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  h.slack.onApi('usergroups.users.list', () => ({ ok: true, users: [] }));
});
afterAll(() => h.close());

const text = (body: Record<string, unknown>) => `${String(body.text)} ${JSON.stringify(body.blocks ?? '')}`;

describe('an approval card Slack refuses to post (fault 11)', () => {
  it.each([
    ['not_in_channel', /\/invite @radio-ops/],
    ['channel_not_found', /channel (was not found|no longer exists|.*deleted)/i],
    ['is_archived', /archived/i],
  ])('fault 11: %s cancels the request, says how to fix it, and approve then says cancelled', async (error, fix) => {
    refusal = error;
    const marker = `fault-11-${error}`;
    const { reply } = await h.slash(`wipe rap --reason ${marker}`);
    const answer = text(await reply());
    expect(answer).not.toMatch(/Something went wrong/);
    expect(answer).toMatch(fix);
    expect(answer).toMatch(/cancelled|nothing was done/i);

    const { rows } = await h.db.query<{ id: string; status: string }>(
      'SELECT id, status FROM approval_requests WHERE reason = $1',
      [marker],
    );
    expect(rows.map((row) => row.status)).toEqual(['cancelled']);
    const id = rows[0]?.id ?? '';
    const { rows: audit } = await h.db.query<{ outcome: string; error: string | null }>(
      'SELECT outcome, error FROM audit_events WHERE approval_id = $1 ORDER BY id',
      [id],
    );
    expect(audit.map((row) => row.outcome)).toEqual(['requested', 'cancelled']);
    expect(audit[1]?.error).toContain(error);

    const approve = await h.slash(`approve ${id}`, { user_id: 'U0BOB', user_name: 'bob' });
    expect(text(await approve.reply())).toMatch(/cancelled/);
    expect(world.state.executions).toEqual([]);
  });
});
