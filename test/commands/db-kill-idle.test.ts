import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendTerminator } from '../../src/integrations/terminator/pg-backend-terminator.js';
import { openWorkerDatabase } from '../support/worker-db.js';
import { approvalSetup } from '../support/approvals-fixture.js';

const db = openWorkerDatabase('radio-ops-kill-idle-test');
const terminator = createBackendTerminator(db);
const victims: pg.Client[] = [];
afterAll(async () => {
  await Promise.allSettled(victims.map((client) => client.end()));
  await db.close();
});

/** A session of another application, left `idle in transaction` (the classic connection leak). */
async function idleVictim(): Promise<{ client: pg.Client; pid: number; died: Promise<unknown> }> {
  const client = new pg.Client({
    connectionString: process.env.RADIO_OPS_TEST_DATABASE_URL,
    application_name: 'leaky-app',
  });
  const died = new Promise((resolve) => client.on('error', resolve));
  await client.connect();
  victims.push(client);
  await client.query('BEGIN');
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: rows[0]!.pid, died };
}

let setup: ReturnType<typeof approvalSetup>;
beforeAll(() => {
  setup = approvalSetup(db, { integrations: { terminator } });
});

describe('db kill-idle', () => {
  it('waits for approval, then terminates the planned idle session once approved', async () => {
    const victim = await idleVictim();
    const requested = await setup.send('db kill-idle --older 0s', 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending, got ${requested.status}`);
    expect(await terminator.target(victim.pid)).toBeDefined(); // still there: nothing ran yet
    const approved = await setup.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect(approved.status).toBe('succeeded');
    await victim.died;
    const chain = await setup.chain(requested.approvalId);
    expect(chain.map((row) => row.outcome)).toEqual(['requested', 'approved', 'started', 'succeeded']);
  });
});

describe('db kill-idle and secrets in query text', () => {
  it("fault 19: stores the sessions' last queries masked, and the approved run still terminates them", async () => {
    const secret = `s3cr3t-${Date.now()}`;
    const victim = await idleVictim();
    await victim.client.query(`SELECT set_config('radio.api_key', '${secret}', true)`);
    const requested = await setup.send('db kill-idle --older 0s', 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending, got ${requested.status}`);
    const { rows } = await db.query<{ plan: { state: { pid: number; query?: string }[] }; stored: string }>(
      'SELECT plan, plan::text AS stored FROM approval_requests WHERE id = $1',
      [requested.approvalId],
    );
    expect(rows[0]!.stored).not.toContain(secret);
    expect(rows[0]!.plan.state.find((t) => t.pid === victim.pid)?.query).toBe('SELECT set_config(?, ?, true)');
    expect((await setup.send(`approve ${requested.approvalId}`, 'U0BOB')).status).toBe('succeeded');
    await victim.died;
  });
});

describe('BackendTerminator', () => {
  it('plans idle sessions of this database, excluding the bot and other applications it must not touch', async () => {
    const victim = await idleVictim();
    const targets = await terminator.idleTargets(0);
    expect(targets.map((t) => t.pid)).toContain(victim.pid);
    expect(targets.every((t) => !t.application?.startsWith('radio-ops'))).toBe(true);
    expect(targets.find((t) => t.pid === victim.pid)).toMatchObject({
      state: 'idle in transaction',
      application: 'leaky-app',
    });
  });

  it('terminates only a target whose pid still has the planned backend_start', async () => {
    const victim = await idleVictim();
    const planned = await terminator.target(victim.pid);
    expect(planned).toBeDefined();
    const reused = await terminator.terminate([{ ...planned!, backendStart: '2001-01-01T00:00:00.000000Z' }]);
    expect(reused).toEqual([
      {
        pid: victim.pid,
        backendStart: '2001-01-01T00:00:00.000000Z',
        terminated: false,
        detail: 'gone, reused or no longer idle',
      },
    ]);
    const outcome = await terminator.terminate([planned!]);
    expect(outcome).toEqual([{ pid: victim.pid, backendStart: planned!.backendStart, terminated: true }]);
    await victim.died;
  });

  it('does not terminate a planned session that is no longer idle long enough', async () => {
    const victim = await idleVictim();
    const [planned] = (await terminator.idleTargets(0)).filter((t) => t.pid === victim.pid);
    await victim.client.query('SELECT 1'); // activity resets state_change
    const outcome = await terminator.terminate([planned!], 60 * 60_000);
    expect(outcome[0]).toMatchObject({ terminated: false });
  });

  it('refuses the bot itself', async () => {
    const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(await terminator.target(rows[0]!.pid)).toBeUndefined();
  });
});
