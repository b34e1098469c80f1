import { CreateSnapshotsCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/pipeline/command.js';
import { approvedLongOperation } from '../support/approved-long-operation.js';
import { HOST_ID, hostInstance, mockedHost } from '../support/host-fixtures.js';

const long = approvedLongOperation('host resize', 'radio-ops-host-resize-test');
const m = mockedHost();
beforeEach(() => {
  m.reset();
  m.instancesAre(hostInstance());
  m.ec2Mock.on(CreateSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-01' }, { SnapshotId: 'snap-02' }] });
});
const setup = () => long.setup({ host: m.host });
const snapshots = () => m.ec2Mock.commandCalls(CreateSnapshotsCommand).map((call) => call.args[0].input);

describe('host resize', () => {
  it('plans the four EC2 writes, takes crash-consistent snapshots once approved, and is followed as host-resize', async () => {
    const s = setup();
    const id = await s.ask('host resize T3.LARGE');
    const plan = (await s.service.get(id))?.plan as Plan;
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

    expect((await s.approve(id))?.status).toBe('succeeded');
    expect(snapshots()).toEqual([
      { InstanceSpecification: { InstanceId: HOST_ID, ExcludeBootVolume: false }, Description: description },
    ]);
    // The stop is the watcher's, not the run's.
    expect(m.ec2Mock.commandCalls(StopInstancesCommand)).toEqual([]);
    expect(await long.followed(id)).toEqual([{ kind: 'host-resize', target: `${HOST_ID} t3.large` }]);
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
    const id = await s.ask('host resize t3.large');
    m.instancesAre(hostInstance({ InstanceType: 't3.small' }));
    expect(await s.approve(id)).toMatchObject({
      status: 'refused',
      error: `Not run: ${HOST_ID} is now t3.small, not the t3.medium shown when this was approved.`,
    });
    expect(snapshots()).toEqual([]);
  });
});
