import { setTimeout as sleepFor } from 'node:timers/promises';
import type { LogsQuery } from '../integrations/logs/logs-inputs.js';
import type { LogEvent, LogEvents, LogsOperations } from '../integrations/logs/logs-operations.js';

/** How `logs --follow` waits: injected so tests read successive polls without real waiting. */
export interface FollowTiming {
  /** Epoch milliseconds. */
  now: () => number;
  /** Resolves after `ms`; rejects when `signal` is aborted. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds between polls: 5 s, well within FilterLogEvents' 5 requests a second per account and region. */
  pollMs: number;
}

export const REAL_TIME: FollowTiming = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
  pollMs: 5_000,
};

/**
 * Follows a group like `aws logs tail --follow`: after the first read (`first`, the window up to `endTime`),
 * polls `FilterLogEvents` every `pollMs` from the newest timestamp seen (inclusive: several events can share
 * a millisecond), drops events already seen by `eventId`,
 * keeps the newest `limit`, and calls `onUpdate` when something new came. Ends after `followMs`; an aborted
 * `signal` (the run's deadline, a Ctrl-C) stops it by rejecting.
 */
export async function followLogs(options: {
  logs: LogsOperations;
  query: LogsQuery;
  first: LogEvents;
  limit: number;
  followMs: number;
  timing: FollowTiming;
  signal?: AbortSignal;
  onUpdate: (events: LogEvents) => void;
}): Promise<LogEvents> {
  const { logs, query, limit, timing, signal, onUpdate } = options;
  const ends = query.endTime + options.followMs;
  let events = options.first.events;
  let { read, complete } = options.first;
  // The next poll starts at the newest event seen (late-ingested events at that millisecond are still found),
  // or where the first window ended when it had none.
  let newest = events.length > 0 ? Math.max(...events.map((event) => event.timestamp)) : query.endTime;
  // Only events at the newest timestamp can come again (the next poll starts there).
  let atNewest = new Set(events.filter((event) => event.timestamp === newest).map((event) => event.eventId));
  for (let now = timing.now(); now < ends; now = timing.now()) {
    await timing.sleep(Math.min(timing.pollMs, ends - now), signal);
    signal?.throwIfAborted();
    const page = await logs.filter({ ...query, startTime: newest, endTime: Math.min(timing.now(), ends) }, limit);
    read += page.read;
    complete &&= page.complete;
    const fresh = page.events.filter((event) => !(event.timestamp === newest && atNewest.has(event.eventId)));
    if (fresh.length === 0) continue;
    events = [...events, ...fresh].sort((a, b) => a.timestamp - b.timestamp).slice(-limit);
    const latest = Math.max(...fresh.map((event) => event.timestamp));
    if (latest > newest) atNewest = new Set();
    newest = latest;
    for (const event of fresh) if (event.timestamp === newest) atNewest.add(event.eventId);
    onUpdate({ events, read, complete });
  }
  return { events, read, complete };
}

export type { LogEvent };
