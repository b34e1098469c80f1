/**
 * One thing the on-air watcher judges (a channel's source on Icecast, its HLS, Icecast itself) as one check saw
 * it: `ok` true or false, or `undefined` when it could not be told (Icecast did not answer, no HLS layer could be
 * read). `why` says what is wrong, in words, when `ok` is false; `detail` what is right, when true.
 */
export interface Seen {
  ok: boolean | undefined;
  why?: string;
  detail?: string;
}

/** What the watcher remembers of one aspect between checks (in memory: a new lease holder starts afresh). */
export interface Aspect {
  /** `bad` after two bad checks in a row, `ok` after one good one; `undefined` until either happened. */
  level?: 'ok' | 'bad';
  /** Bad checks in a row (checks that could not tell are skipped, neither counting nor breaking the run). */
  badInARow: number;
  /** When the run of bad checks began, ms since the epoch. */
  badSince?: number;
  /** The latest words of what is wrong, and of what is right. */
  why?: string;
  detail?: string;
}

/** Bad checks in a row that make an aspect bad: a Liquidsoap reconnect (a few seconds) is seen once at most. */
export const BAD_CHECKS_TO_ALARM = 2;

/**
 * The aspect after one more check at `at` (ms): two bad in a row make it `bad`; one good makes it `ok` (a
 * source connected, a playlist advancing, is what listeners get: it needs no second look); a check that could
 * not tell changes nothing. Pure.
 */
export function observe(aspect: Aspect | undefined, seen: Seen, at: number): Aspect {
  const before = aspect ?? { badInARow: 0 };
  if (seen.ok === undefined) return before;
  if (seen.ok) return { level: 'ok', badInARow: 0, ...(seen.detail ? { detail: seen.detail } : {}) };
  const badInARow = before.badInARow + 1;
  return {
    ...before,
    level: badInARow >= BAD_CHECKS_TO_ALARM ? 'bad' : before.level,
    badInARow,
    badSince: before.badSince ?? at,
    ...(seen.why ? { why: seen.why } : {}),
  };
}
