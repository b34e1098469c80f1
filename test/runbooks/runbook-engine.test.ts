import { afterAll, describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { manualClock } from '../support/manual-clock.js';
import { waitFor } from '../support/wait-for.js';
import { openWorkerDatabase } from '../support/worker-db.js';
import { renderTerminal } from '../../src/render/terminal.js';

const db = openWorkerDatabase('radio-ops-runbooks-test');
afterAll(() => db.close());

type Setup = ReturnType<typeof runbookSetup>;

async function started(setup: Setup, line: string, user = 'U0ALICE'): Promise<RunRow> {
  const outcome = await setup.send(line, user);
  if (outcome.status !== 'succeeded')
    throw new Error(`expected succeeded, got ${outcome.status}: ${JSON.stringify(outcome.reply)}`);
  return outcome.result as RunRow;
}

async function settledAs(setup: Setup, id: string, status: RunRow['status']) {
  await waitFor(`run ${id} ${status}`, async () => (await setup.store.get(id))?.status === status);
  return (await setup.host.engine!.status(id))!;
}

/** The step's state as the approval card for a skip shows it (the plan stored with the request). */
const askedStepStatus = async (approvalId: string) => {
  const { rows } = await db.query<{ plan: { current: [string, string][] } }>(
    'SELECT plan FROM approval_requests WHERE id = $1',
    [approvalId],
  );
  return rows[0]?.plan.current.find(([label]) => label === 'Step status when asked')?.[1];
};

const stepStatuses = async (setup: Setup, id: string) => (await setup.store.steps(id)).map((step) => step.status);

describe('a runbook of writes and a manual step', () => {
  it('runs without approval, waits for the person, survives a restart between two steps without repeating one', async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook provision electro --name "Electro Lounge"');
    expect(run.id).toMatch(/^run_/);
    await settledAs(setup, run.id, 'waiting');
    expect(await stepStatuses(setup, run.id)).toEqual(['succeeded', 'waiting-person', 'pending', 'pending']);
    expect(setup.state.touched).toEqual(['audio/electro/']);
    const manual = (await setup.store.steps(run.id))[1]!;
    expect(manual.line).toBe(
      'Add <mount><mount-name>/electro.mp3</mount-name></mount> for Electro Lounge and reload Icecast',
    );

    // A restart: a second engine (a new lease owner) on the same tables takes the run over.
    const restarted = setup.engine();
    const confirmed = await setup.send(`runbook confirm ${run.id}`, 'U0BOB');
    expect(confirmed.status).toBe('succeeded');
    await waitFor('the wait step polls', async () => (await setup.store.steps(run.id))[3]!.status === 'waiting');
    expect(setup.state.touched).toEqual(['audio/electro/', 'row-electro']);
    setup.state.ready = true;
    await waitFor(
      'the due run',
      async () => (await restarted.tick()) >= 0 && (await setup.store.get(run.id))?.status === 'succeeded',
      200,
      50,
    );
    // The first step ran once, though two engines advanced the run.
    expect(setup.state.touched.filter((target) => target === 'audio/electro/')).toHaveLength(1);
    const steps = await setup.store.steps(run.id);
    expect(steps.map((step) => [step.status, step.decided_by])).toEqual([
      ['succeeded', null],
      ['succeeded', 'U0BOB'],
      ['succeeded', null],
      ['succeeded', null],
    ]);
    // One audit chain: the request's `started`, each step as an execution whose parent is the run, then the
    // request's end, written when the run ended (the answer "started run …" wrote no outcome of its own).
    await waitFor('the end notice', async () =>
      setup.cards.some((card) => card.kind === 'thread' && card.runId === run.id),
    );
    const chain = await setup.chain(run.request_id);
    const own = chain.filter((row) => row.request_id === run.request_id).map((row) => row.outcome);
    expect(own).toEqual(['started', 'succeeded']);
    expect(chain.at(-1)).toMatchObject({ request_id: run.request_id, outcome: 'succeeded', parent_request_id: null });
    const children = chain.filter((row) => row.parent_request_id === run.request_id);
    // The manual step is started for the requester and confirmed by U0BOB; the wait polled several times,
    // across the restart, and is one execution: started once, then what it saw when it held.
    expect(children.map((row) => [row.command, row.outcome, row.user_id])).toEqual([
      ['test touch', 'started', 'U0ALICE'],
      ['test touch', 'succeeded', 'U0ALICE'],
      ['runbook manual step', 'started', 'U0ALICE'],
      ['runbook manual step', 'succeeded', 'U0BOB'],
      ['test touch', 'started', 'U0ALICE'],
      ['test touch', 'succeeded', 'U0ALICE'],
      ['runbook wait', 'started', 'U0ALICE'],
      ['runbook wait', 'succeeded', 'U0ALICE'],
    ]);
    const waitRows = children.filter((row) => row.command === 'runbook wait');
    expect(new Set(waitRows.map((row) => row.request_id)).size).toBe(1);
    expect(waitRows.at(-1)?.args).toEqual({ run: run.id, step: 4, state: 'it succeeded' });
    expect(chain).toHaveLength(own.length + children.length);
    // The requester is told in the card's thread when it ends.
    expect(setup.cards.filter((card) => card.runId === run.id && card.kind === 'thread').at(-1)?.summary).toBe(
      `Runbook provision (${run.id}) succeeded`,
    );
  });
});

describe('a runbook with a destructive step', () => {
  it('waits for a second person, then runs every step with the approval in the chain', async () => {
    const setup = runbookSetup(db);
    const asked = await setup.send('runbook wipe-all rap', 'U0ALICE');
    if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);
    expect(setup.state.touched).toEqual([]);
    const self = await setup.send(`approve ${asked.approvalId}`, 'U0ALICE');
    expect(self.status).toBe('refused');
    const approved = await setup.send(`approve ${asked.approvalId}`, 'U0BOB');
    expect(approved.status).toBe('succeeded');
    const run = (await setup.store.byRequest(asked.requestId))!;
    expect(run.approval_id).toBe(asked.approvalId);
    await settledAs(setup, run.id, 'succeeded');
    expect(setup.state.touched).toEqual(['before-rap']);
    expect(setup.wipe.state.executions).toHaveLength(1);
    const steps = (await setup.chain(run.request_id)).filter(
      (row) => row.parent_request_id === run.request_id && row.command === 'wipe',
    );
    expect(steps.map((row) => [row.outcome, row.approval_id, row.user_id])).toEqual([
      ['started', asked.approvalId, 'U0ALICE'],
      ['succeeded', asked.approvalId, 'U0ALICE'],
    ]);
  });

  it('shows every step on one plan with --dry-run, and runs nothing', async () => {
    const setup = runbookSetup(db);
    const outcome = await setup.send('runbook wipe-all rap --dry-run', 'U0ALICE');
    expect(outcome.status).toBe('succeeded');
    expect(JSON.stringify(outcome.reply)).toContain('wipe rap');
    expect(JSON.stringify(outcome.reply)).toContain('Test Wipe');
    expect(setup.state.touched).toEqual([]);
  });
});

describe('a failing step', () => {
  it('stops the run with retry, skip (approved) and abort; retry runs only that step', async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook flaky');
    await settledAs(setup, run.id, 'stopped');
    expect(await stepStatuses(setup, run.id)).toEqual(['succeeded', 'failed', 'pending']);
    const status = await setup.send(`runbook status ${run.id}`, 'U0ALICE');
    expect(renderTerminal(status.reply)).toContain(`runbook retry ${run.id}`);
    expect(renderTerminal(status.reply)).toContain(`runbook skip ${run.id}`);
    expect(renderTerminal(status.reply)).toContain(`runbook abort ${run.id}`);
    setup.state.flakyFails = false;
    expect((await setup.send(`runbook retry ${run.id}`, 'U0ALICE')).status).toBe('succeeded');
    await settledAs(setup, run.id, 'succeeded');
    expect(setup.state.touched).toEqual(['a', 'flaky', 'b']);
  });

  it('skips the failed step only once a second person approves', async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook flaky');
    await settledAs(setup, run.id, 'stopped');
    const asked = await setup.send(`runbook skip ${run.id}`, 'U0ALICE');
    if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);
    expect(await stepStatuses(setup, run.id)).toEqual(['succeeded', 'failed', 'pending']);
    expect(await askedStepStatus(asked.approvalId)).toBe('failed');
    const approved = await setup.send(`approve ${asked.approvalId}`, 'U0CAROL');
    expect(approved.status).toBe('succeeded');
    await settledAs(setup, run.id, 'succeeded');
    expect(await stepStatuses(setup, run.id)).toEqual(['succeeded', 'skipped', 'succeeded']);
    expect(setup.state.touched).toEqual(['a', 'b']);
  });

  it('asks to skip a manual step with its state in words on the approval card', async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook provision house --name House');
    await settledAs(setup, run.id, 'waiting');
    const asked = await setup.send(`runbook skip ${run.id}`, 'U0ALICE');
    if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);
    expect(await askedStepStatus(asked.approvalId)).toBe('waiting for a person');
    expect((await setup.send(`approve ${asked.approvalId}`, 'U0CAROL')).status).toBe('succeeded');
    // The manual step did not happen: its execution ends cancelled (not failed), as the person who skipped it.
    const manual = (await setup.chain(run.request_id)).filter((row) => row.command === 'runbook manual step');
    expect(manual.map((row) => [row.outcome, row.user_id, row.error])).toEqual([
      ['started', 'U0ALICE', null],
      ['cancelled', 'U0ALICE', 'skipped by a person'],
    ]);
  });

  it('aborts: the run ends where it is, audited, and the requester is told', async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook flaky');
    await settledAs(setup, run.id, 'stopped');
    expect((await setup.send(`runbook abort ${run.id}`, 'U0BOB')).status).toBe('succeeded');
    expect((await setup.store.get(run.id))?.status).toBe('aborted');
    expect((await setup.send(`runbook retry ${run.id}`, 'U0ALICE')).status).toBe('refused');
    await waitFor('the end notice', async () => setup.cards.at(-1)?.kind === 'thread');
    expect(setup.cards.at(-1)).toMatchObject({ kind: 'thread', summary: expect.stringMatching(/aborted/) });
    expect((await setup.chain(run.request_id)).at(-1)).toMatchObject({
      outcome: 'cancelled',
      request_id: run.request_id,
      error: 'aborted by U0BOB at step 2 of 3; nothing was undone',
    });
  });

  it("aborted at a manual step: the step's execution ends cancelled, as the person who aborted", async () => {
    const setup = runbookSetup(db);
    const run = await started(setup, 'runbook provision jazz --name Jazz');
    await settledAs(setup, run.id, 'waiting');
    expect((await setup.send(`runbook abort ${run.id}`, 'U0BOB')).status).toBe('succeeded');
    const manual = (await setup.chain(run.request_id)).filter((row) => row.command === 'runbook manual step');
    expect(manual.map((row) => [row.outcome, row.user_id, row.error])).toEqual([
      ['started', 'U0ALICE', null],
      ['cancelled', 'U0BOB', 'the run was aborted'],
    ]);
    expect(new Set(manual.map((row) => row.request_id)).size).toBe(1);
  });
});

describe('a restart while a command step runs', () => {
  it('does not run the step again: its outcome is unknown and the run stops for a person', async () => {
    const setup = runbookSetup(db);
    setup.engine({ leaseMs: 300 });
    const run = await started(setup, 'runbook crash');
    await waitFor('the hanging step', async () => setup.state.hung === 1);
    // The first process is gone (its step never ends and its heartbeat is no proof of life for this test):
    // a new engine claims the run once the lease has lapsed.
    await db.query(`UPDATE runbook_runs SET lease_until = now() - interval '1 second' WHERE id = $1`, [run.id]);
    const restarted = setup.engine();
    await waitFor('the takeover', async () => (await restarted.tick()) > 0);
    expect((await setup.store.get(run.id))?.status).toBe('stopped');
    expect(await stepStatuses(setup, run.id)).toEqual(['succeeded', 'unknown']);
    expect(setup.state.hung).toBe(1);
    expect(setup.state.touched).toEqual(['first']);
  });
});

describe('a step that needs its own approval', () => {
  it('waits when reached until a second person approves `runbook proceed`, then runs with that approval', async () => {
    const setup = runbookSetup(db);
    const asked = await setup.send('runbook cutover', 'U0ALICE');
    // The whole run is approved once (its highest risk: the step marked for its own approval).
    if (asked.status !== 'pending')
      throw new Error(`expected pending, got ${asked.status}: ${JSON.stringify(asked.reply)}`);
    expect((await setup.send(`approve ${asked.approvalId}`, 'U0BOB')).status).toBe('succeeded');
    const run = (await setup.store.byRequest(asked.requestId))!;
    await settledAs(setup, run.id, 'waiting');
    expect(await stepStatuses(setup, run.id)).toEqual(['succeeded', 'waiting-approval']);
    expect(setup.state.touched).toEqual(['prepared']);
    const proceed = await setup.send(`runbook proceed ${run.id}`, 'U0ALICE');
    if (proceed.status !== 'pending') throw new Error(`expected pending, got ${proceed.status}`);
    expect(setup.state.touched).toEqual(['prepared']);
    expect((await setup.send(`approve ${proceed.approvalId}`, 'U0CAROL')).status).toBe('succeeded');
    await settledAs(setup, run.id, 'succeeded');
    expect(setup.state.touched).toEqual(['prepared', 'cut-over']);
    const cutOver = (await setup.chain(run.request_id)).filter(
      (row) => row.parent_request_id === run.request_id && row.command === 'test touch',
    );
    expect(cutOver.map((row) => row.approval_id)).toEqual([
      asked.approvalId,
      asked.approvalId,
      proceed.approvalId,
      proceed.approvalId,
    ]);
  });
});

describe('a card whose post is slow', () => {
  it('does not advance the run before its card is posted, so no card change goes to a card not yet known', async () => {
    let answer!: () => void;
    const setup = runbookSetup(db, { cardPosted: new Promise<void>((resolve) => (answer = resolve)) });
    const sent = started(setup, 'runbook flaky');
    const unposted = async () =>
      (
        await db.query<{ id: string }>(
          `SELECT id FROM runbook_runs WHERE runbook = 'flaky' AND message_ts IS NULL AND status = 'running'`,
        )
      ).rows;
    await waitFor('the run stored', async () => (await unposted()).length === 1);
    // Another replica's poll (or this one's) while Slack has not answered the post yet.
    expect(await setup.engine().tick()).toBe(0);
    expect(setup.state.touched).toEqual([]);

    answer();
    const run = await sent;
    const { steps } = await settledAs(setup, run.id, 'stopped');
    expect(steps.map((step) => step.status)).toEqual(['succeeded', 'failed', 'pending']);
    expect(setup.state.touched).toEqual(['a']);
  });
});

describe('a wait that does not hold in time', () => {
  it('stops the run; the wait is one execution in the chain: started, then failed with what it saw', async () => {
    const setup = runbookSetup(db);
    // From now, so an engine on the real clock (another test's server polling this database) finds the run not
    // yet past its deadline and leaves the timing-out to this one.
    const clock = manualClock(Date.now());
    const engine = setup.engine({ clock });
    const run = await started(setup, 'runbook provision techno --name Techno');
    await settledAs(setup, run.id, 'waiting');
    expect((await setup.send(`runbook confirm ${run.id}`, 'U0BOB')).status).toBe('succeeded');
    await waitFor('the wait step polls', async () => (await setup.store.steps(run.id))[3]!.status === 'waiting');
    clock.advance(60 * 60_000 + 1000);
    await waitFor(
      'the run to stop',
      async () => (await engine.tick()) >= 0 && (await setup.store.get(run.id))?.status === 'stopped',
    );
    const waits = (await setup.chain(run.request_id)).filter((row) => row.command === 'runbook wait');
    expect(waits.map((row) => [row.outcome, row.user_id, row.text])).toEqual([
      ['started', 'U0ALICE', `${run.id} step 4: until test ready`],
      ['failed', 'U0ALICE', `${run.id} step 4: until test ready`],
    ]);
    expect(waits[1]!.error).toBe('did not hold within 1h; last: not ready yet');
    expect(waits[1]!.args).toEqual({ run: run.id, step: 4, state: 'not ready yet' });
  });
});
