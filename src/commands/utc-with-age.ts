import { formatDuration } from '../config/duration.js';

/**
 * A time as people read it in a reply: UTC to the second, and how long before `now` it was
 * (`2025-03-14 21:15:37 UTC (3h 12m ago)`). Pure: `now` is passed in (a command's result carries the
 * time it was read, so rendering never looks at a clock). `-` for an absent time.
 */
export function utcWithAge(at: Date | undefined, now: Date): string {
  if (!at) return '-';
  const utc = `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const elapsed = now.getTime() - at.getTime();
  if (elapsed < 1000 && elapsed > -1000) return `${utc} (just now)`;
  return elapsed > 0 ? `${utc} (${formatDuration(elapsed)} ago)` : `${utc} (in ${formatDuration(-elapsed)})`;
}
