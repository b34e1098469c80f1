/**
 * Postgres codes and socket errors that mean the server closed or lost the connection: an
 * administrator or failover ended the backend (57P01 `admin_shutdown`, 57P02 `crash_shutdown`,
 * 57P03 `cannot_connect_now`), or the socket was cut.
 * Source: https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE']);

/** Whether `error` (from `pg`) means the connection to the server was lost mid-use. */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && LOST_CODES.has(code)) || /^Connection terminated unexpectedly/.test(error.message)
  );
}

/**
 * A database (named by `label`, as the person knows it) dropped a connection while radio-ops used it:
 * a failover, a restart, `pg_terminate_backend`. The driver's error is the `cause`; the pool opens a
 * new connection for the next query, so trying again in a moment is safe for reads.
 */
export class ConnectionLostError extends Error {
  constructor(
    /** `The station database (RADIO_DATABASE_URL)`, `The bot database (DATABASE_URL)`. */
    readonly label: string,
    cause: unknown,
  ) {
    super(`${label} dropped the connection: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ConnectionLostError';
  }
}

/** `error` as a {@link ConnectionLostError} when it is a connection loss, else unchanged. */
export const asConnectionLoss = (label: string, error: unknown): unknown =>
  isConnectionLoss(error) ? new ConnectionLostError(label, error) : error;
