// pollUntil in virtual time: a verification after a write is bounded, and says honestly when it ran out.
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/station/poll-until.js';
import { manualClock } from '../support/manual-clock.js';

describe('pollUntil', () => {
  it('returns the first value that satisfies the check, and how long it waited', async () => {
    const clock = manualClock();
    const values = ['a', 'a', 'b'];
    const result = await pollUntil(
      async () => values.shift() ?? 'c',
      (v) => v === 'b',
      {
        withinMs: 5000,
        everyMs: 250,
        clock,
      },
    );
    expect(result).toEqual({ met: true, value: 'b', waitedMs: 500 });
  });

  it('gives up after withinMs with the last value read (never polls past the bound)', async () => {
    const clock = manualClock();
    let reads = 0;
    const result = await pollUntil(
      async () => ++reads,
      () => false,
      { withinMs: 1000, everyMs: 250, clock },
    );
    expect(result).toEqual({ met: false, value: 5, waitedMs: 1000 });
  });

  it('stops at once when the signal aborts (the command deadline), keeping the last value', async () => {
    const clock = manualClock();
    const controller = new AbortController();
    let reads = 0;
    const result = await pollUntil(
      async () => {
        if (++reads === 2) controller.abort();
        return reads;
      },
      () => false,
      { withinMs: 60_000, everyMs: 250, clock, signal: controller.signal },
    );
    expect(result).toEqual({ met: false, value: 2, waitedMs: 250 });
  });

  it('counts a failed read as not yet (a restarting server), and keeps the last good value', async () => {
    const clock = manualClock();
    const answers: (() => Promise<string>)[] = [
      async () => 'old',
      () => Promise.reject(new Error('ECONNREFUSED')),
      async () => 'new',
    ];
    const result = await pollUntil(
      () => (answers.shift() as () => Promise<string>)(),
      (v) => v === 'new',
      {
        withinMs: 5000,
        everyMs: 100,
        clock,
      },
    );
    expect(result).toEqual({ met: true, value: 'new', waitedMs: 200 });
  });
});
