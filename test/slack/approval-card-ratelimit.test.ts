// Issue 12, fault 10: an approved run must not wait for its card. Slack holds every chat.update answer
// (on a latch the test releases at the end) and then answers the first one 429 `Retry-After: 15`; the
// approved command must run, and the approver be told "approved: running", before any update goes through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCommand } from '../../src/pipeline/command.js';
import { wipeWorld } from '../support/approvals-fixture.js';
import { HttpReply } from '../support/fake-slack.js';
import { manualClock } from '../support/manual-clock.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { buttonBody } from './approval-buttons-body.js';

const world = wipeWorld();
const events: string[] = [];
const wipe: AnyCommand = {
  ...world.wipe,
  run: async (context) => {
    const result: unknown = await world.wipe.run(context);
    events.push('executed');
    return result;
  },
};
let release: () => void = () => undefined;
const latch = new Promise<void>((resolve) => (release = resolve));
let h: Harness;

beforeAll(async () => {
  // The cards' rate limiter sleeps on a manual clock, so Retry-After: 15 passes in virtual time.
  h = await startHarness([wipe], { server: { approvalCards: { clock: manualClock() } } });
  h.slack.onApi('chat.postMessage', (body) => ({
    ok: true,
    channel: body.channel,
    ts: `17419886${String(h.slack.requests.length).padStart(2, '0')}.000100`,
  }));
  let updates = 0;
  h.slack.onApi('chat.update', async (body) => {
    const answer = ++updates;
    await latch;
    if (answer === 1) {
      events.push('card update answered 429');
      return new HttpReply(429, { 'retry-after': '15' }, { ok: false, error: 'ratelimited' });
    }
    events.push('card update went through');
    return { ok: true, channel: body.channel, ts: body.ts };
  });
  h.slack.onApi('usergroups.users.list', () => ({ ok: true, users: [] }));
});
afterAll(() => h.close());

/** Resolves when `check` holds, or after `ms` (then the assertions below say what happened instead). */
async function until(check: () => boolean, ms: number): Promise<void> {
  for (let waited = 0; waited < ms && !check(); waited += 50) await new Promise((r) => setTimeout(r, 50));
}

describe('an approved run and its card (fault 10)', () => {
  it('fault 10: runs right after the claim and tells the approver before any card update goes through', async () => {
    const { reply } = await h.slash('wipe rap --reason fault-10');
    await reply();
    const card = await h.slack.next((r) => r.path === '/api/chat.postMessage' && !r.body.thread_ts);
    const id = /apr_[0-9A-Z]{26}/.exec(String(card.body.blocks))?.[0] ?? '';

    const responseUrl = h.slack.responseUrl();
    const path = new URL(responseUrl).pathname;
    void h.slack
      .next((r) => r.path === path && /approved: running/.test(String(r.body.text)))
      .then(() => events.push('approver told: running'));
    await h.post(buttonBody('radio_approve', id, 'U0BOB', responseUrl));
    // Not a time limit on the fix: a bound so that the unfixed server (which waits for the card) fails
    // on the order below instead of hanging.
    await until(() => events.includes('executed') && events.includes('approver told: running'), 10_000);
    release();
    const final = await h.slack.next((r) => r.path === path && /approved and done/.test(String(r.body.text)));
    expect(String(final.body.text)).toMatch(/approved and done/);
    await until(() => events.includes('card update went through'), 30_000);

    const firstAnswer = events.findIndex((event) => event.startsWith('card update'));
    expect(firstAnswer).toBeGreaterThanOrEqual(0);
    // Both before Slack answered any card update (between themselves, either order).
    expect(events.slice(0, firstAnswer).sort()).toEqual(['approver told: running', 'executed']);
    expect(world.state.executions).toEqual([{ target: 'rap', key: id }]);
    // The 429 was honoured, not dropped: the card ends showing the outcome, without buttons.
    await until(
      () =>
        h.slack.requests.some((r) => r.path === '/api/chat.update' && /Approved and done/.test(String(r.body.text))),
      30_000,
    );
    const updates = h.slack.requests.filter((r) => r.path === '/api/chat.update');
    expect(String(updates.at(-1)?.body.text)).toMatch(/Approved and done/);
    expect(String(updates.at(-1)?.body.blocks)).not.toContain('radio_approve');
  }, 60_000);
});
