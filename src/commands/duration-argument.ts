import { z } from 'zod';
import { parseDuration } from '../config/duration.js';

/** The longest duration a command takes: past it, database intervals and timestamps overflow. */
export const MAX_DURATION_MS = 366 * 86_400_000;

/**
 * A `--flag 5m` duration argument: validated with {@link parseDuration} and turned into milliseconds,
 * `defaultText` when the flag is absent. A bad value is a zod issue, which the pipeline answers as a
 * usage error naming the flag.
 */
export function durationArgument(defaultText: string) {
  return z
    .string()
    .default(defaultText)
    .transform((text, context) => {
      const milliseconds = parseDuration(text);
      if (milliseconds === undefined) {
        context.addIssue({ code: 'custom', message: `'${text}' is not a duration like 90s, 5m, 2h or 7d` });
        return z.NEVER;
      }
      if (milliseconds > MAX_DURATION_MS) {
        context.addIssue({ code: 'custom', message: `'${text}' is longer than a year; use at most 366d` });
        return z.NEVER;
      }
      return milliseconds;
    });
}
