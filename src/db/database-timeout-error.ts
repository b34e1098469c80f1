/**
 * A database (named by `label`, as the person knows it) did not answer in time: no connection within the
 * connect timeout (`pg`: "Connection terminated due to connection timeout"), or no reply to a query within
 * the client-side query timeout ("Query read timeout"). The server may be hung, overloaded or unreachable
 * behind a port that still accepts; the driver's error is the `cause`.
 */
export class DatabaseTimeoutError extends Error {
  constructor(
    /** `The station database (RADIO_DATABASE_URL)`, `The bot database (DATABASE_URL)`. */
    readonly label: string,
    /** What did not happen in time. */
    readonly phase: 'connect' | 'query',
    /** The timeout that passed, in milliseconds. */
    readonly timeoutMs: number,
    cause: unknown,
  ) {
    super(
      `${label} did not answer: ${phase === 'connect' ? 'no connection' : 'no reply to a query'} within ${timeoutMs} ms`,
      { cause },
    );
    this.name = 'DatabaseTimeoutError';
  }
}

/** `error` from `pg` as a {@link DatabaseTimeoutError} when it is one of pg's own timeouts, else unchanged. */
export function asDatabaseTimeout(
  label: string,
  error: unknown,
  timeouts: { connectMs: number; queryMs: number },
): unknown {
  if (!(error instanceof Error)) return error;
  // A pool's connect timeout, and a single `pg.Client`'s ("timeout expired": the kept station connection).
  if (/^Connection terminated due to connection timeout/.test(error.message) || error.message === 'timeout expired')
    return new DatabaseTimeoutError(label, 'connect', timeouts.connectMs, error);
  if (error.message === 'Query read timeout') return new DatabaseTimeoutError(label, 'query', timeouts.queryMs, error);
  return error;
}
