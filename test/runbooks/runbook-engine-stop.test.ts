// Issue 17: stopping the runbook engine (the shell's `-c` exit, the server's SIGTERM) lets the running step finish
// and be audited, then releases the run before its next step, due at once: the next engine resumes it there.
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-runbook-stop-test');
afterAll(() => db.close());

describe('stopping the runbook engine', () => {
  it('waits for the step in flight, releases the run before the next one, and the next engine resumes it', async () => {
    // The first step's card update (it starts) holds until released: the engine is mid-step when it is stopped.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => undefined as void;
    const inStep = new Promise<void>((resolve) => (arrived = resolve));
    let holding = true;
    const setup = runbookSetup(db, {
      cardUpdated: async () => {
        if (!holding) return;
        holding = false;
        arrived();
        await held;
      },
    });
    setup.state.flakyFails = false;
    const first = setup.host.engine!;
    const outcome = await setup.send('runbook flaky', 'U0ALICE');
    if (outcome.status !== 'succeeded') throw new Error(`expected the run to start, got ${outcome.status}`);
    const run = outcome.result as RunRow;
    await inStep;

    let stopped = false;
    const stopping = first.stop().then(() => (stopped = true));
    // Let every queued callback run: the stop still waits for the held step.
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;

    // The step in flight finished and was audited; the next did not start; the run is free and due.
    expect(setup.state.touched).toEqual(['a']);
    expect((await setup.store.steps(run.id)).map((step) => step.status)).toEqual(['succeeded', 'pending', 'pending']);
    const { rows } = await db.query(
      'SELECT status, current_step, lease_owner, next_at <= now() AS due FROM runbook_runs WHERE id = $1',
      [run.id],
    );
    expect(rows).toEqual([{ status: 'running', current_step: 1, lease_owner: null, due: true }]);
    expect(await first.tick()).toBe(0);
    const chain = await setup.chain(run.request_id);
    expect(chain.filter((row) => row.command === 'test touch').map((row) => row.outcome)).toEqual([
      'started',
      'succeeded',
    ]);

    const restarted = setup.engine();
    await waitFor(
      'the run to end',
      async () => (await restarted.tick()) >= 0 && (await setup.store.get(run.id))?.status === 'succeeded',
    );
    // Nothing ran twice.
    expect(setup.state.touched).toEqual(['a', 'flaky', 'b']);
    await restarted.stop();
  });
});
