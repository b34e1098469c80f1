import { afterAll, describe, expect, it } from 'vitest';
import { createApprovalStore } from '../../src/approvals/approval-store.js';
import { openWorkerDatabase } from '../support/worker-db.js';
import { approvalConfig, approvalSetup } from '../support/approvals-fixture.js';

const db = openWorkerDatabase('radio-ops-approvals-test');
afterAll(() => db.close());

async function approveRows(id: string, user: string) {
  const { rows } = await db.query<{ outcome: string }>(
    `SELECT outcome FROM audit_events WHERE command = 'approve' AND user_id = $1 AND args->>'id' = $2 ORDER BY id`,
    [user, id],
  );
  return rows.map((row) => row.outcome);
}

async function requested(setup: ReturnType<typeof approvalSetup>, target = 'rap') {
  const outcome = await setup.send(`wipe ${target} --reason "disk full"`, 'U0ALICE');
  if (outcome.status !== 'pending') throw new Error(`expected pending, got ${outcome.status}`);
  return outcome.approvalId;
}

describe('a destructive request', () => {
  it('waits for approval: stored, audited as requested, card posted, nothing run', async () => {
    const setup = approvalSetup(db);
    const id = await requested(setup);
    expect(id).toMatch(/^apr_[0-9A-Z]{26}$/);
    expect(setup.state.executions).toEqual([]);
    expect(setup.cards).toEqual([{ kind: 'post', status: 'pending' }]);
    expect(await setup.chain(id)).toMatchObject([
      { outcome: 'requested', user_id: 'U0ALICE', requester_id: 'U0ALICE' },
    ]);
  });

  it('runs once when another approver approves, with the approval id as idempotency key', async () => {
    const setup = approvalSetup(db);
    const id = await requested(setup);
    const outcome = await setup.send(`approve ${id}`, 'U0BOB');
    expect(outcome.status).toBe('succeeded');
    expect(setup.state.executions).toEqual([{ target: 'rap', key: id }]);
    expect((await setup.chain(id)).map((row) => [row.outcome, row.user_id, row.approvers])).toEqual([
      ['requested', 'U0ALICE', []],
      ['approved', 'U0BOB', ['U0BOB']],
      ['started', 'U0ALICE', ['U0BOB']],
      ['succeeded', 'U0ALICE', ['U0BOB']],
    ]);
    expect(setup.cards.at(-2)).toEqual({ kind: 'update', status: 'succeeded' });
    expect(setup.cards.at(-1)).toEqual({ kind: 'thread', status: 'succeeded' });
  });
});

describe('refusals: nothing runs, each audited', () => {
  // Issue 10, item 3: the approver role is checked by the authorize step, before anything is audited as
  // started; what only the request can tell (your own request) is checked by the approval service after it.
  it('refuses self-approval by an approver, in the approval service', async () => {
    const setup = approvalSetup(db);
    const outcome = await setup.send('wipe rap --reason "disk full"', 'U0BOB');
    if (outcome.status !== 'pending') throw new Error(`expected pending, got ${outcome.status}`);
    const refused = await setup.send(`approve ${outcome.approvalId}`, 'U0BOB');
    expect(refused).toMatchObject({ status: 'refused', code: 'denied' });
    expect(refused.reply.summary).toMatch(/your own request/);
    expect(setup.state.executions).toEqual([]);
    expect(await approveRows(outcome.approvalId, 'U0BOB')).toEqual(['started', 'denied']);
  });

  it.each([
    ['the requester, who is no approver', 'U0ALICE'],
    ['a non-approver', 'U0DAVE'],
  ])('refuses %s before anything is audited as started', async (_name, user) => {
    const setup = approvalSetup(db);
    const id = await requested(setup);
    const outcome = await setup.send(`approve ${id}`, user);
    expect(outcome).toMatchObject({ status: 'refused', code: 'denied' });
    expect(outcome.reply.summary).toMatch(/approver role/);
    expect(setup.state.executions).toEqual([]);
    expect(await approveRows(id, user)).toEqual(['denied']);
  });

  it('refuses an expired request and marks it expired', async () => {
    const config = { ...approvalConfig(), approvals: { ttl: -1000, quorum: 1, allowShell: false } };
    const setup = approvalSetup(db, { config });
    const id = await requested(setup);
    const outcome = await setup.send(`approve ${id}`, 'U0BOB');
    expect(outcome.reply.summary).toMatch(/expired/);
    expect(setup.state.executions).toEqual([]);
    expect((await setup.chain(id)).map((row) => row.outcome)).toEqual(['requested', 'expired']);
  });

  it('refuses a decided request', async () => {
    const setup = approvalSetup(db);
    const id = await requested(setup);
    expect((await setup.send(`reject ${id} --reason "not during the show"`, 'U0CAROL')).status).toBe('succeeded');
    const outcome = await setup.send(`approve ${id}`, 'U0BOB');
    expect(outcome.reply.summary).toMatch(/already rejected/);
    expect(setup.state.executions).toEqual([]);
    expect((await setup.chain(id)).map((row) => [row.outcome, row.user_id])).toEqual([
      ['requested', 'U0ALICE'],
      ['rejected', 'U0CAROL'],
    ]);
  });

  it.each(['apr_NOTREAL', 'apr_00000000000000000000000000', "apr_'; DROP TABLE audit_events;--"])(
    'refuses the tampered id %s',
    async (id) => {
      const setup = approvalSetup(db);
      const outcome = await setup.send(`approve "${id}"`, 'U0BOB');
      expect(outcome.reply.summary).toMatch(/no approval request/);
      const { rows } = await db.query<{ outcome: string }>(
        `SELECT outcome FROM audit_events WHERE command = 'approve' AND args->>'id' = $1 ORDER BY id`,
        [id],
      );
      // Issue 10, item 6: a precondition is audited `invalid` wherever it is raised (it was `failed` from run).
      expect(rows.map((row) => row.outcome)).toEqual(['started', 'invalid']);
    },
  );

  it('refuses a cancel by someone who is neither requester nor approver; the requester may cancel', async () => {
    const setup = approvalSetup(db);
    const id = await requested(setup);
    // Issue 10, item 3: U0DAVE holds neither role cancel requires, so the authorize step refuses him.
    expect((await setup.send(`cancel ${id}`, 'U0DAVE')).reply.summary).toMatch(/operator or approver role/);
    expect((await setup.send(`cancel ${id}`, 'U0ALICE')).status).toBe('succeeded');
    expect((await setup.send(`approve ${id}`, 'U0BOB')).reply.summary).toMatch(/already cancelled/);
    expect(setup.state.executions).toEqual([]);
  });

  it('does not count a shell approval unless allowed', async () => {
    const setup = approvalSetup(db);
    const id = await requested(setup);
    await expect(setup.service.approve(id, setup.as('U0BOB', 'shell'))).rejects.toThrow(/shell do not count/);
    expect(setup.state.executions).toEqual([]);
  });

  it('refuses to run when the plan changed in a way that matters, and says why', async () => {
    const setup = approvalSetup(db);
    const id = await requested(setup);
    setup.state.generation = 2;
    const result = await setup.service.approve(id, setup.as('U0BOB'));
    expect(result.record).toMatchObject({ status: 'refused', error: 'Not run: generation moved from 1 to 2' });
    expect(setup.state.executions).toEqual([]);
    // Issue 10, item 6: a changed plan is a precondition, audited `invalid` like one found while planning.
    expect((await setup.chain(id)).map((row) => row.outcome)).toEqual(['requested', 'approved', 'invalid']);
  });
});

describe('exactly once', () => {
  it('runs once for 50 concurrent approvals from different approvers', async () => {
    const approvers = Array.from({ length: 50 }, (_, i) => `U0APPR${String(i).padStart(3, '0')}`);
    const setup = approvalSetup(db, { approverGroup: approvers });
    const id = await requested(setup);
    const results = await Promise.allSettled(approvers.map((user) => setup.service.approve(id, setup.as(user))));
    expect(setup.state.executions).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.state === 'executed')).toHaveLength(1);
    expect((await setup.chain(id)).filter((row) => row.outcome === 'succeeded')).toHaveLength(1);
  });

  it('needs the quorum of distinct people; one person counts once', async () => {
    const setup = approvalSetup(db, { config: approvalConfig({ quorum: 2 }) });
    const id = await requested(setup);
    expect((await setup.service.approve(id, setup.as('U0BOB'))).state).toBe('waiting');
    await expect(setup.service.approve(id, setup.as('U0BOB'))).rejects.toThrow(/one person counts once/);
    expect(setup.state.executions).toEqual([]);
    expect((await setup.service.approve(id, setup.as('U0CAROL'))).state).toBe('executed');
    expect(setup.state.executions).toHaveLength(1);
  });
});

describe('across restarts', () => {
  it('runs a request made before a restart when approved after it', async () => {
    const before = approvalSetup(db);
    const id = await requested(before);
    const after = approvalSetup(db);
    const result = await after.service.approve(id, after.as('U0BOB'));
    expect(result.record.status).toBe('succeeded');
    expect(after.state.executions).toEqual([{ target: 'rap', key: id }]);
  });

  it('marks an execution interrupted by a crash, audits it, and never re-runs it', async () => {
    const setup = approvalSetup(db);
    const id = await requested(setup);
    const store = createApprovalStore(db);
    await store.addVote(id, 'U0BOB');
    expect(await store.claim(id, ['U0BOB'])).toMatchObject({ status: 'running' }); // the process "crashes" here
    await db.query(`SELECT pg_sleep(0.01)`);
    const swept = await approvalSetup(db).service.sweep(1);
    expect(swept.interrupted).toBeGreaterThanOrEqual(1);
    expect((await store.get(id))?.status).toBe('interrupted');
    expect((await setup.chain(id)).map((row) => row.outcome)).toEqual(['requested', 'interrupted']);
    await expect(setup.service.approve(id, setup.as('U0CAROL'))).rejects.toThrow(/already interrupted/);
    expect(setup.state.executions).toEqual([]);
  });
});
