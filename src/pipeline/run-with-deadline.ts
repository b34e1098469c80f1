/** What a run under a deadline ended with: its result, what it threw, the deadline, or the person's cancel. */
export type DeadlineResult<T> =
  { kind: 'done'; result: T } | { kind: 'threw'; error: unknown } | { kind: 'deadline' } | { kind: 'cancelled' };

export interface DeadlineOptions {
  /** Give up after this many milliseconds: the signal is aborted and `deadline` returned. */
  deadlineMs: number;
  /** Called once if the work is still running after `stillRunningAfterMs` (the person sees "still running…"). */
  onStillRunning?: () => void;
  stillRunningAfterMs?: number;
  /** Aborted when the person gives up on the work (Ctrl-C on a read): as the deadline, but `cancelled`. */
  cancel?: AbortSignal;
}

/**
 * Runs `work` with an `AbortSignal` that is aborted at the deadline or when `cancel` is. Resolves at the
 * first of: the work settling, the deadline, or `cancel` (the work may go on in the background: its later
 * result or error is swallowed, never an unhandled rejection). Never throws.
 */
export async function runWithDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: DeadlineOptions,
): Promise<DeadlineResult<T>> {
  const { cancel } = options;
  if (cancel?.aborted) return { kind: 'cancelled' };
  const controller = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  const deadline = new Promise<DeadlineResult<T>>((resolve) => {
    timers.push(setTimeout(() => resolve({ kind: 'deadline' }), options.deadlineMs));
  });
  if (
    options.onStillRunning &&
    options.stillRunningAfterMs !== undefined &&
    options.stillRunningAfterMs < options.deadlineMs
  ) {
    const notify = options.onStillRunning;
    timers.push(
      setTimeout(() => {
        try {
          notify();
        } catch {
          /* a front door's notice must not fail the run */
        }
      }, options.stillRunningAfterMs),
    );
  }
  let onCancel: () => void = () => undefined;
  const cancelled = new Promise<DeadlineResult<T>>((resolve) => {
    onCancel = () => resolve({ kind: 'cancelled' });
    cancel?.addEventListener('abort', onCancel, { once: true });
  });
  let running: Promise<T>;
  try {
    running = work(controller.signal);
  } catch (error) {
    running = Promise.reject(error);
  }
  const settled = running.then(
    (result): DeadlineResult<T> => ({ kind: 'done', result }),
    (error: unknown): DeadlineResult<T> => ({ kind: 'threw', error }),
  );
  try {
    const first = await Promise.race([settled, deadline, cancelled]);
    if (first.kind === 'deadline') controller.abort(new Error(`deadline of ${options.deadlineMs} ms passed`));
    if (first.kind === 'cancelled') controller.abort(new Error('cancelled by the person who asked'));
    return first;
  } finally {
    for (const timer of timers) clearTimeout(timer);
    cancel?.removeEventListener('abort', onCancel);
  }
}
