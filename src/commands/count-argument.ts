import { z } from 'zod';

/**
 * A `--limit 20` style argument: digits only (no `1e2`, `0x10` or full-width digits), then a whole
 * number from `min` to `max`, `fallback` when the flag is absent. Messages name the range.
 */
export function countArgument(min: number, max: number, fallback: number) {
  return z
    .string()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d{1,9}$/, `a whole number from ${min} to ${max}`))
    .transform(Number)
    .pipe(z.number().min(min, `a whole number from ${min} to ${max}`).max(max, `a whole number from ${min} to ${max}`));
}
