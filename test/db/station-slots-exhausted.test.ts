// Issue 11, fault 7: the station out of connection slots is the incident `db kill-idle` exists for, so
// the bot keeps one connection to it open (checked and reopened in the background) and the db commands
// answer on it when nobody else can connect. A private cluster with max_connections 8, 3 of them
// reserved for superusers; the bot is a plain role with pg_monitor and pg_signal_backend.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import { createRuntime, type Runtime } from '../../src/compose/runtime.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { TerminateOutcome } from '../../src/integrations/terminator/pg-backend-terminator.js';
import { approvalConfig } from '../support/approvals-fixture.js';
import { silentLog } from '../support/fakes.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { waitFor } from '../support/wait-for.js';

// PostgreSQL 15's defaults are 100 and 3; on 16+ `reserved_connections` (default 0) stays 0.
const SETTINGS = { max_connections: 8, superuser_reserved_connections: 3 };
const BOT = 'station_bot';
const APP = 'station_app';
// Bounded waits, far beyond what a passing run needs on a loaded 2-core machine.
const wait = (what: string, check: () => Promise<boolean>) => waitFor(what, check, 2400, 25);

let cluster: PrivatePostgres | undefined;
let runtime: Runtime | undefined;
const fillers: { client: pg.Client; pid: number; died: Promise<unknown> }[] = [];

beforeAll(async () => {
  cluster = await startPrivatePostgres(SETTINGS);
  await cluster.admin('CREATE DATABASE radio');
  await cluster.admin(`CREATE ROLE ${BOT} LOGIN NOSUPERUSER; GRANT pg_monitor, pg_signal_backend TO ${BOT};
    CREATE ROLE ${APP} LOGIN NOSUPERUSER`);
  const config = loadConfig('shell', {
    DATABASE_URL: process.env.RADIO_OPS_TEST_DATABASE_URL,
    RADIO_DATABASE_URL: cluster.url(BOT, 'radio'),
  });
  runtime = await createRuntime(config, silentLog, {
    radio: approvalConfig(),
    openDatabases: 'start',
    stationConnection: { healthIntervalMs: 100 },
  });
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(fillers.map(({ client }) => client.end()));
  await runtime?.close();
  await cluster?.stop();
}, 120_000);

/** The bot's backends on the station: its kept connection (and anything else it opened). */
async function botPids(): Promise<number[]> {
  const rows = await cluster!.admin<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE usename = $1', [BOT]);
  return rows.map((row) => row.pid);
}

/** Connects as `user` to the station database; the driver's error when the server refuses. */
async function connect(user: string): Promise<{ client: pg.Client; pid: number; died: Promise<unknown> }> {
  const client = new pg.Client({ connectionString: cluster!.url(user, 'radio'), application_name: 'leaky-app' });
  const died = new Promise((resolve) => client.on('error', resolve));
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: rows[0]!.pid, died };
}

/** Opens idle sessions as another plain role until the server refuses one: every non-reserved slot is taken. */
async function fillEverySlot(): Promise<unknown> {
  for (let attempt = 0; attempt < SETTINGS.max_connections; attempt++) {
    try {
      fillers.push(await connect(APP));
    } catch (refusal) {
      return refusal;
    }
  }
  throw new Error('the station never ran out of connection slots');
}

const send = (text: string, userId: string) =>
  runtime!.dispatch({ source: 'slack', text, userId, teamId: 'T0EXAMPLE', channelId: 'C0EXAMPLE01' });

describe('the station database out of connection slots', () => {
  it('fault 7: db connections, db idle and an approved db kill-idle run on the kept connection, which is reopened after pg_terminate_backend', async () => {
    await wait('the kept connection to the station', async () => (await botPids()).length === 1);
    const [kept] = await botPids();

    const refusal = await fillEverySlot();
    expect(refusal).toMatchObject({ code: '53300', message: expect.stringMatching(/reserved for .*superuser/i) });
    expect(fillers.length).toBe(SETTINGS.max_connections - SETTINGS.superuser_reserved_connections - 1);
    await expect(connect(BOT)).rejects.toMatchObject({ code: '53300' }); // nor can the bot open another one

    const connections = await send('db connections', 'U0ALICE');
    if (connections.status !== 'succeeded')
      throw new Error(`db connections: ${connections.status}: ${connections.reply.summary}`);
    expect(connections.result).toMatchObject({ maxConnections: SETTINGS.max_connections });
    const idle = await send('db idle --older 0s', 'U0ALICE');
    if (idle.status !== 'succeeded') throw new Error(`db idle: ${idle.status}: ${idle.reply.summary}`);
    expect((idle.result as { pid: number }[]).map((row) => row.pid).sort()).toEqual(
      fillers.map((filler) => filler.pid).sort(),
    );

    // A failover, or a DBA's pg_terminate_backend: the kept connection comes back by itself.
    await cluster!.admin('SELECT pg_terminate_backend($1)', [kept]);
    await wait('the kept connection to be reopened', async () => {
      const pids = await botPids();
      return pids.length === 1 && pids[0] !== kept;
    });
    expect(await botPids()).toHaveLength(1);

    const requested = await send('db kill-idle --older 0s', 'U0ALICE');
    if (requested.status !== 'pending')
      throw new Error(`db kill-idle: ${requested.status}: ${requested.reply.summary}`);
    const approved = await send(`approve ${requested.approvalId}`, 'U0BOB');
    if (approved.status !== 'succeeded') throw new Error(`approve: ${approved.status}: ${approved.reply.summary}`);
    const { record } = approved.result as ApproveResult;
    expect(record).toMatchObject({ status: 'succeeded', error: null });
    const outcomes = record.result as TerminateOutcome[];
    expect(outcomes.map((outcome) => [outcome.pid, outcome.terminated]).sort()).toEqual(
      fillers.map((filler) => [filler.pid, true]).sort(),
    );
    await Promise.all(fillers.map((filler) => filler.died));
    expect(await botPids()).toHaveLength(1); // still one connection: the bot never took a second slot
  }, 180_000);
});
