import type { SqlClient } from '../db/sql-client.js';

/** The outcome of {@link Cooldowns.claim}: claimed until `until`, or refused because another claim holds it until `until`. */
export type CooldownClaim = { claimed: true; until: Date } | { claimed: false; until: Date };

/**
 * Cooldowns kept in the bot's database (`cooldowns`, migrations/008), so every replica sees the same ones:
 * a key (`skip:rap`, `host-restart:<host>`) may be claimed once per cooldown. Times are the database's
 * (`now()`), never a replica's clock, and are kept to the millisecond (what a `Date` holds).
 */
export interface Cooldowns {
  /**
   * Claims `key` for `ms` milliseconds when it is free (never claimed, or its cooldown has passed), in one
   * conditional upsert: of simultaneous claims exactly one succeeds. @throws what the database throws.
   */
  claim(key: string, ms: number): Promise<CooldownClaim>;
  /** When the cooldown on `key` ends, or undefined when there is none now. Read-only (plans, dry runs). */
  until(key: string): Promise<Date | undefined>;
  /**
   * Gives back a claim whose action did not happen (nothing was sent), so the next try is not refused.
   * Only the claim that ends at `until` is released: a later claim by someone else stays.
   */
  release(key: string, until: Date): Promise<void>;
}

// `date_trunc('milliseconds', …)`: `until` round-trips through a JS Date exactly, so `release` can match it.
const CLAIM = `
  INSERT INTO cooldowns AS c (key, until)
  VALUES ($1, date_trunc('milliseconds', now() + $2::double precision * interval '1 millisecond'))
  ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until WHERE c.until <= now()
  RETURNING until`;

export function createCooldowns(db: SqlClient): Cooldowns {
  const current = async (key: string) => {
    const { rows } = await db.query<{ until: Date }>('SELECT until FROM cooldowns WHERE key = $1 AND until > now()', [
      key,
    ]);
    return rows[0]?.until;
  };
  return {
    async claim(key, ms) {
      // Twice at most: a refused claim reads the holder's `until`, which may have passed (or been released) since.
      for (let attempt = 0; attempt < 2; attempt++) {
        const { rows } = await db.query<{ until: Date }>(CLAIM, [key, ms]);
        if (rows[0]) return { claimed: true, until: rows[0].until };
        const until = await current(key);
        if (until) return { claimed: false, until };
      }
      throw new Error(`cooldown ${key}: neither claimed nor held after two tries`);
    },
    until: current,
    async release(key, until) {
      await db.query('DELETE FROM cooldowns WHERE key = $1 AND until = $2', [key, until]);
    },
  };
}
