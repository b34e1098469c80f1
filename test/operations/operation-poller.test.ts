import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createOperationPoller,
  type Observation,
  type ProgressNotifier,
  type Watcher,
} from '../../src/operations/operation-poller.js';
import { createOperationStore } from '../../src/operations/operation-store.js';
import { createAuditLog } from '../../src/audit/audit-log.js';
import { createExecutor } from '../../src/pipeline/execute.js';
import { UserError } from '../../src/pipeline/user-error.js';
import { silentLog } from '../support/fakes.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-operations-test');
const store = createOperationStore(db);
const executor = createExecutor({ audit: createAuditLog(db), log: silentLog });
afterAll(() => db.close());

/** A watcher that reports `states` in order for one target, then keeps reporting the last. */
function scripted(states: Observation[]) {
  const seen: string[] = [];
  return {
    seen,
    watch: async (target: string) => {
      seen.push(target);
      return states[Math.min(seen.length - 1, states.length - 1)]!;
    },
  };
}

function recordingNotifier() {
  const messages: string[] = [];
  const notifier: ProgressNotifier = {
    progress: async (operation, text) => {
      messages.push(`${operation.progress_ts ? 'update' : 'post'} ${text}`);
      return operation.progress_ts ?? '1741990000.000100';
    },
    final: async (_operation, text, tone) => {
      messages.push(`final ${tone} ${text}`);
    },
  };
  return { messages, notifier };
}

const poller = (watch: (t: string) => Promise<Observation>, notifier: ProgressNotifier, owner: string = randomUUID()) =>
  createOperationPoller({
    store,
    watchers: { 'rds-instance': watch },
    notifier,
    owner,
    log: silentLog,
    backoff: () => 0,
    executor,
  });

describe('operation poller', () => {
  it('keeps one progress message current and posts the final state', async () => {
    const target = `radio-db-restored-${randomUUID().slice(0, 8)}`;
    const op = await store.follow({
      kind: 'rds-instance',
      target,
      requestId: randomUUID(),
      channel: 'C0EXAMPLE01',
      threadTs: '1.1',
    });
    const world = scripted([
      { state: 'creating', done: false },
      { state: 'backing-up', done: false },
      { state: 'available', done: true, detail: 'endpoint radio.example:5432' },
    ]);
    const { messages, notifier } = recordingNotifier();
    const p = poller(world.watch, notifier);
    while ((await store.get(op.id))?.status === 'polling') await p.tick();
    expect(messages.filter((m) => m.includes(target))).toEqual([
      `post ${target}: creating`,
      `update ${target}: backing-up`,
      `update ${target}: available (endpoint radio.example:5432)`,
      `final success ${target}: available (endpoint radio.example:5432)`,
    ]);
    expect(await store.get(op.id)).toMatchObject({ status: 'done', last_state: 'available', attempts: 3 });
  });

  it('lets only one of two replicas poll an operation at a time (lease)', async () => {
    const target = `lease-${randomUUID().slice(0, 8)}`;
    const op = await store.follow({ kind: 'rds-instance', target, requestId: randomUUID() });
    const claimedByA = await store.claimDue('replica-a', 60_000, 100);
    const claimedByB = await store.claimDue('replica-b', 60_000, 100);
    expect(claimedByA.map((o) => o.id)).toContain(op.id);
    expect(claimedByB.map((o) => o.id)).not.toContain(op.id);
    await store.polled(op.id, 'replica-b', { state: 'stolen', nextPollInMs: 0 });
    expect((await store.get(op.id))?.last_state).toBeNull();
  });

  it('resumes after a restart: a lapsed lease is taken over by another process', async () => {
    const target = `restart-${randomUUID().slice(0, 8)}`;
    const op = await store.follow({ kind: 'rds-instance', target, requestId: randomUUID() });
    await store.claimDue('crashed-process', 1, 100); // it claimed, then died
    await db.query('SELECT pg_sleep(0.01)');
    const world = scripted([{ state: 'available', done: true }]);
    const { notifier } = recordingNotifier();
    await poller(world.watch, notifier, 'new-process').tick();
    expect(world.seen).toContain(target);
    expect((await store.get(op.id))?.status).toBe('done');
  });

  it('reports a failed operation and stops following it', async () => {
    const target = `failed-${randomUUID().slice(0, 8)}`;
    const op = await store.follow({ kind: 'rds-instance', target, requestId: randomUUID() });
    const { messages, notifier } = recordingNotifier();
    await poller(scripted([{ state: 'incompatible-restore', done: false, failed: true }]).watch, notifier).tick();
    expect(await store.get(op.id)).toMatchObject({ status: 'failed', last_state: 'incompatible-restore' });
    expect(messages.at(-1)).toBe(`final error ${target}: incompatible-restore`);
  });

  it('a look that throws shows why on the progress message (words, not a stack) and is tried again', async () => {
    const target = `denied-${randomUUID().slice(0, 8)}`;
    const op = await store.follow({ kind: 'rds-instance', target, requestId: randomUUID() });
    let looks = 0;
    const watch = async (): Promise<Observation> => {
      looks += 1;
      if (looks === 1) return { state: 'running', done: false };
      if (looks === 2)
        throw new UserError('iam_denied', 'AWS refused `ec2:AssociateAddress`: AccessDenied (the role lacks it).');
      return { state: 'available', done: true };
    };
    const { messages, notifier } = recordingNotifier();
    const p = poller(watch, notifier);
    while ((await store.get(op.id))?.status === 'polling') await p.tick();
    expect(messages.filter((m) => m.includes(target))).toEqual([
      `post ${target}: running`,
      `update ${target}: running (the last check failed: AWS refused \`ec2:AssociateAddress\`: AccessDenied (the role lacks it). Trying again.)`,
      `update ${target}: available`,
      `final success ${target}: available`,
    ]);
  });

  // Issue 10, item 2: a write a watcher makes is an execution of its own (started, outcome), linked to the
  // execution that started the operation; the end of the operation is audited too.
  it('audits follow-up writes and the completion under the parent request, as the person it acts for', async () => {
    const target = `follow-${randomUUID().slice(0, 8)}`;
    const requestId = randomUUID();
    const op = await store.follow({
      kind: 'rds-instance',
      target,
      requestId,
      userId: 'U0ALICE',
      source: 'slack',
      command: 'db resize',
      text: 'db resize db.r6g.large',
    });
    let polls = 0;
    const watch: Watcher = async (_target, followUp) => {
      polls += 1;
      if (polls === 1)
        await followUp(
          { service: 'RDS', operation: 'ModifyDBInstance', input: { DBInstanceIdentifier: target } },
          async () => 'modified',
        );
      if (polls === 2) {
        const refused = followUp(
          { service: 'RDS', operation: 'ModifyDBInstance', input: { DBInstanceIdentifier: target } },
          async () => {
            throw new Error('boom');
          },
        );
        await expect(refused).rejects.toThrow('boom'); // the watcher sees the error it would see without the audit
      }
      return polls < 2 ? { state: 'modifying', done: false } : { state: 'available', done: true };
    };
    const { notifier } = recordingNotifier();
    const p = createOperationPoller({
      store,
      watchers: { 'rds-instance': watch },
      notifier,
      owner: randomUUID(),
      log: silentLog,
      backoff: () => 0,
      executor,
    });
    while ((await store.get(op.id))?.status === 'polling') await p.tick();
    const { rows } = await db.query<{
      outcome: string;
      user_id: string;
      command: string;
      text: string;
      args: unknown;
      request_id: string;
    }>(
      'SELECT outcome, user_id, command, text, args, request_id::text FROM audit_events WHERE parent_request_id = $1 ORDER BY id',
      [requestId],
    );
    expect(rows.map((row) => [row.outcome, row.user_id, row.command])).toEqual([
      ['started', 'U0ALICE', 'db resize'],
      ['succeeded', 'U0ALICE', 'db resize'],
      ['started', 'U0ALICE', 'db resize'],
      ['failed', 'U0ALICE', 'db resize'],
      ['succeeded', 'U0ALICE', 'db resize'],
    ]);
    expect(rows[0]?.text).toBe('RDS ModifyDBInstance (following `db resize db.r6g.large`)');
    expect(rows[0]?.args).toEqual({ DBInstanceIdentifier: target });
    expect(rows[0]?.request_id).toBe(rows[1]?.request_id);
    expect(rows[2]?.request_id).not.toBe(rows[0]?.request_id);
    expect(rows[4]?.text).toBe(`completed: ${target}: available (following \`db resize db.r6g.large\`)`);
  });

  it('audits giving up on an operation as failed', async () => {
    const target = `gave-up-${randomUUID().slice(0, 8)}`;
    const requestId = randomUUID();
    const op = await store.follow({ kind: 'rds-instance', target, requestId });
    const { notifier } = recordingNotifier();
    const p = createOperationPoller({
      store,
      watchers: { 'rds-instance': scripted([{ state: 'modifying', done: false }]).watch },
      notifier,
      owner: randomUUID(),
      log: silentLog,
      backoff: () => 0,
      executor,
      maxAttempts: 1,
    });
    await p.tick();
    expect((await store.get(op.id))?.status).toBe('gave-up');
    const { rows } = await db.query<{ outcome: string; error: string; user_id: string }>(
      'SELECT outcome, error, user_id FROM audit_events WHERE parent_request_id = $1',
      [requestId],
    );
    expect(rows).toEqual([{ outcome: 'failed', error: 'stopped following after 1 checks', user_id: 'radio-ops' }]);
  });
});
