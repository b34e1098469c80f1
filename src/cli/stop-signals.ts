import { EXIT } from '../shell/exit-code.js';

/** The signals the shell takes over: SIGINT (Ctrl-C outside readline's raw mode, `kill -INT`) and SIGTERM. */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type ShellSignal = (typeof SIGNALS)[number];

/** How long a command that is running when SIGTERM arrives may take to finish (and write its audit row). */
export const STOP_GRACE_MS = 20_000;

/** Where signals come from: `process`, or an emitter in tests. */
export interface SignalSource {
  on(event: ShellSignal, listener: (signal: ShellSignal) => void): unknown;
  off(event: ShellSignal, listener: (signal: ShellSignal) => void): unknown;
}

/** The shell's answer to SIGINT and SIGTERM while it runs: see {@link stopOnSignals}. */
export interface StopSignals {
  /** `SIGTERM` once it was received: read no more input, and exit 143. */
  readonly signal: 'SIGTERM' | undefined;
  /** Calls `listener` once, on the first SIGTERM (the shell closes its readline there). */
  onStop(listener: () => void): void;
  /**
   * Calls `listener` at every SIGINT: the shell interrupts the running line (a read is cancelled, a write
   * finishes) or, at the prompt, starts a fresh line. SIGINT never stops the shell by itself.
   */
  onInterrupt(listener: () => void): void;
  /** Whether SIGINT was received (`-c` then exits 130). */
  readonly interrupted: boolean;
  /**
   * Awaits `work` (one dispatched line). If SIGTERM arrives meanwhile, waits at most `graceMs` more for
   * it, so its audit outcome is written; resolves `undefined` when it did not finish in time.
   */
  finish<T>(work: Promise<T>): Promise<T | undefined>;
  /** Whether a command was still running when the grace period ended. */
  readonly abandoned: boolean;
  /** Removes the handlers: from here on a signal has its default effect again. */
  dispose(): void;
}

/**
 * Takes over SIGINT and SIGTERM for the shell. SIGINT is Ctrl-C: it goes to the `onInterrupt` listener
 * (the pipeline decides what it does to a running command) and never cuts a command off between its
 * `started` and outcome audit rows. SIGTERM stops: the caller stops reading, lets the running line finish
 * (bounded by `graceMs`), closes the runtime (releasing the data directory's lock) and exits 143; a second
 * SIGTERM means "now" and exits 143 at once (the lock is still released on exit).
 *
 * @param announce writes a line for the person (stderr).
 */
export function stopOnSignals(
  announce: (message: string) => void,
  options: { graceMs?: number; source?: SignalSource; exitNow?: () => void } = {},
): StopSignals {
  const graceMs = options.graceMs ?? STOP_GRACE_MS;
  const source = options.source ?? process;
  const exitNow = options.exitNow ?? (() => process.exit(EXIT.terminated));
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  let signal: 'SIGTERM' | undefined;
  let interrupted = false;
  let onInterrupt: () => void = () => undefined;
  let busy = false;
  let abandoned = false;

  const onSignal = (received: ShellSignal) => {
    if (received === 'SIGINT') {
      interrupted = true;
      onInterrupt();
      return;
    }
    if (signal) {
      announce('radio-ops: SIGTERM again: stopping now.');
      exitNow();
      return;
    }
    signal = received;
    announce(
      busy
        ? `radio-ops: SIGTERM: finishing the running command (at most ${graceMs / 1000} s), then stopping. Send it again to stop now.`
        : 'radio-ops: SIGTERM: stopping.',
    );
    wake();
  };
  for (const name of SIGNALS) source.on(name, onSignal);

  return {
    get signal() {
      return signal;
    },
    get interrupted() {
      return interrupted;
    },
    get abandoned() {
      return abandoned;
    },
    onStop(listener) {
      void stopped.then(listener);
    },
    onInterrupt(listener) {
      onInterrupt = listener;
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
      for (const name of SIGNALS) source.off(name, onSignal);
    },
  };
}
