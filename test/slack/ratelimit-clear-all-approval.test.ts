// Issue 5's "done when", through signed Slack requests against the real server, Postgres and Redis:
// alice asks `ratelimit clear --all`; her own Approve and a non-approver's are refused; bob's Approve
// runs it once although he clicks three times at once; only the matching keys go.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { openTestRedis } from '../support/test-redis.js';
import { buttonBody } from './approval-buttons-body.js';

const MATCHING = 100_000;
const OTHERS = 5_000;
// The harness's Redis database; this file's keys live under a prefix of their own, so `--all` here
// can only ever reach them.
const redis = openTestRedis('slack-server-harness');
let h: Harness;

beforeAll(async () => {
  const fixture = readFileSync(fileURLToPath(new URL('../fixtures/radio.test.yml', import.meta.url)), 'utf8');
  const path = join(mkdtempSync(join(tmpdir(), 'radio-clear-all-')), 'radio.yml');
  writeFileSync(path, `${fixture}\nredis: { rateLimitKey: "${redis.rateLimitKey}" }\n`);
  h = await startHarness([], { radioConfig: path });
  h.slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `1741990${String(h.slack.requests.length).padStart(3, '0')}.000200`,
  }));
  h.slack.onApi('chat.update', (body) => ({ ok: true, channel: body.channel, ts: body.ts }));
  h.slack.onApi('usergroups.users.list', (body) => ({
    ok: true,
    users: body.usergroup === 'S0VIEWERS' ? ['U0CAROL'] : [],
  }));
  await redis.redis.connect();
  for (let start = 0; start < MATCHING; start += 10_000) {
    const batch = redis.redis.pipeline();
    for (let i = start; i < start + 10_000; i++)
      batch.set(
        redis.rateLimitKey.replace('{user_id}', `U${i}`).replace('{channel_id}', i % 2 ? 'rap' : 'jazz'),
        '3',
        'EX',
        3600,
      );
    await batch.exec();
  }
  const others = redis.redis.pipeline();
  for (let i = 0; i < OTHERS; i++) others.set(`${redis.prefix}session:${i}`, 'x');
  await others.exec();
});
afterAll(async () => {
  await h.close();
  await redis.cleanup();
});

async function count(pattern: string): Promise<number> {
  let cursor = '0';
  let total = 0;
  do {
    const [next, keys] = await redis.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    total += keys.length;
    cursor = next;
  } while (cursor !== '0');
  return total;
}

async function press(value: string, userId: string) {
  const responseUrl = h.slack.responseUrl();
  await h.post(buttonBody('radio_approve', value, userId, responseUrl));
  // The answer: not the "approved: running" notice that comes first when a press starts the run.
  return h.slack
    .next((r) => r.path === new URL(responseUrl).pathname && !/approved: running/.test(String(r.body.text)))
    .then((r) => String(r.body.text));
}

describe('ratelimit clear --all with two people', () => {
  it('runs once after another approver approves, and only the matching keys go', async () => {
    expect(await count(`${redis.prefix}rate_limit:*`)).toBe(MATCHING);
    const { ack, reply } = await h.slash('ratelimit clear --all --reason "abuse wave over"');
    expect(ack.status).toBe(200);
    expect(JSON.stringify((await reply()).blocks)).toMatch(/waits for a second person's approval/);
    const card = await h.slack.next((r) => r.path === '/api/chat.postMessage');
    const id = /apr_[0-9A-Z]{26}/.exec(String(card.body.blocks))?.[0] ?? '';
    expect(String(card.body.blocks)).toContain('radio_approve');

    // Issue 10, item 3: alice holds no approver role, so authorize refuses her before the approval service does.
    expect(await press(id, 'U0ALICE')).toMatch(/approver role/);
    expect(await press(id, 'U0CAROL')).toMatch(/approver role/);
    expect(await count(`${redis.prefix}rate_limit:*`)).toBe(MATCHING);

    const clicks = await Promise.all([1, 2, 3].map(() => press(id, 'U0BOB')));
    expect(clicks.filter((text) => /approved and done/.test(text))).toHaveLength(1);
    expect(await count(`${redis.prefix}rate_limit:*`)).toBe(0);
    expect(await count(`${redis.prefix}session:*`)).toBe(OTHERS);

    // Card updates go out in the background (issue 12, fault 10): wait for the final one, then check it is last.
    await h.slack.next((r) => r.path === '/api/chat.update' && /Approved and done/.test(String(r.body.text)));
    const updates = h.slack.requests.filter((r) => r.path === '/api/chat.update').map((r) => String(r.body.text));
    expect(updates.at(-1)).toMatch(/Approved and done/);
    // The thread holds the full plan first (fault 9), then the result: wait for the result.
    const result = await h.slack.next(
      (r) =>
        r.path === '/api/chat.postMessage' &&
        Boolean(r.body.thread_ts) &&
        /100,?000/.test(JSON.stringify(r.body.blocks)),
    );
    expect(result.body.thread_ts).toBeTruthy();
    const { rows } = await h.db.query<{ outcome: string }>(
      'SELECT outcome FROM audit_events WHERE approval_id = $1 ORDER BY id',
      [id],
    );
    expect(rows.map((row) => row.outcome)).toEqual(['requested', 'approved', 'started', 'succeeded']);
  }, 60_000);
});
