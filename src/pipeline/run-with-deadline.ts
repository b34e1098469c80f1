/** What a run under a deadline ended with: its result, what it threw, or the deadline. */
export type DeadlineResult<T> = { kind: 'done'; result: T } | { kind: 'threw'; error: unknown } | { kind: 'deadline' };

export interface DeadlineOptions {
  /** Give up after this many milliseconds: the signal is aborted and `deadline` returned. */
  deadlineMs: number;
  /** Called once if the work is still running after `stillRunningAfterMs` (the person sees "still running…"). */
  onStillRunning?: () => void;
  stillRunningAfterMs?: number;
}

/**
 * Runs `work` with an `AbortSignal` that is aborted at the deadline. Resolves at the first of: the work
 * settling, or the deadline (the work may go on in the background: its later result or error is
 * swallowed, never an unhandled rejection). Never throws.
 */
export async function runWithDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: DeadlineOptions,
): Promise<DeadlineResult<T>> {
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
    const first = await Promise.race([settled, deadline]);
    if (first.kind === 'deadline') controller.abort(new Error(`deadline of ${options.deadlineMs} ms passed`));
    return first;
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
}
