import type { Logger } from 'pino';
import type { ApprovalRecord } from './approval-record.js';
import { CardCallError } from '../alarms/card-poster.js';
import type { Clock } from '../alarms/clock.js';
import { createRateLimiter, SLACK_CHANNEL_RATE, type RateLimiter } from '../alarms/rate-limiter.js';
import type { Reply } from '../pipeline/reply.js';
import type { CardNotifier, CardSubject } from './approval-notifier.js';

/** One card change or thread reply still to send. */
type Job<R> = { kind: 'update'; record: R; card: Reply } | { kind: 'thread'; record: R; reply: Reply };

/** What {@link createQueuedApprovalNotifier} needs; every wait is on `clock`. */
export interface QueuedApprovalNotifierOptions<R extends CardSubject> {
  /** Sends for real; throws {@link CardCallError}s (a 429 with its `Retry-After` in `retryAfterMs`). */
  inner: CardNotifier<R>;
  clock: Clock;
  log: Logger;
  /** Calls per channel (default Slack's about one a second, bursts of 3). */
  limiter?: RateLimiter;
  /** Tries for a call that fails with something other than a 429 (default 3); 429s wait and retry. */
  attempts?: number;
}

/**
 * Card updates and thread replies that never hold anything up (issue 12, fault 10): `update` and `thread`
 * queue and return at once; one sender per card sends them in order behind a per-channel rate limiter,
 * waiting out a 429's `Retry-After` (the client must reject rate-limited calls, not wait inside them).
 * Updates coalesce: a card waiting to be sent is replaced by its newer state, so after a 15 s
 * Retry-After only the latest card goes out. `post` is awaited (its `ts` is stored, and a refusal
 * cancels the request) but also waits its turn and retries 429s.
 *
 * In process, not the alarm cards' Postgres outbox: the decision and the run are in Postgres and
 * audited; a card is a view of them, and one lost to a restart mid-Retry-After is stale, not wrong
 * (the sweeper and the next decision update it). It needs no lease, table or migration.
 * Source: https://api.slack.com/apis/rate-limits
 */
export function createQueuedApprovalNotifier<R extends CardSubject = ApprovalRecord>(
  options: QueuedApprovalNotifierOptions<R>,
) {
  const { inner, clock, log } = options;
  const limiter = options.limiter ?? createRateLimiter(SLACK_CHANNEL_RATE, clock);
  const maxAttempts = options.attempts ?? 3;
  const queues = new Map<string, Job<R>[]>();
  const senders = new Map<string, Promise<void>>();
  let stopped = false;

  /** Calls `send` for `channel` behind the limiter, waiting out 429s; other failures retried `maxAttempts` times. */
  async function call<T>(channel: string, send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await limiter.take(channel);
      try {
        return await send();
      } catch (error) {
        if (stopped) throw error;
        if (error instanceof CardCallError && error.problem === 'rate_limited') {
          const retryAfterMs = error.retryAfterMs ?? 1000;
          log.warn({ channel, retryAfterMs }, 'Slack rate-limited an approval card; waiting as Retry-After says');
          limiter.pause(channel, retryAfterMs);
          attempt--;
          continue;
        }
        const permanent = error instanceof CardCallError && error.problem !== 'other';
        if (permanent || attempt >= maxAttempts) throw error;
        await clock.sleep(1000 * 2 ** attempt);
      }
    }
  }

  async function drain(id: string): Promise<void> {
    const queue = queues.get(id) ?? [];
    for (let job = queue.shift(); job && !stopped; job = queue.shift()) {
      const sending = job;
      const channel = sending.record.message_channel ?? sending.record.channel_id ?? '';
      try {
        await call(channel, () =>
          sending.kind === 'update'
            ? inner.update(sending.record, sending.card)
            : inner.thread(sending.record, sending.reply),
        );
      } catch (error) {
        log.error({ err: error, approvalId: id, kind: sending.kind }, 'approval card message not sent');
      }
    }
    queues.delete(id);
    senders.delete(id);
  }

  function enqueue(job: Job<R>): void {
    if (stopped) return;
    const id = job.record.id;
    const queue = queues.get(id) ?? [];
    const waiting = job.kind === 'update' ? queue.findIndex((queued) => queued.kind === 'update') : -1;
    if (waiting >= 0) queue[waiting] = job;
    else queue.push(job);
    queues.set(id, queue);
    if (!senders.has(id)) senders.set(id, drain(id));
  }

  const notifier: CardNotifier<R> = {
    post: (record, card) => call(record.channel_id ?? '', () => inner.post(record, card)),
    update: async (record, card) => enqueue({ kind: 'update', record, card }),
    thread: async (record, reply) => enqueue({ kind: 'thread', record, reply }),
  };
  return {
    ...notifier,
    /** Resolves when every queued card change and reply has been sent (or given up on). */
    async idle(): Promise<void> {
      while (senders.size > 0) await Promise.all([...senders.values()]);
    },
    /** Sends nothing more; what is still queued is logged and dropped (the records stay in Postgres). */
    stop(): void {
      stopped = true;
      const left = [...queues.values()].reduce((sum, queue) => sum + queue.length, 0);
      if (left > 0) log.warn({ left }, 'approval card messages not sent before stopping');
    },
  };
}

export type QueuedApprovalNotifier<R extends CardSubject = ApprovalRecord> = ReturnType<
  typeof createQueuedApprovalNotifier<R>
>;
