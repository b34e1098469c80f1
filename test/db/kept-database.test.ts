// The kept station connection (issue 11, fault 7): one backend, callers take turns on it, and a
// connection that dies loudly (terminated) or silently (stops answering) is replaced by itself.
import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConnectionLostError } from '../../src/db/connection-lost-error.js';
import { openKeptDatabase, type KeptConnectionTiming, type KeptDatabase } from '../../src/db/kept-database.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase, workerDatabaseUrl } from '../support/worker-db.js';

const admin = openWorkerDatabase('radio-ops-kept-test-admin');
const opened: KeptDatabase[] = [];
afterEach(async () => void (await Promise.all(opened.splice(0).map((db) => db.close()))));
afterAll(() => admin.close());

/**
 * A TCP relay to the worker's Postgres whose `silence()` stops passing bytes on the connections open
 * now, leaving them open: a network partition, not a reset. Later connections pass normally.
 */
async function partitionableRelay(): Promise<{ url: string; silence(): void; close(): Promise<void> }> {
  const target = new URL(workerDatabaseUrl());
  const pairs = new Set<{ silent: boolean; sockets: Socket[] }>();
  const server: Server = createServer((downstream) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    const pair = { silent: false, sockets: [downstream, upstream] };
    pairs.add(pair);
    downstream.on('data', (chunk) => void (pair.silent || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (pair.silent || downstream.write(chunk)));
    for (const socket of pair.sockets)
      socket.on('error', () => undefined).on('close', () => pair.sockets.forEach((s) => s.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    silence: () => pairs.forEach((pair) => (pair.silent = true)),
    close: async () => {
      pairs.forEach((pair) => pair.sockets.forEach((socket) => socket.destroy()));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function open(timing: KeptConnectionTiming, connectionString = workerDatabaseUrl()) {
  const applicationName = `radio-ops-kept-${randomUUID().slice(0, 8)}`;
  const db = openKeptDatabase({ connectionString, applicationName, label: 'The station database', ...timing });
  opened.push(db);
  const backends = async () =>
    (
      await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ])
    ).rows.map((row) => row.pid);
  return { db, backends };
}

const opens = (db: KeptDatabase) => waitFor('the kept connection to open', async () => db.backendPid !== undefined);

describe('openKeptDatabase', () => {
  it('opens one backend by itself, and concurrent callers take turns on it', async () => {
    const { db, backends } = open({});
    await opens(db);
    const pids = await Promise.all(
      Array.from({ length: 6 }, () =>
        db.readOnly(
          async (client) => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid,
          {
            statementTimeoutMs: 1000,
          },
        ),
      ),
    );
    expect(new Set(pids)).toEqual(new Set([db.backendPid]));
    expect(await backends()).toEqual([db.backendPid]);
  });

  it('reopens a connection terminated while idle, before it is next needed', async () => {
    const { db, backends } = open({ healthIntervalMs: 3_600_000 });
    await opens(db);
    const first = db.backendPid;
    await admin.query('SELECT pg_terminate_backend($1)', [first]);
    await waitFor('a new backend', async () => db.backendPid !== undefined && db.backendPid !== first);
    expect(await backends()).toEqual([db.backendPid]);
  });

  it('gives up on a connection that stops answering at the health check, and opens another', async () => {
    const relay = await partitionableRelay();
    try {
      const { db } = open({ healthIntervalMs: 50, healthTimeoutMs: 1000 }, relay.url);
      await opens(db);
      const first = db.backendPid;
      relay.silence();
      await waitFor('a new backend', async () => db.backendPid !== undefined && db.backendPid !== first);
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await relay.close();
    }
  });

  it('answers a statement that gets no answer with a lost connection, and the next call works on a new one', async () => {
    const relay = await partitionableRelay();
    try {
      const { db } = open({ healthIntervalMs: 3_600_000, healthTimeoutMs: 2000, statementTimeoutMs: 200 }, relay.url);
      await opens(db);
      const first = db.backendPid;
      relay.silence();
      await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionLostError);
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(db.backendPid).not.toBe(first);
    } finally {
      await relay.close();
    }
  });

  it('holds no backend after close, and refuses calls then', async () => {
    const { db, backends } = open({});
    await opens(db);
    await db.close();
    await waitFor('the backend to end', async () => (await backends()).length === 0);
    await expect(db.query('SELECT 1')).rejects.toThrow(/closed/);
  });
});
