// Issue 12, fault 12: interactivity radio-ops doesn't recognise is acked at once, answered ephemerally and
// audited `invalid`; the reject-reason modal acks within Slack's 3 s even when the group lookup is slow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wipeWorld } from '../support/approvals-fixture.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { waitFor } from '../support/wait-for.js';
import { buttonBody, viewSubmissionBody } from './approval-buttons-body.js';

const world = wipeWorld();
let h: Harness;
beforeAll(async () => {
  h = await startHarness([world.wipe]);
  h.slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `1741988${Date.now() % 100000}.000100`,
  }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  h.slack.onApi('chat.postEphemeral', () => ({ ok: true, message_ts: '1.1' }));
  h.slack.onApi('views.open', () => ({ ok: true, view: { id: 'V0REJECT' } }));
  // U0CAROL approves through the S0ONCALL group, whose lookup takes 4 s (longer than Slack waits for an ack).
  h.slack.onApi('usergroups.users.list', async (body) => {
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    return { ok: true, users: body.usergroup === 'S0ONCALL' ? ['U0CAROL'] : [] };
  });
});
afterAll(() => h.close());

const auditRows = async (text: string) =>
  (
    await h.db.query<{ outcome: string; source: string; user_id: string }>(
      'SELECT outcome, source, user_id FROM audit_events WHERE text = $1 ORDER BY id',
      [text],
    )
  ).rows;

describe('fault 12: unknown interactivity', () => {
  it('acks a button it does not know, tells the presser nothing was done, and audits it invalid', async () => {
    const responseUrl = h.slack.responseUrl();
    const ack = await h.post(buttonBody('radio_frobnicate', 'whatever', 'U0BOB', responseUrl));
    expect(ack.status).toBe(200);
    const reply = await h.slack.next((request) => request.path === new URL(responseUrl).pathname);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(reply.body.text)).toMatch(/does not know this button \(radio_frobnicate\).*Nothing was done/);
    expect(await auditRows('button radio_frobnicate')).toEqual([
      { outcome: 'invalid', source: 'button', user_id: 'U0BOB' },
    ]);
  });

  it('acks a modal it did not open and audits it invalid', async () => {
    const ack = await h.post(
      viewSubmissionBody({ userId: 'U0BOB', callbackId: 'someone_elses_modal', privateMetadata: '' }),
    );
    expect(ack.status).toBe(200);
    // The ack comes first; the audit row right after it.
    await waitFor('the audit row', async () => (await auditRows('form someone_elses_modal')).length > 0, 500, 20);
    expect(await auditRows('form someone_elses_modal')).toEqual([
      { outcome: 'invalid', source: 'button', user_id: 'U0BOB' },
    ]);
  });

  it('acks the reject modal in time when the approver group lookup is slow, then rejects', async () => {
    const { reply } = await h.slash('wipe jazz');
    await reply();
    const card = await h.slack.next(
      (r) => r.path === '/api/chat.postMessage' && String(r.body.blocks).includes('jazz'),
    );
    const id = /apr_[0-9A-Z]{26}/.exec(String(card.body.blocks))?.[0] ?? '';
    await h.post(buttonBody('radio_reject', id, 'U0CAROL', h.slack.responseUrl()));
    const opened = await h.slack.next((r) => r.path === '/api/views.open');
    const view = JSON.parse(String(opened.body.view)) as { private_metadata: string };
    const ack = await h.post(
      viewSubmissionBody({
        userId: 'U0CAROL',
        callbackId: 'radio_reject',
        privateMetadata: view.private_metadata,
        reason: 'wrong channel',
      }),
    );
    expect(ack.status).toBe(200); // before: Bolt gave up waiting and answered 404
    const rejected = async () =>
      (await h.db.query('SELECT 1 FROM audit_events WHERE approval_id = $1 AND outcome = $2', [id, 'rejected'])).rows
        .length;
    for (let i = 0; i < 100 && !(await rejected()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await rejected()).toBe(1);
    expect(world.state.executions.filter((execution) => execution.target === 'jazz')).toEqual([]);
  }, 30_000);
});
