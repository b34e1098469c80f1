/** Why a check stopped waiting: its message is the `<why>` of `unknown: <why>`. */
export class HlsCheckStopped extends Error {
  override name = 'HlsCheckStopped';
}

/** A signal aborted after `ms` with {@link HlsCheckStopped}(`why`), so whoever catches it can tell which deadline it was. */
export function deadlineSignal(ms: number, why: string): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new HlsCheckStopped(why)), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** `signals` that are given, as one that aborts when the first of them does. */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any(signals.filter((signal) => signal !== undefined));
}

/** The reason of the first of `signals` that fired, in words (our deadlines carry them; a run's deadline its own). */
export function firedReason(signals: readonly (AbortSignal | undefined)[]): string | undefined {
  const fired = signals.find((signal) => signal?.aborted);
  if (!fired) return undefined;
  const reason: unknown = fired.reason;
  return reason instanceof Error ? reason.message : String(reason);
}

/** `ms` of `sleep`, or until `signal` fires (then it rejects with the signal's reason). */
export async function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal) {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** Seconds as people read them in a deadline: `2 s`, `0.3 s`. */
export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
