import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AlarmOutbox, OutboxJob } from './alarm-outbox.js';
import type { Clock } from './clock.js';
import { CardCallError } from './card-poster.js';

/** What the outbox worker needs; every time is on `clock`. */
export interface AlarmWorkerOptions {
  outbox: AlarmOutbox;
  /** Brings one card up to date (see `syncCard`); throws `CardCallError`s from Slack. */
  sync: (alarmKey: string) => Promise<void>;
  clock: Clock;
  log: Logger;
  /** At most one card update per alarm per this many milliseconds (flapping coalesces). */
  coalesceMs: number;
  /** Lease length in milliseconds, renewed before each card; default 60 s. */
  leaseMs?: number;
  /** How often an idle worker (or one without the lease) looks again; default 5 s. */
  idleMs?: number;
  /** This replica's lease owner id; default a random one. */
  owner?: string;
}

/** A card the bot can't post to its channel is tried again after this long. */
const NOT_IN_CHANNEL_RETRY_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Works the alarm outbox: whichever replica holds the lease sends due card updates one at a time,
 * each behind the rate limiter (inside `sync`). A 429 defers the card by its `Retry-After`; other
 * failures back off; the row stays until its update was sent, so nothing is lost or doubled by a
 * restart. `start` runs it in the background; `drain` runs it to empty on the injected clock.
 * Source: https://api.slack.com/apis/rate-limits (429 and `Retry-After`)
 */
export function createAlarmWorker(options: AlarmWorkerOptions) {
  const { outbox, clock, log, coalesceMs } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const idleMs = options.idleMs ?? 5000;
  const owner = options.owner ?? `alarm-worker-${randomUUID()}`;
  const at = (offsetMs = 0) => new Date(clock.now() + offsetMs);
  let stopped = false;
  let running: Promise<void> | undefined;
  let wake: () => void = () => undefined;
  let nudged = false;

  async function fail(job: OutboxJob, error: unknown): Promise<void> {
    const problem = error instanceof CardCallError ? error.problem : 'other';
    const message = error instanceof Error ? error.message : String(error);
    if (problem === 'rate_limited') {
      const retryAfterMs = (error as CardCallError).retryAfterMs ?? 1000;
      log.warn(
        { alarmKey: job.alarmKey, retryAfterMs },
        'Slack rate-limited an alarm card; waiting as Retry-After says',
      );
      return outbox.defer(job, at(retryAfterMs), message);
    }
    if (problem === 'not_in_channel') {
      log.error(
        { alarmKey: job.alarmKey, slackError: message },
        'Alarm card not posted: the bot is not in the alarm channel (invite it with /invite, or fix alarms.channel)',
      );
      return outbox.defer(job, at(NOT_IN_CHANNEL_RETRY_MS), message);
    }
    log.error({ err: error, alarmKey: job.alarmKey, attempts: job.attempts }, 'Alarm card update failed; will retry');
    return outbox.defer(job, at(Math.min(MAX_BACKOFF_MS, 5000 * 2 ** job.attempts)), message);
  }

  /** One pass over due cards; resolves milliseconds until the next is due (`undefined`: none queued). */
  async function runOnce(): Promise<number | undefined> {
    if (!(await outbox.acquireLease(owner, at(), at(leaseMs)))) return idleMs;
    for (const job of await outbox.due(at(), 20)) {
      if (stopped || !(await outbox.acquireLease(owner, at(), at(leaseMs)))) break;
      try {
        await options.sync(job.alarmKey);
        await outbox.finish(job, at(), coalesceMs);
      } catch (error) {
        await fail(job, error);
      }
    }
    return outbox.nextDueIn(at());
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      let waitMs = idleMs;
      try {
        waitMs = Math.min((await runOnce()) ?? idleMs, idleMs);
      } catch (error) {
        log.error({ err: error }, 'Alarm outbox pass failed');
      }
      if (waitMs > 0 && !stopped && !nudged)
        await new Promise<void>((resolve) => {
          wake = resolve;
          void clock.sleep(waitMs).then(resolve);
        });
      nudged = false;
    }
  }

  return {
    runOnce,
    /** Runs passes until the outbox is empty, sleeping on the clock until each next due time. */
    async drain(maxPasses = 10_000): Promise<void> {
      for (let pass = 0; pass < maxPasses; pass++) {
        const next = await runOnce();
        if (next === undefined) return;
        if (next > 0) await clock.sleep(next);
      }
      throw new Error(`alarm outbox not drained after ${maxPasses} passes`);
    },
    start(): void {
      running ??= loop();
    },
    /** Looks at the outbox now (a transition was just queued). */
    nudge(): void {
      nudged = true;
      wake();
    },
    async stop(): Promise<void> {
      stopped = true;
      wake();
      await running;
      await outbox
        .releaseLease(owner)
        .catch((error: unknown) => log.warn({ err: error }, 'alarm worker lease not released'));
    },
  };
}

export type AlarmWorker = ReturnType<typeof createAlarmWorker>;
