import { UserError, type UserErrorCode } from '../../pipeline/user-error.js';

/**
 * What went wrong talking to Liquidsoap's server:
 * - `refused`: nothing listens on the port (ECONNREFUSED), `unreachable`: no route, unknown host, reset before connecting;
 * - `connect-timeout`: no connection within the connect deadline (a black-holed host or a full backlog);
 * - `reply-timeout`: connected, but no complete answer (a line `END`) within the reply deadline (a hung server);
 * - `dropped`: the server closed or reset the connection before finishing its answer (a restart, a crash);
 * - `aborted`: the caller's signal fired (its own deadline passed);
 * - `too-long`: an answer larger than any this client expects (it stops reading);
 * - `unknown-command`: `ERROR: unknown command` (no such id in the script, or not in this version);
 * - `error-reply`: any other `ERROR: …` line.
 */
export type LiquidsoapFault =
  | 'refused'
  | 'unreachable'
  | 'connect-timeout'
  | 'reply-timeout'
  | 'dropped'
  | 'aborted'
  | 'too-long'
  | 'unknown-command'
  | 'error-reply';

/**
 * A failed exchange with Liquidsoap, classified for the pipeline (`src/pipeline/error-table.ts`) by `code`:
 * `unavailable` (refused, unreachable, dropped during a read, an `ERROR:` answer), `timeout` (a read, or any
 * call before its line was sent, that got no answer in time), `outcome_unknown` (a write whose line was sent
 * and whose answer never came: it may have happened), `precondition` (an unknown command). The message is
 * safe to show: it names the server's address and the command, never a person's value.
 */
export class LiquidsoapError extends UserError {
  constructor(
    code: UserErrorCode,
    readonly fault: LiquidsoapFault,
    message: string,
    /** The command's name (`rap.skip`), without arguments. */
    readonly command: string,
    cause?: unknown,
  ) {
    super(code, message);
    this.name = 'LiquidsoapError';
    if (cause !== undefined) this.cause = cause;
  }
}
