/** The three commands a clear by pattern sends; an ioredis `Redis` is one. */
export interface ScanUnlinkClient {
  scan(
    cursor: string,
    matchToken: 'MATCH',
    pattern: string,
    countToken: 'COUNT',
    count: number,
  ): Promise<[cursor: string, keys: string[]]>;
  unlink(...keys: string[]): Promise<number>;
  dbsize(): Promise<number>;
}

/** Keys asked for per `SCAN` call, and at most this many keys per `UNLINK` call. */
export const SCAN_COUNT = 1000;

/** What a clear by pattern did. `deleted` is the sum of what `UNLINK` answered, so repeated keys count once. */
export interface UnlinkOutcome {
  match: string;
  deleted: number;
  scanCalls: number;
  unlinkCalls: number;
}

/** How many keys match, from a bounded sample: exact when the whole keyspace was scanned. */
export interface KeyCountEstimate {
  match: string;
  /** Distinct matching keys seen (exact) or extrapolated from the sample to `DBSIZE` (estimate). */
  count: number;
  exact: boolean;
  /** Keys `SCAN` returned during the sample, matching or not, and the database's `DBSIZE`. */
  sampled: number;
  dbsize: number;
}

/**
 * Deletes every key matching `match` with `SCAN cursor MATCH match COUNT 1000` and `UNLINK` of up to
 * 1,000 keys per call (never `KEYS`, never a pattern to `DEL`). `SCAN` may return a key twice or an
 * empty batch before the cursor is back at 0; the count is what `UNLINK` reports, so nothing is
 * counted twice. One `UNLINK` is in flight while the next `SCAN` runs.
 * Source: https://redis.io/docs/latest/commands/scan/ (guarantees), https://redis.io/docs/latest/commands/unlink/
 */
export async function unlinkMatching(redis: ScanUnlinkClient, match: string): Promise<UnlinkOutcome> {
  const outcome: UnlinkOutcome = { match, deleted: 0, scanCalls: 0, unlinkCalls: 0 };
  let pending: string[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (keys: string[]) => {
    await inFlight;
    if (keys.length === 0) return;
    outcome.unlinkCalls += 1;
    const unlinking = redis.unlink(...keys).then((deleted) => void (outcome.deleted += deleted));
    inFlight = unlinking;
    // Awaited before the next UNLINK or at the end; a failure is not left unhandled meanwhile.
    unlinking.catch(() => undefined);
  };
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
    outcome.scanCalls += 1;
    cursor = next;
    pending.push(...keys);
    while (pending.length >= SCAN_COUNT) {
      await flush(pending.slice(0, SCAN_COUNT));
      pending = pending.slice(SCAN_COUNT);
    }
  } while (cursor !== '0');
  await flush(pending);
  await inFlight;
  return outcome;
}

/**
 * Counts keys matching `match` with at most `maxScans` `SCAN` calls: exact (distinct keys) when the
 * cursor came back to 0, else an estimate: `COUNT` is a hint of how many keys a call visits, so the
 * matching share of `maxScans × 1,000` visited keys is scaled to `DBSIZE`. Used by plans only.
 */
export async function estimateMatching(
  redis: ScanUnlinkClient,
  match: string,
  maxScans = 10,
): Promise<KeyCountEstimate> {
  const seen = new Set<string>();
  let sampled = 0;
  let cursor = '0';
  let scans = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
    keys.forEach((key) => seen.add(key));
    sampled += SCAN_COUNT;
    cursor = next;
    scans += 1;
  } while (cursor !== '0' && scans < maxScans);
  const dbsize = await redis.dbsize();
  if (cursor === '0') return { match, count: seen.size, exact: true, sampled: dbsize, dbsize };
  const share = seen.size / Math.max(1, Math.min(sampled, dbsize));
  return { match, count: Math.round(share * dbsize), exact: false, sampled: Math.min(sampled, dbsize), dbsize };
}
