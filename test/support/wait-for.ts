// Polls a condition instead of sleeping a fixed time: tests wait for an event, not for a clock.
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Resolves once `check` returns true, polling every `intervalMs`.
 * @throws Error naming `what` after `attempts` polls (a safety net far beyond what a passing run needs).
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  attempts = 400,
  intervalMs = 25,
): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await delay(intervalMs);
  }
  throw new Error(`Gave up waiting for ${what}`);
}
