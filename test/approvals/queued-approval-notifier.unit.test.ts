// The approval cards' queue (issue 12, fault 10): returns at once, sends per card in order, waits out a
// 429's Retry-After on the clock, and sends only the newest state of a card that waited.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CardCallError } from '../../src/alarms/card-poster.js';
import type { ApprovalNotifier } from '../../src/approvals/approval-notifier.js';
import type { ApprovalRecord } from '../../src/approvals/approval-record.js';
import { createQueuedApprovalNotifier } from '../../src/approvals/queued-approval-notifier.js';
import { text } from '../../src/pipeline/reply.js';
import { manualClock } from '../support/manual-clock.js';

const record = { id: 'apr_1', message_channel: 'C1', message_ts: '1.1', channel_id: 'C1' } as ApprovalRecord;
const reply = (summary: string) => ({ summary, visibility: 'in_channel' as const, parts: [text(summary)] });

describe('queued approval notifier', () => {
  it('returns before Slack answers, waits out Retry-After, and coalesces waiting updates', async () => {
    const clock = manualClock();
    const sent: string[] = [];
    let calls = 0;
    let release: () => void = () => undefined;
    const latch = new Promise<void>((resolve) => (release = resolve));
    const inner: ApprovalNotifier = {
      post: async () => undefined,
      update: async (_record, card) => {
        await latch;
        if (++calls === 1) throw new CardCallError('rate_limited', 'Slack answered 429', 15_000);
        sent.push(`update ${card.summary} at ${clock.now()}`);
      },
      thread: async (_record, r) => void sent.push(`thread ${r.summary}`),
    };
    const start = clock.now();
    const queue = createQueuedApprovalNotifier({ inner, clock, log: pino({ level: 'silent' }) });
    await queue.update(record, reply('running'));
    await queue.update(record, reply('done'));
    await queue.thread(record, reply('result'));
    await queue.update(record, reply('done, final'));
    expect(sent).toEqual([]);
    release();
    await queue.idle();
    const at = (ms: number) => start + ms;
    // 'running' hit the 429 and was retried after 15 s; 'done' was replaced by 'done, final' while it waited.
    expect(sent.map((line) => line.replace(/ at \d+$/, ''))).toEqual([
      'update running',
      'update done, final',
      'thread result',
    ]);
    expect(Number(/at (\d+)/.exec(sent[0] ?? '')?.[1])).toBeGreaterThanOrEqual(at(15_000));
  });
});
