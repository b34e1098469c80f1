import pg from 'pg';
import type { Logger } from 'pino';
import { asConnectionLoss, ConnectionLostError } from './connection-lost-error.js';
import { asDatabaseTimeout } from './database-timeout-error.js';
import { pgTypes } from './pg-types.js';
import type { SqlClient, SqlDatabase } from './sql-client.js';

/** Timing of a {@link openKeptDatabase} connection; every value in milliseconds. */
export interface KeptConnectionTiming {
  /** How often the idle connection is checked with `SELECT 1`, and a lost one retried (default 10 000). */
  healthIntervalMs?: number;
  /** How long a connect or the check may take before the connection is given up on (default 5000). */
  healthTimeoutMs?: number;
  /** The session's `statement_timeout`: how long any statement may hold the connection (default 5000). */
  statementTimeoutMs?: number;
}

export interface KeptDatabaseOptions extends KeptConnectionTiming {
  connectionString: string;
  /** `application_name` of its backend (`radio-ops-inspector`). */
  applicationName: string;
  /** How the person knows this database, in errors: `The station database (RADIO_DATABASE_URL)`. */
  label: string;
  log?: Logger;
}

/** A {@link SqlDatabase} on one kept connection; `backendPid` is its backend's pid while it is open. */
export interface KeptDatabase extends SqlDatabase {
  readonly backendPid: number | undefined;
}

/**
 * One connection, opened now and kept open: for a database whose connection slots may all be taken when
 * it is needed most (the station during an incident), where a new connection would be refused with 53300.
 *
 * Callers take turns on it (first come, first served): each statement is bounded by the session's
 * `statement_timeout`, so a turn is short, and the bot never holds more than this one slot. It is
 * checked with `SELECT 1` every `healthIntervalMs` while idle; when it is lost (its socket ends, the check
 * fails or times out, or a statement gets no answer by its timeout plus `healthTimeoutMs`), it is reopened
 * at once, and then on every check until it opens. A caller never waits on a dead connection: it waits
 * for the reopen, whose connect is bounded by `healthTimeoutMs`.
 *
 * @throws (from its calls) {@link ConnectionLostError} when the connection is lost mid-use; the driver's
 *   error when it can't be opened (53300 `too many clients`, `28P01`, ECONNREFUSED) or a statement fails.
 */
export function openKeptDatabase(options: KeptDatabaseOptions): KeptDatabase {
  const { healthIntervalMs = 10_000, healthTimeoutMs = 5000, statementTimeoutMs = 5000, label, log } = options;
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let turn: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  let closed = false;

  const discard = (lost: pg.Client, reason: unknown) => {
    if (client !== lost) return;
    client = undefined;
    log?.warn({ err: reason, label }, 'kept database connection lost; reopening');
    void lost.end().catch(() => undefined);
    if (!closed) connect().catch(() => undefined);
  };

  const connect = (): Promise<pg.Client> =>
    (connecting ??= (async () => {
      const fresh = new pg.Client({
        connectionString: options.connectionString,
        application_name: options.applicationName,
        types: pgTypes,
        keepAlive: true,
        connectionTimeoutMillis: healthTimeoutMs,
        options: `-c statement_timeout=${Math.max(1, Math.floor(statementTimeoutMs))}`,
      });
      // Heard for the client's whole life: an unheard 'error' (a dropped socket) would end the process.
      fresh.on('error', (error) => discard(fresh, error));
      fresh.on('end', () => discard(fresh, new Error('connection ended')));
      try {
        await fresh.connect();
      } catch (error) {
        log?.warn({ err: error, label }, 'kept database connection could not be opened; retrying');
        void fresh.end().catch(() => undefined);
        throw error;
      } finally {
        connecting = undefined;
      }
      if (closed) {
        void fresh.end().catch(() => undefined);
        throw new Error(`${label}: closed`);
      }
      client = fresh;
      return fresh;
    })());

  /** Runs `work` on the connection when its turn comes, opening it first if it is not open. */
  const withConnection = <T>(work: (open: pg.Client) => Promise<T>): Promise<T> => {
    waiting += 1;
    const mine = turn.then(async () => {
      if (closed) throw new Error(`${label}: closed`);
      return work(client ?? (await connect()));
    });
    turn = mine.then(
      () => (waiting -= 1),
      () => (waiting -= 1),
    );
    // A connect that timed out says so ("did not answer"), naming the database; a dropped one, that it dropped.
    const timeouts = { connectMs: healthTimeoutMs, queryMs: statementTimeoutMs + healthTimeoutMs };
    return mine.catch((error: unknown) =>
      Promise.reject(asConnectionLoss(label, asDatabaseTimeout(label, error, timeouts))),
    );
  };

  /** A statement that gets no answer `limitMs` after it was sent means the connection is gone: drop it. */
  const boundedQuery =
    (open: pg.Client, limitMs: number) =>
    <Row extends object>(text: string, params?: unknown[]): Promise<{ rows: Row[] }> => {
      let timer: NodeJS.Timeout | undefined;
      const silence = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new ConnectionLostError(label, new Error(`no answer within ${limitMs} ms`));
          discard(open, error);
          reject(error);
        }, limitMs);
      });
      return Promise.race([open.query(text, params) as unknown as Promise<{ rows: Row[] }>, silence]).finally(() =>
        clearTimeout(timer),
      );
    };

  const check = () => {
    if (closed || waiting > 0 || connecting) return;
    if (!client) return void connect().catch(() => undefined);
    const checked = client;
    withConnection((open) => boundedQuery(open, healthTimeoutMs)('SELECT 1')).catch((error: unknown) =>
      discard(checked, error),
    );
  };
  const timer = setInterval(check, healthIntervalMs);
  timer.unref();
  connect().catch(() => undefined);

  const sessionLimitMs = statementTimeoutMs + healthTimeoutMs;
  return {
    get backendPid() {
      return (client as { processID?: number } | undefined)?.processID ?? undefined;
    },
    query: <Row extends object>(text: string, params?: unknown[]) =>
      withConnection((open) => boundedQuery(open, sessionLimitMs)<Row>(text, params)),
    readOnly: <T>(work: (db: SqlClient) => Promise<T>, { statementTimeoutMs: limit }: { statementTimeoutMs: number }) =>
      withConnection(async (open) => {
        const query = boundedQuery(open, limit + healthTimeoutMs);
        // One round trip: both statements in a single simple-protocol query (the value is a number we computed).
        await query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(limit))}`);
        try {
          return await work({ query });
        } finally {
          await query('ROLLBACK').catch(() => undefined);
        }
      }),
    async close() {
      closed = true;
      clearInterval(timer);
      await turn;
      const last = client ?? (await connecting?.catch(() => undefined));
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
