import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createOperationPoller, type Observation, type ProgressNotifier } from '../../src/operations/operation-poller.js';
import { createOperationStore } from '../../src/operations/operation-store.js';
import { silentLog } from '../support/fakes.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-operations-test');
const store = createOperationStore(db);
afterAll(() => db.close());

/** A watcher that reports `states` in order for one target, then keeps reporting the last. */
function scripted(states: Observation[]) {
  const seen: string[] = [];
  return { seen, watch: async (target: string) => { seen.push(target); return states[Math.min(seen.length - 1, states.length - 1)]!; } };
}

function recordingNotifier() {
  const messages: string[] = [];
  const notifier: ProgressNotifier = {
    progress: async (operation, text) => { messages.push(`${operation.progress_ts ? 'update' : 'post'} ${text}`); return operation.progress_ts ?? '1741990000.000100'; },
    final: async (_operation, text, tone) => { messages.push(`final ${tone} ${text}`); },
  };
  return { messages, notifier };
}

const poller = (watch: (t: string) => Promise<Observation>, notifier: ProgressNotifier, owner: string = randomUUID()) =>
  createOperationPoller({ store, watchers: { 'rds-instance': watch }, notifier, owner, log: silentLog, backoff: () => 0 });

describe('operation poller', () => {
  it('keeps one progress message current and posts the final state', async () => {
    const target = `radio-db-restored-${randomUUID().slice(0, 8)}`;
    const op = await store.follow({ kind: 'rds-instance', target, requestId: randomUUID(), channel: 'C0EXAMPLE01', threadTs: '1.1' });
    const world = scripted([{ state: 'creating', done: false }, { state: 'backing-up', done: false }, { state: 'available', done: true, detail: 'endpoint radio.example:5432' }]);
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
});
