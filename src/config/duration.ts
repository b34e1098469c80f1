import ms from 'ms';

const DURATION = /^(\d+)(s|m|h|d)$/;

/**
 * Parses a duration as people type it in Slack: a whole number and one unit, `90s`, `5m`, `2h`, `7d`.
 *
 * @returns milliseconds, or `undefined` when the text is not of that form (so callers can say what is wrong).
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  return ms(`${match[1]}${match[2]}` as ms.StringValue);
}

/** Formats milliseconds for people: `3m 12s`, `2h 5m`, `450ms`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
  let seconds = Math.floor(milliseconds / 1000);
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts = [days && `${days}d`, hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`];
  return parts.filter(Boolean).slice(0, 2).join(' ');
}
