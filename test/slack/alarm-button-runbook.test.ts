// Issue 17, item 5: an alarm playbook button whose command line is a runbook starts it through approval like
// any destructive request: the press makes an approval request (nothing runs), a second person approves, and
// the run starts as the presser with that approval on every step of its audit chain.
import { beforeAll, describe, expect, it } from 'vitest';
import { alarmButtonHarness } from '../support/alarm-button-harness.js';
import { signSns, snsFixture } from '../support/sns-signing.js';
import { waitFor } from '../support/wait-for.js';
import { buttonBody } from './approval-buttons-body.js';

// The runbook the button names: one destructive step, so the run needs a second person.
const clear = {
  name: 'clear',
  summary: 'wipe a channel (destructive)',
  arguments: [{ name: 'target', example: 'rap' }],
  steps: [{ command: 'wipe {target}' }],
};
const t = alarmButtonHarness({ label: 'Clear rap', command: 'runbook clear rap' }, { runbooks: [clear] });
const { world, db } = t;
beforeAll(() => {
  t.h.slack.onApi('chat.getPermalink', () => ({ ok: false, error: 'message_not_found' }));
});

const clearRuns = async () =>
  (
    await db.query<{
      id: string;
      request_id: string;
      status: string;
      approval_id: string;
      requester_id: string;
      source: string;
    }>(
      `SELECT id, request_id::text, status, approval_id, requester_id, source FROM runbook_runs WHERE runbook = 'clear'`,
    )
  ).rows;

describe('an alarm playbook button that starts a runbook', () => {
  it('makes an approval request; once a second person approves, the run starts as the presser with that approval', async () => {
    expect((await t.h.sns(signSns(snsFixture('notification-cloudwatch-alarm-rds-cpu')))).status).toBe(200);
    const { value, cardTs } = await t.alarmCard();

    expect((await t.h.post(buttonBody('radio_run_0', value, 'U0ALICE', t.h.slack.responseUrl(), cardTs))).status).toBe(
      200,
    );
    await waitFor(
      'the approval request',
      async () =>
        (await db.query(`SELECT 1 FROM approval_requests WHERE origin = $1 AND status = 'pending'`, [value])).rows
          .length === 1,
    );
    const { rows } = await db.query<{ id: string; command: string; requester_id: string }>(
      `SELECT id, command, requester_id FROM approval_requests WHERE origin = $1`,
      [value],
    );
    expect(rows.map((row) => [row.command, row.requester_id])).toEqual([['runbook clear', 'U0ALICE']]);
    const approvalId = rows[0]!.id;
    // Nothing ran: no run, no wipe.
    expect(await clearRuns()).toEqual([]);
    expect(world.state.executions).toEqual([]);

    expect((await t.h.post(buttonBody('radio_approve', approvalId, 'U0BOB', t.h.slack.responseUrl()))).status).toBe(
      200,
    );
    await waitFor('the run to end', async () => (await clearRuns())[0]?.status === 'succeeded');
    const [run] = await clearRuns();
    expect(run).toMatchObject({ approval_id: approvalId, requester_id: 'U0ALICE', source: 'alarm' });
    expect(world.state.executions.map((execution) => execution.target)).toEqual(['rap']);
    // The wipe step ran as a child of the run, under the approval Bob gave.
    const { rows: audit } = await db.query<{ outcome: string; user_id: string; approval_id: string }>(
      `SELECT outcome, user_id, approval_id FROM audit_events WHERE parent_request_id = $1 AND command = 'wipe' ORDER BY id`,
      [run!.request_id],
    );
    expect(audit.map((row) => [row.outcome, row.user_id, row.approval_id])).toEqual([
      ['started', 'U0ALICE', approvalId],
      ['succeeded', 'U0ALICE', approvalId],
    ]);
  });
});
