// One line to Liquidsoap's server and its reply, judged: what every operation shares below its own command.
import { LiquidsoapError } from './liquidsoap-error.js';
import { exchange, type LiquidsoapAddress, type LiquidsoapTimeouts } from './liquidsoap-exchange.js';
import type { LiquidsoapLine } from './liquidsoap-lines.js';

export interface LiquidsoapSenderOptions extends LiquidsoapAddress {
  timeouts: LiquidsoapTimeouts;
  /** A run's signal (aborted at its deadline): every call is aborted with it, as well as with its own. */
  signal?: AbortSignal;
}

/** Sends lines to the server at `options.host:options.port`, one connection a line. No I/O until called. */
export function createLiquidsoapSender(options: LiquidsoapSenderOptions) {
  const address = `${options.host}:${options.port}`;

  /** The command answered, but not with what success looks like: what it said, cut short. */
  const answered = (line: LiquidsoapLine, verb: string, body: string) =>
    new LiquidsoapError(
      'unavailable',
      'error-reply',
      `Liquidsoap at ${address} ${verb} \`${line.command}\`: ${body.trim().slice(0, 200)}`,
      line.command,
    );

  /**
   * Sends `line` and resolves with the reply's body; `missing` says why a server may lack the command (a
   * version-dependent verb). Rejects with LiquidsoapError `precondition` for an unknown command, `unavailable` for
   * an `ERROR:` reply, and the exchange's own errors (`unavailable`, `timeout`, `outcome_unknown`).
   */
  const send = async (line: LiquidsoapLine, signal?: AbortSignal, missing = 'no such id in its script') => {
    const signals = [options.signal, signal].filter((s): s is AbortSignal => s !== undefined);
    const body = await exchange(
      options,
      line,
      options.timeouts,
      signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    );
    if (body.startsWith('ERROR: unknown command')) {
      throw new LiquidsoapError(
        'precondition',
        'unknown-command',
        `Liquidsoap at ${address} has no command \`${line.command}\` (${missing}; the \`liquidsoap\` command lists what it has).`,
        line.command,
      );
    }
    if (body.startsWith('ERROR:')) throw answered(line, 'failed', body);
    return body;
  };

  /** Sends a command that answers `Done` when it acted; any other reply rejects as {@link answered} `refused`. */
  const done = async (line: LiquidsoapLine, signal?: AbortSignal, missing?: string) => {
    const body = (await send(line, signal, missing)).trim();
    // `Done` (outputs, 2.1.3's insert), `Done.` (queues); anything else is the command saying it did not.
    if (!/^Done[.!]?$/.test(body)) throw answered(line, 'refused', body);
  };

  return { address, send, done, answered };
}
