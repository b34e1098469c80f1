// What a process waits for when it follows runs (a shell's `-c`): the runs it started or decided on, never
// another person's run it only advanced because it was due (a review found `-c "audit"` waiting an hour on them).
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-runbooks-followed-test');
afterAll(() => db.close());

describe('the runs a process follows', () => {
  it('are those it started or decided on, not one it advanced because it was due', async () => {
    const setup = runbookSetup(db);
    const first = setup.host.engine!;
    const outcome = await setup.send('runbook provision ambient --name Ambient', 'U0ALICE');
    if (outcome.status !== 'succeeded') throw new Error(`expected succeeded, got ${outcome.status}`);
    const run = outcome.result as RunRow;
    await waitFor('the manual step', async () => (await setup.store.get(run.id))?.status === 'waiting');
    expect((await setup.send(`runbook confirm ${run.id}`, 'U0BOB')).status).toBe('succeeded');
    await waitFor('the wait step', async () => (await setup.store.steps(run.id))[3]!.status === 'waiting');

    // Another process (another person's shell) advances the due run: it is not that process's to wait for.
    const other = setup.engine();
    await db.query('UPDATE runbook_runs SET next_at = now() WHERE id = $1', [run.id]);
    await waitFor('the other process to advance it', async () => (await other.tick()) > 0);
    expect((await setup.store.get(run.id))?.status).toBe('running');
    expect(await other.running()).toEqual([]);
    expect((await first.running()).map((r) => r.id)).toEqual([run.id]);
  });
});
