import { describe, expect, it } from 'vitest';
import { utcWithAge } from '../../src/commands/utc-with-age.js';

describe('utcWithAge', () => {
  const now = new Date('2025-03-14T22:05:41Z');
  it('shows UTC to the second with the age before now', () => {
    expect(utcWithAge(new Date('2025-03-14T21:15:37Z'), now)).toBe('2025-03-14 21:15:37 UTC (50m 4s ago)');
    expect(utcWithAge(new Date('2025-03-12T21:15:37Z'), now)).toBe('2025-03-12 21:15:37 UTC (2d 50m ago)');
  });
  it('says "just now", "in …" for the future, and "-" for no time', () => {
    expect(utcWithAge(now, now)).toBe('2025-03-14 22:05:41 UTC (just now)');
    expect(utcWithAge(new Date('2025-03-14T22:35:41Z'), now)).toBe('2025-03-14 22:35:41 UTC (in 30m)');
    expect(utcWithAge(undefined, now)).toBe('-');
  });
});
