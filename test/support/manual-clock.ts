// A clock that moves only when slept on: storms and Retry-After waits run in virtual time.
import type { Clock } from '../../src/alarms/clock.js';

export function manualClock(start = Date.parse('2025-03-14T21:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += Math.max(0, ms);
    },
    advance(ms: number) {
      now += ms;
    },
  };
}
