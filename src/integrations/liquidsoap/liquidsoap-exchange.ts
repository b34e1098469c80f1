import { Socket } from 'node:net';
import { LiquidsoapError, type LiquidsoapFault } from './liquidsoap-error.js';
import { CONTROL, type LiquidsoapLine } from './liquidsoap-lines.js';

/** Where Liquidsoap's server listens (`settings.server.telnet.bind_addr` / `.port`). */
export interface LiquidsoapAddress {
  host: string;
  port: number;
}

/** Deadlines of one exchange, in milliseconds: to connect, then from sending the line to the line `END`. */
export interface LiquidsoapTimeouts {
  connectMs: number;
  replyMs: number;
}

export const DEFAULT_LIQUIDSOAP_TIMEOUTS: LiquidsoapTimeouts = { connectMs: 2_000, replyMs: 5_000 };

/** Liquidsoap 2.x ends every answer with `\r\nEND\r\n` (src/tools/server.ml); the body may be empty. */
const TERMINATOR = Buffer.from('\r\nEND\r\n');
/** `help` with a few dozen ids is a few kB; stop reading well before an answer could hurt. */
const MAX_REPLY_BYTES = 1 << 20;
/** After `quit`, how long the server gets to say `Bye!` and close before the socket is destroyed. */
const LINGER_MS = 1_000;

/**
 * Sends one line on a connection of its own and returns the answer's body (the text before `\r\nEND\r\n`),
 * then says `quit` and closes. A connection per call: the protocol has no request ids, so one connection runs
 * one command at a time, and an answer arriving after its deadline must never be read as the next command's;
 * the server also closes idle connections (`settings.server.timeout`, 30 s), which a fresh one never meets.
 * Source: https://github.com/savonet/liquidsoap/blob/v2.1.3/src/tools/server.ml
 * @throws LiquidsoapError for every fault (refused, unreachable, either deadline, dropped, aborted, too long).
 */
export function exchange(
  address: LiquidsoapAddress,
  line: LiquidsoapLine,
  timeouts: LiquidsoapTimeouts,
  signal?: AbortSignal,
): Promise<string> {
  // The server splits lines on CR and LF: a control character here would be a second command. Callers validate
  // people's values with their own messages; this is the last line of defence.
  if (CONTROL.test(line.text)) throw new Error(`refusing to send a Liquidsoap line with a control character`);
  const where = `${address.host}:${address.port}`;
  return new Promise<string>((resolve, reject) => {
    const socket = new Socket();
    let sent = false;
    let settled = false;
    let received = Buffer.alloc(0);
    let timer = setTimeout(() => fail('connect-timeout'), timeouts.connectMs);
    const onAbort = () => fail('aborted', signal?.reason);

    function settle() {
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    function fail(fault: LiquidsoapFault, cause?: unknown) {
      if (settled) return;
      settle();
      socket.destroy();
      reject(exchangeError(fault, { where, line, sent, timeouts, cause }));
    }

    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!sent) fail(error.code === 'ECONNREFUSED' ? 'refused' : 'unreachable', error);
      else fail('dropped', error);
    });
    socket.on('close', () => fail('dropped'));
    socket.on('data', (chunk: Buffer) => {
      if (settled) return; // `Bye!` after our `quit`
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf(TERMINATOR);
      if (end >= 0) {
        settle();
        socket.end('quit\n');
        const linger = setTimeout(() => socket.destroy(), LINGER_MS);
        linger.unref();
        socket.once('close', () => clearTimeout(linger));
        resolve(received.subarray(0, end).toString('utf8'));
      } else if (received.length > MAX_REPLY_BYTES) fail('too-long');
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail('reply-timeout'), timeouts.replyMs);
      sent = true;
      socket.write(`${line.text}\n`);
    });

    if (signal?.aborted) return fail('aborted', signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.setNoDelay(true);
    socket.connect({ host: address.host, port: address.port });
  });
}

interface FaultContext {
  where: string;
  line: LiquidsoapLine;
  sent: boolean;
  timeouts: LiquidsoapTimeouts;
  cause?: unknown;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function exchangeError(fault: LiquidsoapFault, { where, line, sent, timeouts, cause }: FaultContext): LiquidsoapError {
  const at = `Liquidsoap at ${where}`;
  const cmd = `\`${line.command}\``;
  // A write whose line went out may have been done: the person must check before trying again.
  const unknown = sent && line.write;
  const maybe = ', so it may or may not have happened: check before trying again.';
  const make = (code: LiquidsoapError['code'], message: string) =>
    new LiquidsoapError(code, fault, message, line.command, cause);
  // Said only of a write that was never sent: on a read line (status, np) it is noise.
  const unchanged = line.write ? ' Nothing was changed.' : '';
  switch (fault) {
    case 'refused':
      return make('unavailable', `${at} refused the connection (is it running, with its telnet server on this port?).`);
    case 'unreachable': {
      const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'no route';
      return make('unavailable', `${at} could not be reached (${code}).`);
    }
    case 'connect-timeout':
      return make('timeout', `${at} did not accept a connection within ${seconds(timeouts.connectMs)}.`);
    case 'reply-timeout':
      return unknown
        ? make('outcome_unknown', `${at} did not answer ${cmd} within ${seconds(timeouts.replyMs)}${maybe}`)
        : make('timeout', `${at} did not answer ${cmd} within ${seconds(timeouts.replyMs)} (hung?).${unchanged}`);
    case 'dropped':
      return unknown
        ? make('outcome_unknown', `${at} closed the connection before answering ${cmd}${maybe}`)
        : make('unavailable', `${at} closed the connection before answering ${cmd} (restarting?).`);
    case 'aborted':
      return unknown
        ? make('outcome_unknown', `Stopped waiting for ${at} to answer ${cmd}${maybe}`)
        : make('timeout', `Stopped waiting for ${at} to answer ${cmd}: the deadline passed.${unchanged}`);
    default:
      return make('unavailable', `${at} sent a longer answer to ${cmd} than radio-ops reads; it was cut off.`);
  }
}
