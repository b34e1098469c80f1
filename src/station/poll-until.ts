import { systemClock, type Clock } from '../alarms/clock.js';

export interface PollOptions {
  /** How long to keep trying, in milliseconds of `clock`. */
  withinMs: number;
  /** Pause between reads, in milliseconds. */
  everyMs: number;
  /** Default: the wall clock. Tests pass a manual one. */
  clock?: Clock;
  /** Stops polling at once (the command's deadline): the result then says not met. */
  signal?: AbortSignal;
}

/** What {@link pollUntil} saw: whether the check held, the last value read (undefined if none could be), and when. */
export interface PollResult<T> {
  met: boolean;
  value?: T;
  /** Milliseconds from the first read to the last. */
  waitedMs: number;
}

/**
 * Reads `read()` until `done(value)` holds, at most `withinMs`: how a write verifies its effect (a new title
 * after `skip`, the mount back after `kill-source`). A read that fails counts as "not yet" (a server restarting
 * is what some writes cause); the last value read successfully is kept. Never throws what `read` throws.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { withinMs, everyMs, clock = systemClock, signal }: PollOptions,
): Promise<PollResult<T>> {
  const start = clock.now();
  let value: T | undefined;
  let anyRead = false;
  for (;;) {
    try {
      const next = await read();
      value = next;
      anyRead = true;
      if (done(next)) return { met: true, value: next, waitedMs: clock.now() - start };
    } catch {
      // not yet: the next read may succeed
    }
    const waited = clock.now() - start;
    if (signal?.aborted || waited + everyMs > withinMs)
      return { met: false, ...(anyRead ? { value: value as T } : {}), waitedMs: waited };
    await clock.sleep(everyMs);
  }
}
