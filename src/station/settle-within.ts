/** A source's answer, or why there is none in words (`Icecast at … did not answer … within 5 s.`). */
export type Known<T> = { value: T } | { unknown: string };

/**
 * `work` under its own deadline: `{ value }` when it resolves in time, `{ unknown: why }` when it rejects (the
 * error's message: a UserError's is safe to show) or when `ms` pass first (`why`), or `signal` aborts. Never
 * rejects. The signal handed to `work` aborts at the deadline, so abandoned work stops; the answer does not wait
 * for `work` to notice it (a call that ignores its signal can't hold the others up).
 */
export function settleWithin<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  why: string,
  signal?: AbortSignal,
): Promise<Known<T>> {
  const deadline = new AbortController();
  const during = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  return new Promise<Known<T>>((resolve) => {
    const finish = (known: Known<T>) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(known);
    };
    const timer = setTimeout(() => {
      deadline.abort(new Error(why));
      finish({ unknown: why });
    }, ms);
    const onAbort = () => finish({ unknown: reasonText(signal?.reason, 'the command was cut off at its deadline') });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    work(during).then(
      (value) => finish({ value }),
      (error: unknown) => finish({ unknown: reasonText(error, 'it failed without saying why') }),
    );
  });
}

function reasonText(reason: unknown, otherwise: string): string {
  if (reason instanceof Error) return reason.message || otherwise;
  return typeof reason === 'string' && reason ? reason : otherwise;
}
