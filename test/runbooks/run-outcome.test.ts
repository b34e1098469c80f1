// How a run's end is told and audited: a run with skipped steps never reads as a success, the request's own
// audit chain is `started` until the run really ends, and every step row names its run.
import { afterAll, describe, expect, it } from 'vitest';
import { renderTerminal } from '../../src/render/terminal.js';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-run-outcome-test');
afterAll(() => db.close());

type Setup = ReturnType<typeof runbookSetup>;

async function started(setup: Setup, line: string): Promise<RunRow> {
  const outcome = await setup.send(line, 'U0ALICE');
  if (outcome.status !== 'succeeded') throw new Error(`expected succeeded, got ${outcome.status}`);
  return outcome.result as RunRow;
}

const statusOf = async (setup: Setup, id: string) => (await setup.store.get(id))?.status;

/** The requester's end notice in the card's thread, once it is there (it is the last thing a run's end does). */
async function endNotice(setup: Setup, id: string) {
  const notices = () => setup.cards.filter((card) => card.runId === id && card.kind === 'thread');
  await waitFor(`the end notice of ${id}`, async () => notices().some((card) => / \(run_\w+\) /.test(card.summary)));
  return notices().at(-1)!.summary;
}

/** Skips the stopped step: asked by U0ALICE, approved by U0CAROL. */
async function skip(setup: Setup, id: string) {
  const asked = await setup.send(`runbook skip ${id}`, 'U0ALICE');
  if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);
  expect((await setup.send(`approve ${asked.approvalId}`, 'U0CAROL')).status).toBe('succeeded');
}

describe('a run whose steps were skipped', () => {
  it('ends saying how many were skipped, on the card, in the notice and in its audit row, never "succeeded"', async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook doomed');
    await waitFor('the run to stop', async () => (await statusOf(setup, run.id)) === 'stopped');
    await skip(setup, run.id);
    const notice = await endNotice(setup, run.id);
    expect(notice).toBe(`Runbook doomed (${run.id}) ended with 1 of 1 steps skipped`);

    const card = renderTerminal((await setup.send(`runbook status ${run.id}`, 'U0ALICE')).reply);
    expect(card).toContain('Runbook doomed: ended with 1 of 1 steps skipped');
    expect(card).toMatch(/Steps done +0 of 1, 1 skipped/);
    expect(card).not.toMatch(/: done|succeeded/);
    // A skipped step did not take any time: it shows none.
    expect(card).toMatch(/1\. skipped: run `test flaky`$/m);

    const own = (await setup.chain(run.request_id)).filter((row) => row.request_id === run.request_id);
    expect(own.map((row) => [row.outcome, row.error])).toEqual([
      ['started', null],
      ['failed', 'ended with 1 of 1 steps skipped: step 1'],
    ]);
    expect(own.map((row) => row.outcome)).not.toContain('succeeded');
  });

  it('one skipped step of three: the card counts it apart from the done ones', async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook flaky');
    await waitFor('the run to stop', async () => (await statusOf(setup, run.id)) === 'stopped');
    await skip(setup, run.id);
    expect(await endNotice(setup, run.id)).toBe(`Runbook flaky (${run.id}) ended with 1 of 3 steps skipped`);
    const card = renderTerminal((await setup.send(`runbook status ${run.id}`, 'U0ALICE')).reply);
    expect(card).toMatch(/Steps done +2 of 3, 1 skipped/);
    // Refused decisions on an ended run say how it ended, in words.
    const retry = await setup.send(`runbook retry ${run.id}`, 'U0ALICE');
    expect(retry.status).toBe('refused');
    expect(renderTerminal(retry.reply)).toContain(
      `Run ${run.id} has nothing to retry: it ended with 1 of 3 steps skipped.`,
    );
  });
});

describe("the run's audit chain", () => {
  it('is `started` while the run is stopped, and ends with how the run really ended, once', async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook flaky');
    await waitFor('the run to stop', async () => (await statusOf(setup, run.id)) === 'stopped');
    const own = async () => (await setup.chain(run.request_id)).filter((row) => row.request_id === run.request_id);
    // The answer "started run …" is not the run's success.
    expect((await own()).map((row) => row.outcome)).toEqual(['started']);

    expect((await setup.send(`runbook abort ${run.id}`, 'U0BOB')).status).toBe('succeeded');
    expect(await endNotice(setup, run.id)).toBe(`Runbook flaky (${run.id}) was aborted at step 2 of 3`);
    const chain = await setup.chain(run.request_id);
    const end = chain.at(-1)!;
    expect(end).toMatchObject({
      request_id: run.request_id,
      parent_request_id: null,
      outcome: 'cancelled',
      user_id: 'U0ALICE',
      error: 'aborted by U0BOB at step 2 of 3; nothing was undone',
    });
    expect((await own()).map((row) => row.outcome)).toEqual(['started', 'cancelled']);

    const refused = await setup.send(`runbook confirm ${run.id}`, 'U0ALICE');
    expect(renderTerminal(refused.reply)).toContain(
      `Run ${run.id} is not waiting for a person: it was aborted at step 2 of 3.`,
    );
    const again = await setup.send(`runbook abort ${run.id}`, 'U0ALICE');
    expect(renderTerminal(again.reply)).toContain(`Run ${run.id} was aborted at step 2 of 3.`);
  });

  it('names the run in the text of every step row, so `audit` shows which run a step belongs to', async () => {
    const setup = runbookSetup(db);
    setup.state.flakyFails = false;
    const run = await started(setup, 'runbook provision soul --name Soul');
    await waitFor('the manual step', async () => (await statusOf(setup, run.id)) === 'waiting');
    setup.state.ready = true;
    expect((await setup.send(`runbook confirm ${run.id}`, 'U0BOB')).status).toBe('succeeded');
    expect(await endNotice(setup, run.id)).toBe(`Runbook provision (${run.id}) succeeded`);
    const chain = await setup.chain(run.request_id);
    const children = chain.filter((row) => row.parent_request_id === run.request_id);
    expect([...new Set(children.map((row) => row.text.split(':')[0]))]).toEqual([
      `${run.id} step 1`,
      `${run.id} step 2`,
      `${run.id} step 3`,
      `${run.id} step 4`,
    ]);
    expect(children[0]!.text).toBe(`${run.id} step 1: test touch audio/soul/`);
    const own = chain.filter((row) => row.request_id === run.request_id);
    expect(own.map((row) => row.outcome)).toEqual(['started', 'succeeded']);
    // The run's end is the chain's last row: written after every step's.
    expect(chain.at(-1)).toMatchObject({ request_id: run.request_id, outcome: 'succeeded' });
  });
});
