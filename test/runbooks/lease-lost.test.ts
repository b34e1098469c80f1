// A process that lost a run's lease while a step ran (stalled past the lease, its renewals late) and another
// process took the run over: when the step ends, the first process leaves the run to the one holding it. It
// neither records the step's end over the new holder's decision, nor runs the next step, nor reports an end.
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-runbooks-lease-test');
afterAll(() => db.close());

describe('a run taken over while its step runs', () => {
  it('is left to the process that took it: no step result written over it, no next step, no end reported', async () => {
    const setup = runbookSetup(db);
    const first = setup.engine({ leaseMs: 60_000 });
    const outcome = await setup.send('runbook outlived', 'U0ALICE');
    if (outcome.status !== 'succeeded') throw new Error(`expected succeeded, got ${outcome.status}`);
    const run = outcome.result as RunRow;
    await waitFor('the slow step', async () => setup.state.slow === 1);

    // The first process stalls past its lease; a second one claims the run and finds the step running.
    await db.query(`UPDATE runbook_runs SET lease_until = now() - interval '1 second' WHERE id = $1`, [run.id]);
    const second = setup.engine();
    await waitFor('the takeover', async () => (await second.tick()) > 0);
    expect((await setup.store.get(run.id))?.status).toBe('stopped');

    // The slow step ends in the first process, which no longer holds the run.
    setup.finishSlow();
    await waitFor('the slow step to end', async () =>
      (await setup.chain(run.request_id)).some((row) => row.command === 'test slow' && row.outcome === 'succeeded'),
    );
    await first.stop(); // waits for what the first process does next, then stops it
    const steps = (await setup.store.steps(run.id)).map((step) => step.status);
    expect(steps).toEqual(['succeeded', 'unknown', 'pending']);
    expect((await setup.store.get(run.id))?.status).toBe('stopped');
    expect(setup.state.touched).toEqual(['early', 'slow']);
    // The run's request has its `started` row and no end: the run has not ended.
    const own = (await setup.chain(run.request_id)).filter((row) => row.request_id === run.request_id);
    expect(own.map((row) => row.outcome)).toEqual(['started']);
    expect(setup.cards.filter((card) => card.kind === 'thread' && /\(run_\w+\) /.test(card.summary))).toEqual([]);
  });
});
