// The runbook progress card's buttons (issue 17, item 4): pressed through real HTTP with correctly signed
// block_actions requests, each press runs `runbook confirm|retry|skip|abort <run id>` as the presser, through
// the same pipeline as typed text (roles, approvals, audit).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RecordedRequest } from '../support/fake-slack.js';
import { stepWorld } from '../support/runbooks-fixture.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { waitFor } from '../support/wait-for.js';
import { buttonBody } from './approval-buttons-body.js';

const dir = mkdtempSync(join(tmpdir(), 'radio-ops-runbook-buttons-'));
const world = stepWorld();
let h: Harness;

/** The test YAML with two runbooks over the test commands: one with a manual step, one whose step fails. */
function writeRunbooksConfig(): string {
  const radio = parse(
    readFileSync(fileURLToPath(new URL('../fixtures/radio.test.yml', import.meta.url)), 'utf8'),
  ) as Record<string, unknown>;
  radio.runbooks = [
    {
      name: 'mount',
      summary: 'touch, a person adds the mount, touch again',
      arguments: [{ name: 'slug', example: 'electro', pattern: '^[a-z][a-z0-9-]{0,30}$' }],
      steps: [
        { command: 'test touch before-{slug}' },
        { manual: 'Add <mount-name>/{slug}</mount-name> to icecast.xml and reload Icecast' },
        { command: 'test touch after-{slug}' },
      ],
    },
    {
      name: 'shaky',
      summary: 'a flaky step, then a touch',
      steps: [{ command: 'test flaky' }, { command: 'test touch after-shaky' }],
    },
  ];
  const path = join(dir, 'radio.yml');
  writeFileSync(path, stringify(radio));
  return path;
}

beforeAll(async () => {
  h = await startHarness(world.commands, { radioConfig: writeRunbooksConfig() });
  h.slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `17419885${String(h.slack.requests.length).padStart(2, '0')}.000100`,
  }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  // U0CAROL may look (viewer, through a group) but is no operator.
  h.slack.onApi('usergroups.users.list', (body) => ({
    ok: true,
    users: body.usergroup === 'S0VIEWERS' ? ['U0CAROL'] : [],
  }));
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

type Block = { type: string; elements?: { action_id?: string; value?: string; text?: { text: string } }[] };
const buttonsOf = (request: RecordedRequest) =>
  (JSON.parse(String(request.body.blocks)) as Block[])
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? []);

async function startRun(line: string) {
  const { reply } = await h.slash(line);
  await reply();
  const { rows } = await h.db.query<{ id: string; request_id: string; message_ts: string }>(
    'SELECT id, request_id::text, message_ts FROM runbook_runs WHERE text = $1 ORDER BY created_at DESC LIMIT 1',
    [line],
  );
  return rows[0]!;
}
const runStatus = async (id: string) =>
  (await h.db.query<{ status: string }>('SELECT status FROM runbook_runs WHERE id = $1', [id])).rows[0]?.status;
const steps = async (id: string) =>
  (
    await h.db.query<{ status: string; decided_by: string | null }>(
      'SELECT status, decided_by FROM runbook_steps WHERE run_id = $1 ORDER BY position',
      [id],
    )
  ).rows.map((row) => [row.status, row.decided_by]);
/** The card's last update that carries buttons, once it shows `label`. */
const cardWith = (ts: string, label: string) =>
  h.slack.next(
    (r) => r.path === '/api/chat.update' && r.body.ts === ts && buttonsOf(r).some((b) => b.text?.text === label),
  );

/** A message in the card's thread matching `said`. */
const inThread = (ts: string, said: RegExp) =>
  h.slack.next((r) => r.path === '/api/chat.postMessage' && r.body.thread_ts === ts && said.test(String(r.body.text)));

/** `userId` presses `actionId` with `value` on the card `messageTs`. */
async function press(actionId: string, value: string, userId: string, messageTs?: string) {
  const responseUrl = h.slack.responseUrl();
  const ack = await h.post(buttonBody(actionId, value, userId, responseUrl, messageTs));
  return { ack, reply: () => h.slack.next((r) => r.path === new URL(responseUrl).pathname).then((r) => r.body) };
}

// Card changes go out through the per-channel rate-limited queue (about one a second): a busy machine needs time.
describe('the runbook card buttons', { timeout: 60_000 }, () => {
  it('shows Confirm and Abort at a manual step; a non-operator is refused alone, another operator confirms', async () => {
    const run = await startRun('runbook mount electro');
    const card = await cardWith(run.message_ts, 'Confirm');
    expect(buttonsOf(card).map((b) => [b.action_id, b.value])).toEqual([
      ['radio_runbook_confirm', run.id],
      ['radio_runbook_abort', run.id],
    ]);
    expect(await steps(run.id)).toEqual([
      ['succeeded', null],
      ['waiting-person', null],
      ['pending', null],
    ]);

    const posted = h.slack.requests.filter((r) => r.path === '/api/chat.postMessage').length;
    const refused = await press('radio_runbook_confirm', run.id, 'U0CAROL', run.message_ts);
    expect(refused.ack.status).toBe(200);
    const refusal = await refused.reply();
    expect(refusal.response_type).toBe('ephemeral');
    expect(String(refusal.text)).toMatch(/operator role/);
    expect(await steps(run.id)).toEqual([
      ['succeeded', null],
      ['waiting-person', null],
      ['pending', null],
    ]);
    expect(await runStatus(run.id)).toBe('waiting');
    expect(h.slack.requests.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(posted);

    await press('radio_runbook_confirm', run.id, 'U0BOB', run.message_ts);
    const said = await inThread(run.message_ts, /manual step is confirmed/);
    expect(String(said.body.blocks)).toContain(`<@U0BOB> pressed \`runbook confirm ${run.id}\``);
    await waitFor('the run to end', async () => (await runStatus(run.id)) === 'succeeded');
    expect(world.state.touched).toEqual(['before-electro', 'after-electro']);
    expect(await steps(run.id)).toEqual([
      ['succeeded', null],
      ['succeeded', 'U0BOB'],
      ['succeeded', null],
    ]);
    const { rows } = await h.db.query<{ user_id: string; outcome: string; source: string }>(
      `SELECT user_id, outcome, source FROM audit_events WHERE text = $1 ORDER BY id`,
      [`runbook confirm ${run.id}`],
    );
    expect(rows.map((row) => [row.user_id, row.outcome, row.source])).toEqual([
      ['U0CAROL', 'denied', 'button'],
      ['U0BOB', 'started', 'button'],
      ['U0BOB', 'succeeded', 'button'],
    ]);
    // The ended card has no buttons left.
    await h.slack.next(
      (r) => r.path === '/api/chat.update' && r.body.ts === run.message_ts && /: done/.test(String(r.body.text)),
    );
    const last = h.slack.requests.filter((r) => r.path === '/api/chat.update' && r.body.ts === run.message_ts).at(-1)!;
    expect(buttonsOf(last)).toEqual([]);
  });

  it('a stopped run offers Retry, Skip and Abort; Skip waits for approval and changes nothing, Retry goes on', async () => {
    world.state.flakyFails = true;
    const run = await startRun('runbook shaky');
    const card = await cardWith(run.message_ts, 'Retry step');
    expect(buttonsOf(card).map((b) => [b.action_id, b.text?.text])).toEqual([
      ['radio_runbook_retry', 'Retry step'],
      ['radio_runbook_skip', 'Skip step'],
      ['radio_runbook_abort', 'Abort'],
    ]);

    const skip = await press('radio_runbook_skip', run.id, 'U0ALICE', run.message_ts);
    const answer = await skip.reply();
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer)).toMatch(/second person's approval/);
    expect(await steps(run.id)).toEqual([
      ['failed', null],
      ['pending', null],
    ]);
    expect(await runStatus(run.id)).toBe('stopped');

    world.state.flakyFails = false;
    await press('radio_runbook_retry', run.id, 'U0ALICE', run.message_ts);
    await inThread(run.message_ts, /runs the step again/);
    await waitFor('the run to end', async () => (await runStatus(run.id)) === 'succeeded');
    expect(world.state.touched.slice(-2)).toEqual(['flaky', 'after-shaky']);
  });

  it('refuses a tampered value without touching any run', async () => {
    const { reply } = await press('radio_runbook_abort', 'run_"; --all', 'U0BOB');
    expect(String((await reply()).text)).toMatch(/no runbook run \W*run_all/);
  });
});
