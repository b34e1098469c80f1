// A clock whose sleeps end only when the test moves it past their end: background loops (the on-air watcher)
// run one round per `advance`, in virtual time, and the test sees how many are asleep.
import type { Clock } from '../../src/alarms/clock.js';

export function steppedClock(start = Date.parse('2025-03-14T21:00:00Z')) {
  let now = start;
  let sleepers: { until: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => sleepers.push({ until: now + Math.max(0, ms), resolve })),
    /** Moves time on by `ms`, waking every sleep that ends by then. */
    advance(ms: number) {
      now += ms;
      const due = sleepers.filter((sleeper) => sleeper.until <= now);
      sleepers = sleepers.filter((sleeper) => sleeper.until > now);
      for (const sleeper of due) sleeper.resolve();
    },
    /** Sleeps not yet ended. */
    sleeping: () => sleepers.length,
  } satisfies Clock & Record<string, unknown>;
}
