// Issue 13, fault 17: one pending approval request per origin (an alarm card button), held by Postgres, so
// presses at the same moment, on other replicas or after a restart never make a second one.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Invocation, Plan } from '../../src/pipeline/command.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-approval-origin-test');
afterAll(() => db.close());

const plan: Plan = { current: [], calls: [{ service: 'Test', operation: 'Wipe', input: {} }], warnings: [], state: 1 };
const press = (origin: string, userId: string): Invocation => ({
  requestId: randomUUID(),
  source: 'alarm',
  userId,
  teamId: 'T0EXAMPLE',
  channelId: 'C0EXAMPLE01',
  text: 'wipe rap',
  origin,
});

describe('approval requests from one origin', () => {
  it('fault 17: five presses at the same moment store one request; the others point to it, audited as not stored', async () => {
    const setup = approvalSetup(db);
    const origin = `run_${randomBytes(10).toString('hex')}`;
    const results = await Promise.all(
      ['U0ALICE', 'U0BOB', 'U0ALICE', 'U0BOB', 'U0ALICE'].map((user) =>
        setup.service.request(press(origin, user), 'wipe', { target: 'rap' }, plan),
      ),
    );
    const ids = new Set(results.map((result) => result.record.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => !result.existing)).toHaveLength(1);
    const { rows } = await db.query('SELECT id FROM approval_requests WHERE origin = $1', [origin]);
    expect(rows).toEqual([{ id: [...ids][0] }]);
    expect((await setup.chain([...ids][0] ?? '')).map((row) => row.outcome)).toEqual(['requested']);
    // The four presses that lost the race: their own `requested` row, closed at once.
    const { rows: losers } = await db.query<{ outcome: string }>(
      `SELECT outcome, count(*)::int AS n FROM audit_events WHERE command = 'wipe' AND error LIKE $1 GROUP BY outcome`,
      [`not stored: request ${[...ids][0]} from the same button%`],
    );
    expect(losers).toEqual([{ outcome: 'cancelled', n: 4 }]);
  });

  it('fault 17: once the request is decided, the same origin makes a new one', async () => {
    const setup = approvalSetup(db);
    const origin = `run_${randomBytes(10).toString('hex')}`;
    const first = await setup.service.request(press(origin, 'U0ALICE'), 'wipe', { target: 'rap' }, plan);
    expect(await setup.service.pendingFrom(origin)).toMatchObject({ id: first.record.id });
    await setup.service.reject(first.record.id, { ...press(origin, 'U0BOB'), text: 'reject' });
    expect(await setup.service.pendingFrom(origin)).toBeUndefined();
    const second = await setup.service.request(press(origin, 'U0ALICE'), 'wipe', { target: 'rap' }, plan);
    expect(second.existing).toBe(false);
    expect(second.record.id).not.toBe(first.record.id);
  });
});
