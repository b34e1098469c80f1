/** The signals that ask the shell to stop: Ctrl-C outside readline's raw mode, and `kill`. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

/** How long a command that is running when a stop signal arrives may take to finish (and write its audit row). */
export const STOP_GRACE_MS = 20_000;

/** Where signals come from: `process`, or an emitter in tests. */
export interface SignalSource {
  on(event: StopSignal, listener: (signal: StopSignal) => void): unknown;
  off(event: StopSignal, listener: (signal: StopSignal) => void): unknown;
}

/** The shell's answer to SIGINT/SIGTERM while it runs: see {@link stopOnSignals}. */
export interface StopSignals {
  /** The first stop signal received, if any: read no more input. */
  readonly signal: StopSignal | undefined;
  /** Calls `listener` once, on the first stop signal (the shell closes its readline there). */
  onStop(listener: () => void): void;
  /**
   * Awaits `work` (one dispatched line). If a stop signal arrives meanwhile, waits at most `graceMs`
   * more for it, so its audit outcome is written; resolves `undefined` when it did not finish in time.
   */
  finish<T>(work: Promise<T>): Promise<T | undefined>;
  /** Whether a command was still running when the grace period ended. */
  readonly abandoned: boolean;
  /** Removes the handlers: from here on a signal has its default effect again. */
  dispose(): void;
}

/**
 * Takes over SIGINT and SIGTERM for the shell, so a stop never cuts a command off between its
 * `started` and outcome audit rows and never leaves the data directory's lock behind: the caller
 * stops reading, lets the running line finish (bounded by `graceMs`), closes the runtime and exits 1.
 * A second signal means "now": it exits 1 at once (the lock is still released on exit).
 *
 * @param announce writes a line for the person (stderr).
 */
export function stopOnSignals(
  announce: (message: string) => void,
  options: { graceMs?: number; source?: SignalSource; exitNow?: () => void } = {},
): StopSignals {
  const graceMs = options.graceMs ?? STOP_GRACE_MS;
  const source = options.source ?? process;
  const exitNow = options.exitNow ?? (() => process.exit(1));
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  let signal: StopSignal | undefined;
  let busy = false;
  let abandoned = false;

  const onSignal = (received: StopSignal) => {
    if (signal) {
      announce(`radio-ops: ${received} again: stopping now.`);
      exitNow();
      return;
    }
    signal = received;
    announce(
      busy
        ? `radio-ops: ${received}: finishing the running command (at most ${graceMs / 1000} s), then stopping. ${received === 'SIGINT' ? 'Ctrl-C' : 'Send it'} again to stop now.`
        : `radio-ops: ${received}: stopping.`,
    );
    wake();
  };
  for (const name of STOP_SIGNALS) source.on(name, onSignal);

  return {
    get signal() {
      return signal;
    },
    get abandoned() {
      return abandoned;
    },
    onStop(listener) {
      void stopped.then(listener);
    },
    async finish<T>(work: Promise<T>): Promise<T | undefined> {
      busy = true;
      try {
        const done = work.then((value) => ({ value }));
        const first = await Promise.race([done, stopped.then(() => undefined)]);
        if (first) return first.value;
        let timer: NodeJS.Timeout | undefined;
        const late = await Promise.race([
          done,
          new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), graceMs))),
        ]);
        clearTimeout(timer);
        if (!late) {
          abandoned = true;
          announce(
            `radio-ops: the running command did not finish within ${graceMs / 1000} s; stopping anyway (its audit row may lack an outcome).`,
          );
        }
        return late?.value;
      } finally {
        busy = false;
      }
    },
    dispose() {
      for (const name of STOP_SIGNALS) source.off(name, onSignal);
    },
  };
}
