// Issue 12, faults 9 and 13: what the approval card says, through the real server and a fake Slack.
// Fault 9: a long plan (25 idle sessions, a 2,500-character reason) still leaves the card its buttons
// and request id, within Slack's limits, and the full plan goes to the card's thread.
// Fault 13: a typed `>` shows once-escaped; the approvers are mentioned; the requester hears of the outcome.
import pg from 'pg';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/pipeline/command.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { wipeWorld } from '../support/approvals-fixture.js';
import type { RecordedRequest } from '../support/fake-slack.js';
import { buttonBody } from './approval-buttons-body.js';

const world = wipeWorld();
/** A destructive command whose run fails: the requester must hear of it. */
const explode = defineCommand({
  name: 'explode',
  usage: 'explode',
  summary: 'test destructive command that fails',
  examples: [],
  positional: [],
  flags: {},
  args: z.object({}),
  risk: () => 'destructive',
  plan: async () => ({
    current: [],
    warnings: [],
    state: 1,
    calls: [{ service: 'Test', operation: 'Explode', input: {} }],
  }),
  async run(): Promise<string> {
    throw new Error('the fuse was wet');
  },
  present: (result: string) => ({ summary: result, visibility: 'in_channel', parts: [] }),
});

const victims: pg.Client[] = [];
let h: Harness;
beforeAll(async () => {
  h = await startHarness([world.wipe, explode]);
  h.slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `1742000${String(h.slack.requests.length).padStart(3, '0')}.000300`,
  }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  h.slack.onApi('usergroups.users.list', () => ({ ok: true, users: [] }));
});
afterAll(async () => {
  await Promise.allSettled(victims.map((client) => client.end()));
  await h.close();
});

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { action_id?: string; value?: string; text?: string }[];
}
const blocksOf = (request: RecordedRequest) => JSON.parse(String(request.body.blocks)) as Block[];
const isCard = (text: string) => (r: RecordedRequest) =>
  r.path === '/api/chat.postMessage' && !r.body.thread_ts && String(r.body.blocks).includes(text);
const idOf = (card: RecordedRequest) => /apr_[0-9A-Z]{26}/.exec(String(card.body.blocks))?.[0] ?? '';
/** Where the card went (the fake's answer to chat.postMessage, as the server stored it). */
async function tsOf(card: RecordedRequest): Promise<string> {
  const { rows } = await h.db.query<{ message_ts: string }>('SELECT message_ts FROM approval_requests WHERE id = $1', [
    idOf(card),
  ]);
  return rows[0]?.message_ts ?? 'none';
}
const threadOf = (ts: string) =>
  h.slack.requests.filter((r) => r.path === '/api/chat.postMessage' && r.body.thread_ts === ts);
const noticeIn = (ts: string) => (r: RecordedRequest) =>
  r.body.thread_ts === ts && String(r.body.blocks).includes('<@U0ALICE>');

async function press(actionId: string, value: string, userId: string) {
  const responseUrl = h.slack.responseUrl();
  await h.post(buttonBody(actionId, value, userId, responseUrl));
  return h.slack.next((r) => r.path === new URL(responseUrl).pathname).then((r) => r.body);
}

/** A session of another application left `idle in transaction`, as a leaking client leaves it. */
async function idleSession(): Promise<number> {
  const client = new pg.Client({
    connectionString: process.env.RADIO_OPS_TEST_DATABASE_URL,
    application_name: 'leaky-app',
  });
  client.on('error', () => undefined);
  await client.connect();
  victims.push(client);
  await client.query('BEGIN');
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0]!.pid;
}

describe('fault 9: a long plan on the approval card', () => {
  it('fault 9: 25 idle sessions and a 2,500-character reason keep the buttons and request id; the full plan is in the thread', async () => {
    const pids = await Promise.all(Array.from({ length: 25 }, () => idleSession()));
    const reason = `kill-idle-long-${'x'.repeat(2_500)}`;
    const { ack, reply } = await h.slash(`db kill-idle --older 0s --reason "${reason}"`);
    expect(ack.status).toBe(200);
    expect(JSON.stringify((await reply()).blocks)).toMatch(/waits for a second person's approval/);
    const card = await h.slack.next(isCard('kill-idle-long'));
    const blocks = blocksOf(card);

    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(String(card.body.blocks).length).toBeLessThanOrEqual(10_000);
    expect(blocks[0]?.type).toBe('header');
    const buttons = blocks.find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((button) => button.action_id)).toEqual(['radio_approve', 'radio_reject', 'radio_cancel']);
    const id = String(buttons[0]?.value);
    expect(id).toMatch(/^apr_[0-9A-Z]{26}$/);
    const withoutButtons = JSON.stringify(blocks.filter((block) => block.type !== 'actions'));
    expect(withoutButtons).toContain(`Request ${id}`);
    expect(withoutButtons).not.toMatch(/Output truncated/);

    const thread = threadOf(await tsOf(card));
    expect(thread.length).toBeGreaterThan(0);
    const full = thread.map((r) => String(r.body.blocks)).join('\n');
    for (const pid of pids) expect(full).toContain(`\\"pid\\":${pid},`);
    // The reason is wrapped into lines and sections (each escaped line must fit a section), never cut.
    const shown = thread.flatMap((message) =>
      blocksOf(message).map((block) => (block.type === 'section' ? (block.text?.text ?? '') : '')),
    );
    expect(shown.join('').replace(/\n/g, '')).toContain(`Reason: ${reason}`);
    for (const message of thread) {
      expect(blocksOf(message).length).toBeLessThanOrEqual(50);
      expect(String(message.body.blocks)).not.toMatch(/Output truncated/);
    }
    await h.slash(`cancel ${id}`);
  }, 60_000);
});

describe('fault 13: escaping, mentions and telling the requester', () => {
  it('fault 13: a typed > shows once-escaped on the card and in its notification text', async () => {
    // Slack escapes `&`, `<` and `>` in a slash command's text: `wipe "a>b"` arrives as `wipe "a&gt;b"`.
    const { reply } = await h.slash('wipe "rap&gt;jazz" --reason "load &gt; 90%"');
    await reply();
    const card = await h.slack.next(isCard('rap'));
    const command = blocksOf(card)
      .flatMap((block) => block.fields ?? [])
      .find((field) => field.text.startsWith('*Command*'));
    expect(command?.text).toBe('*Command*\n/radio wipe "rap&gt;jazz" --reason "load &gt; 90%"');
    expect(String(card.body.blocks)).not.toContain('&amp;gt;');
    expect(String(card.body.text)).toContain('/radio wipe "rap&gt;jazz" --reason "load &gt; 90%"');
    expect(String(card.body.text)).not.toContain('&amp;');
  });

  it('fault 13: the card mentions the approver group while pending, and the requester hears approved and done', async () => {
    const { reply } = await h.slash('wipe mentions-approved');
    await reply();
    const card = await h.slack.next(isCard('mentions-approved'));
    expect(String(card.body.blocks)).toContain('<!subteam^S0ONCALL>');
    expect(String(card.body.blocks)).not.toContain('&lt;!subteam');
    const id = idOf(card);
    await press('radio_approve', id, 'U0BOB');
    const ts = await tsOf(card);
    // Thread replies go out in the background (fault 10): wait for the notice rather than look once.
    await h.slack.next((r) => noticeIn(ts)(r) && /approved/i.test(String(r.body.blocks)));
    await h.slack.next(
      (r) => r.path === '/api/chat.update' && r.body.ts === ts && /Approved and done/.test(String(r.body.text)),
    );
    const last = h.slack.requests.filter((r) => r.path === '/api/chat.update' && r.body.ts === ts).at(-1);
    expect(String(last?.body.blocks)).not.toContain('<!subteam^');
  });

  it('fault 13: the requester is mentioned in the thread when the request is rejected', async () => {
    const { reply } = await h.slash('wipe mentions-rejected');
    await reply();
    const card = await h.slack.next(isCard('mentions-rejected'));
    const id = idOf(card);
    const rejected = await h.slash(`reject ${id} --reason "not now"`, { user_id: 'U0BOB', user_name: 'bob' });
    await rejected.reply();
    const notice = await h.slack.next(noticeIn(await tsOf(card)));
    expect(String(notice.body.blocks)).toMatch(/rejected/i);
    expect(String(notice.body.blocks)).toContain('not now');
  });

  it('fault 13: the requester is mentioned in the thread when the request expires', async () => {
    const { reply } = await h.slash('wipe mentions-expired');
    await reply();
    const card = await h.slack.next(isCard('mentions-expired'));
    const id = idOf(card);
    await h.db.query(`UPDATE approval_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    await press('radio_approve', id, 'U0BOB');
    const notice = await h.slack.next(noticeIn(await tsOf(card)));
    expect(String(notice.body.blocks)).toMatch(/expired/i);
    expect(world.state.executions.filter((e) => e.target === 'mentions-expired')).toEqual([]);
  });

  it('fault 13: the requester is mentioned in the thread when the approved run fails', async () => {
    const { reply } = await h.slash('explode --reason fails-once');
    await reply();
    const card = await h.slack.next(isCard('fails-once'));
    const id = idOf(card);
    await press('radio_approve', id, 'U0BOB');
    const ts = await tsOf(card);
    const notice = await h.slack.next((r) => noticeIn(ts)(r) && String(r.body.blocks).includes('failed'));
    expect(String(notice.body.blocks)).toMatch(/<@U0ALICE> your approved request failed: /);
  });
});
