import { CreateSnapshotsCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import { createOperationStore } from '../../src/operations/operation-store.js';
import type { Plan } from '../../src/pipeline/command.js';
import { approvalSetup } from '../support/approvals-fixture.js';
import { HOST_ID, hostInstance, mockedHost } from '../support/host-fixtures.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const COMMAND = 'host resize';
const db = openWorkerDatabase('radio-ops-host-resize-test');
afterAll(async () => {
  await db.query(
    `UPDATE operations SET status = 'done', finished_at = clock_timestamp()
    WHERE status = 'polling' AND approval_id IN (SELECT id FROM approval_requests WHERE command = $1)`,
    [COMMAND],
  );
  await db.close();
});
const m = mockedHost();
beforeEach(() => {
  m.reset();
  m.instancesAre(hostInstance());
  m.ec2Mock.on(CreateSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-01' }, { SnapshotId: 'snap-02' }] });
});
const setup = () =>
  approvalSetup(db, { integrations: { host: m.host, aws: { mode: 'live' } }, operations: createOperationStore(db) });
const snapshots = () => m.ec2Mock.commandCalls(CreateSnapshotsCommand).map((call) => call.args[0].input);

describe('host resize', () => {
  it('plans the four EC2 writes, takes crash-consistent snapshots once approved, and is followed as host-resize', async () => {
    const s = setup();
    const requested = await s.send('host resize T3.LARGE', 'U0ALICE');
    if (requested.status !== 'pending') throw new Error(`expected pending, got ${requested.reply.summary}`);
    const plan = (await s.service.get(requested.approvalId))?.plan as Plan;
    const description = `radio-ops host resize ${HOST_ID} t3.medium -> t3.large`;
    expect(plan.calls).toEqual([
      {
        service: 'EC2',
        operation: 'CreateSnapshots',
        input: { InstanceSpecification: { InstanceId: HOST_ID, ExcludeBootVolume: false }, Description: description },
      },
      { service: 'EC2', operation: 'StopInstances', input: { InstanceIds: [HOST_ID] } },
      {
        service: 'EC2',
        operation: 'ModifyInstanceAttribute',
        input: { InstanceId: HOST_ID, InstanceType: { Value: 't3.large' } },
      },
      { service: 'EC2', operation: 'StartInstances', input: { InstanceIds: [HOST_ID] } },
    ]);
    expect(snapshots()).toEqual([]);

    const approved = await s.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect(((approved as { result?: unknown }).result as ApproveResult).record.status).toBe('succeeded');
    expect(snapshots()).toEqual([
      { InstanceSpecification: { InstanceId: HOST_ID, ExcludeBootVolume: false }, Description: description },
    ]);
    // The stop is the watcher's, not the run's.
    expect(m.ec2Mock.commandCalls(StopInstancesCommand)).toEqual([]);
    const { rows } = await db.query('SELECT kind, target FROM operations WHERE approval_id = $1', [
      requested.approvalId,
    ]);
    expect(rows).toEqual([{ kind: 'host-resize', target: `${HOST_ID} t3.large` }]);
  });

  it('refuses a type outside host.allowedInstanceTypes and the type it already has, sending nothing', async () => {
    const s = setup();
    const outside = await s.send('host resize p5.48xlarge', 'U0ALICE');
    expect(outside).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(outside.reply.summary).toContain(
      '`p5.48xlarge` is not in host.allowedInstanceTypes (t3.small, t3.medium, t3.large, c6i.large)',
    );
    const same = await s.send('host resize t3.medium', 'U0ALICE');
    expect(same.reply.summary).toBe(`${HOST_ID} is already t3.medium. Nothing was done.`);
    expect(snapshots()).toEqual([]);
  });

  it('does not run when the type changed between request and approval', async () => {
    const s = setup();
    const requested = await s.send('host resize t3.large', 'U0ALICE');
    if (requested.status !== 'pending') throw new Error('expected pending');
    m.instancesAre(hostInstance({ InstanceType: 't3.small' }));
    const approved = await s.send(`approve ${requested.approvalId}`, 'U0BOB');
    expect(((approved as { result?: unknown }).result as ApproveResult).record).toMatchObject({
      status: 'refused',
      error: `Not run: ${HOST_ID} is now t3.small, not the t3.medium shown when this was approved.`,
    });
    expect(snapshots()).toEqual([]);
  });
});
