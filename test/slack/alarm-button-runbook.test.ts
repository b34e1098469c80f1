// Issue 17, item 5: an alarm playbook button whose command line is a runbook starts it through approval like
// any destructive request: the press makes an approval request (nothing runs), a second person approves, and
// the run starts as the presser with that approval on every step of its audit chain.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { wipeAlarmTables } from '../support/alarm-cards-fixture.js';
import { wipeWorld } from '../support/approvals-fixture.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { startHarness, writeAlarmsConfig, type Harness } from '../support/slack-server-harness.js';
import { signSns, snsFixture } from '../support/sns-signing.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';
import { buttonBody } from './approval-buttons-body.js';

const world = wipeWorld();
const dir = mkdtempSync(join(tmpdir(), 'radio-ops-alarm-runbook-'));
const db = openWorkerDatabase();
let h: Harness;

beforeAll(async () => {
  const path = writeAlarmsConfig(dir, {
    channel: 'C0EXAMPLE01',
    coalesce: '0s',
    playbooks: [{ match: { namespace: 'AWS/RDS' }, buttons: [{ label: 'Clear rap', command: 'runbook clear rap' }] }],
  });
  // The runbook the button names: one destructive step, so the run needs a second person.
  const radio = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  radio.runbooks = [
    {
      name: 'clear',
      summary: 'wipe a channel (destructive)',
      arguments: [{ name: 'target', example: 'rap' }],
      steps: [{ command: 'wipe {target}' }],
    },
  ];
  writeFileSync(path, stringify(radio));
  await wipeAlarmTables(db);
  h = await startHarness([world.wipe], {
    radioConfig: path,
    server: { alarms: { rate: { perSecond: 1000, burst: 1000 }, fetchText: () => Promise.reject(new Error('none')) } },
  });
  let ts = 0;
  h.slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `1742200000.${String(++ts).padStart(6, '0')}`,
  }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  h.slack.onApi('chat.getPermalink', () => ({ ok: false, error: 'message_not_found' }));
  h.slack.onApi('usergroups.users.list', () => ({ ok: true, users: [] }));
});
afterAll(async () => {
  await h.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const isAlarmCard = (r: RecordedRequest) =>
  r.path === '/api/chat.postMessage' && !r.body.thread_ts && /^ALARM: /.test(String(r.body.text));
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
    expect((await h.sns(signSns(snsFixture('notification-cloudwatch-alarm-rds-cpu')))).status).toBe(200);
    const card = await h.slack.next(isAlarmCard);
    const blocks = JSON.parse(String(card.body.blocks)) as { type: string; elements?: { value: string }[] }[];
    const value = String(blocks.find((block) => block.type === 'actions')?.elements?.[0]?.value);

    expect((await h.post(buttonBody('radio_run_0', value, 'U0ALICE', h.slack.responseUrl()))).status).toBe(200);
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

    expect((await h.post(buttonBody('radio_approve', approvalId, 'U0BOB', h.slack.responseUrl()))).status).toBe(200);
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
