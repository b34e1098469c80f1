/**
 * When radio-ops last restarted each unit, for `host restart`'s cooldown (`host.restartCooldown`).
 *
 * A minimal interface of its own: the Postgres-backed cooldowns (src/station/cooldowns.ts, branch `writes`) were not
 * on main when this was written. The default below is per process: a restart of the bot (or another replica) forgets
 * it. Swap in the shared one by implementing these two methods over it.
 */
export interface UnitCooldown {
  /** When `unit` was last restarted through radio-ops, if known. */
  lastRestart(unit: string): Promise<Date | undefined>;
  /** Records a restart of `unit` at `at` (before Run Command is sent: a sent restart counts even if its result is lost). */
  restarted(unit: string, at: Date): Promise<void>;
}

/** The per-process {@link UnitCooldown}. */
export function memoryCooldown(): UnitCooldown {
  const last = new Map<string, Date>();
  return {
    lastRestart: async (unit) => last.get(unit),
    restarted: async (unit, at) => void last.set(unit, at),
  };
}
