// `db terminate <pid>` on this worker's real Postgres: one client backend, bound to its backend_start.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalCard } from '../../src/approvals/approval-card.js';
import { createApprovalStore } from '../../src/approvals/approval-store.js';
import { dbTerminateCommand } from '../../src/commands/db-terminate.js';
import {
  createBackendTerminator,
  type BackendTarget,
} from '../../src/integrations/terminator/pg-backend-terminator.js';
import type { Plan } from '../../src/pipeline/command.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { ADMIN_DATABASE_URL } from '../support/test-services.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-terminate-test');
const terminator = createBackendTerminator(db);
const sessions: pg.Client[] = [];
afterAll(async () => {
  await Promise.allSettled(sessions.map((client) => client.end()));
  await db.close();
});

interface Session {
  client: pg.Client;
  pid: number;
  died: Promise<unknown>;
}

/** A session of another application; `url` defaults to this worker's (the station) database. */
async function session(application: string, url = process.env.RADIO_OPS_TEST_DATABASE_URL): Promise<Session> {
  const client = new pg.Client({ connectionString: url, application_name: application });
  const died = new Promise((resolve) => client.on('error', resolve));
  await client.connect();
  sessions.push(client);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: rows[0]!.pid, died };
}

/** True while the session's backend still answers. */
const answers = (s: Session) =>
  s.client.query('SELECT 1').then(
    () => true,
    () => false,
  );

let setup: ReturnType<typeof approvalSetup>;
beforeAll(() => {
  setup = approvalSetup(db, { integrations: { terminator } });
});

describe('db terminate', () => {
  it('waits for approval, then terminates the planned backend and no other', async () => {
    const victim = await session('runaway-report');
    const bystander = await session('runaway-report');
    const requested = await setup.send(`db terminate ${victim.pid}`, 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending, got ${requested.status}`);
    expect(await answers(victim)).toBe(true); // destructive: nothing runs before a second person approves
    const { rows } = await db.query<{ plan: Plan<BackendTarget> }>('SELECT plan FROM approval_requests WHERE id = $1', [
      requested.approvalId,
    ]);
    const started = await db.query<{ backend_start: string }>(
      `SELECT to_char(backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS backend_start FROM pg_stat_activity WHERE pid = $1`,
      [victim.pid],
    );
    expect(rows[0]!.plan.state).toMatchObject({
      pid: victim.pid,
      backendStart: started.rows[0]!.backend_start,
      application: 'runaway-report',
    });

    const approved = await setup.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect(approved.status).toBe('succeeded');
    await victim.died;
    expect(await answers(bystander)).toBe(true);
    expect((await setup.chain(requested.approvalId)).map((row) => row.outcome)).toEqual([
      'requested',
      'approved',
      'started',
      'succeeded',
    ]);
  });

  it("fault 19: stores the backend's query masked, as the card shows it, and the approved run still terminates it", async () => {
    const secret = `s3cr3t-${Date.now()}`;
    const victim = await session('leaky-login');
    // Simple-protocol text, so the literal is in pg_stat_activity.query as it would be for ALTER ROLE … PASSWORD '…'.
    await victim.client.query(`SELECT set_config('radio.api_key', '${secret}', false)`);
    const requested = await setup.send(`db terminate ${victim.pid}`, 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending, got ${requested.status}`);

    const { rows } = await db.query<{ plan: Plan<BackendTarget>; stored: string }>(
      'SELECT plan, plan::text AS stored FROM approval_requests WHERE id = $1',
      [requested.approvalId],
    );
    expect(rows[0]!.stored).not.toContain(secret);
    expect(rows[0]!.plan.state.query).toBe('SELECT set_config(?, ?, false)');
    const record = await createApprovalStore(db).get(requested.approvalId);
    const card = renderTerminal(approvalCard(record!, new Date()));
    expect(card).toContain('SELECT set_config(?, ?, false)');
    expect(card).not.toContain(secret);

    expect((await setup.send(`approve ${requested.approvalId}`, 'U0BOB')).status).toBe('succeeded');
    await victim.died;
  });

  it('asks nobody to approve what it may not terminate: the bot, another database, a background process, no backend', async () => {
    const {
      rows: [bot],
    } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const elsewhere = await session('other-database-app', ADMIN_DATABASE_URL);
    const {
      rows: [background],
    } = await db.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE backend_type <> 'client backend' ORDER BY pid LIMIT 1",
    );
    expect(background).toBeDefined();
    for (const pid of [bot!.pid, elsewhere.pid, background!.pid, 2_147_483_647]) {
      const outcome = await setup.send(`db terminate ${pid}`, 'U0ALICE');
      expect(outcome, `pid ${pid}`).toMatchObject({ status: 'refused', code: 'precondition' });
    }
    expect(await answers(elsewhere)).toBe(true);
  });

  it('takes only a process id', async () => {
    for (const line of [
      'db terminate',
      'db terminate abc',
      'db terminate 0',
      'db terminate 2147483648',
      'db terminate -5',
    ]) {
      expect(await setup.send(line, 'U0ALICE'), line).toMatchObject({ status: 'refused', code: 'usage' });
    }
    // In words, not zod's "Too small: expected number to be >0".
    expect((await setup.send('db terminate 0', 'U0ALICE')).reply.summary).toBe(
      '`pid`: a process id like 28113 (pids start at 1)',
    );
  });

  it('runs nothing when the planned backend is gone by the time it is approved', async () => {
    const victim = await session('short-lived');
    const requested = await setup.send(`db terminate ${victim.pid}`, 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending, got ${requested.status}`);
    await victim.client.end();
    sessions.splice(sessions.indexOf(victim.client), 1);
    await setup.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect((await setup.chain(requested.approvalId)).map((row) => row.outcome)).not.toContain('started');
  });
});

describe('db terminate on a reused pid', () => {
  const plan = (target: BackendTarget): Plan<BackendTarget> => ({
    current: [],
    calls: [],
    warnings: [],
    state: target,
  });
  const EARLIER = '2001-01-01T00:00:00.000000Z';

  it('recheck tells a different backend on the same pid from the planned one', async () => {
    const victim = await session('reused-pid');
    const then = (await terminator.target(victim.pid))!;
    expect(dbTerminateCommand.recheck!(plan(then), plan({ ...then, backendStart: EARLIER }))).toBe(
      'the pid now belongs to a different backend',
    );
    expect(
      dbTerminateCommand.recheck!(plan(then), plan({ ...then, state: 'active', query: 'SELECT 2' })),
    ).toBeUndefined();
  });

  it('leaves alone the backend that has the pid now when the approved plan was for an earlier one', async () => {
    const current = await session('reused-pid');
    const requested = await setup.send(`db terminate ${current.pid}`, 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending, got ${requested.status}`);
    // As if the plan had been made for a backend that exited, its pid then given to `current`.
    await db.query(
      `UPDATE approval_requests SET plan = jsonb_set(plan, '{state,backendStart}', to_jsonb($2::text)) WHERE id = $1`,
      [requested.approvalId, EARLIER],
    );
    await setup.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect(await answers(current)).toBe(true);
    const chain = await setup.chain(requested.approvalId);
    expect(chain.map((row) => row.outcome)).not.toContain('started');
    expect(chain.at(-1)?.error).toContain('the pid now belongs to a different backend');
  });
});
