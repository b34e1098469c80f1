import {
  AssociateAddressCommand,
  CreateTagsCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  StopInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHostWatchers } from '../../src/integrations/host/host-watchers.js';
import type { FollowUpRunner } from '../../src/operations/follow-up-audit.js';
import { awsError, HOST_ID, hostInstance, mockedHost } from '../support/host-fixtures.js';
import { watchedHost } from '../support/host-watcher-fixture.js';

const NEW_ID = 'i-0new0000000000001';
const EIP = 'eipalloc-0123456789abcdef0';
const TARGET = `${HOST_ID} ${NEW_ID} 2026-12-02`;
const m = watchedHost({ host: { elasticIp: EIP } }, ['DescribeInstancesCommand', 'DescribeAddressesCommand']);
const { audited, followUp, writes } = m;

/** What EC2 reports now: the two instances (by id) and the Elastic IP's holder; each write changes it as EC2 would. */
let world: { old: Instance | undefined; fresh: Instance; eipOn: string | undefined };
const tagged = (instance: Instance, value: string): Instance => ({
  ...instance,
  Tags: (instance.Tags ?? []).map((tag) => (tag.Key === 'radio-ops:role' ? { ...tag, Value: value } : tag)),
});
beforeEach(() => {
  world = {
    old: hostInstance(),
    fresh: hostInstance({ InstanceId: NEW_ID, State: { Name: 'pending' }, Tags: [] }),
    eipOn: HOST_ID,
  };
  world.fresh = tagged({ ...world.fresh, Tags: [{ Key: 'radio-ops:role', Value: 'x' }] }, 'liquidsoap-pending');
  m.ec2Mock.on(DescribeInstancesCommand).callsFake(async (input: { InstanceIds: string[] }) => {
    const id = input.InstanceIds[0];
    const found = id === NEW_ID ? world.fresh : world.old;
    if (!found) throw awsError('InvalidInstanceID.NotFound');
    return { Reservations: [{ Instances: [found] }] };
  });
  m.ec2Mock.on(DescribeAddressesCommand).callsFake(async () => ({
    Addresses: [{ AllocationId: EIP, PublicIp: '198.51.100.9', InstanceId: world.eipOn }],
  }));
  m.ec2Mock.on(AssociateAddressCommand).callsFake(async (input: { InstanceId: string }) => {
    world.eipOn = input.InstanceId;
    return { AssociationId: 'eipassoc-01' };
  });
  m.ec2Mock.on(StopInstancesCommand).callsFake(async () => {
    world.old = { ...world.old, State: { Name: 'stopping' } };
    return {};
  });
  m.ec2Mock.on(CreateTagsCommand).callsFake(async (input: { Resources: string[]; Tags: { Value: string }[] }) => {
    const value = input.Tags[0]!.Value;
    if (input.Resources[0] === NEW_ID) world.fresh = tagged(world.fresh, value);
    else world.old = tagged(world.old!, value);
    return {};
  });
});

const EXPECTED_WRITES = [
  ['AssociateAddressCommand', { AllocationId: EIP, InstanceId: NEW_ID, AllowReassociation: true }],
  ['StopInstancesCommand', { InstanceIds: [HOST_ID] }],
  [
    'CreateTagsCommand',
    { Resources: [HOST_ID], Tags: [{ Key: 'radio-ops:role', Value: 'liquidsoap-replaced-2026-12-02' }] },
  ],
  ['CreateTagsCommand', { Resources: [NEW_ID], Tags: [{ Key: 'radio-ops:role', Value: 'liquidsoap' }] }],
];
// A new watcher for every look: nothing is remembered between them, as after a restart.
const look = (follow: FollowUpRunner = followUp) => createHostWatchers(m.host)['host-rebuild'](TARGET, follow);

describe('the host-rebuild watcher', () => {
  it('waits for the new instance, moves the Elastic IP, stops and retags the old one first, then tags the new one', async () => {
    expect(await look()).toEqual({ state: `${NEW_ID} pending`, done: false });
    world.fresh = { ...world.fresh, State: { Name: 'running' } };
    expect(await look()).toEqual({ state: `${NEW_ID} running: AssociateAddress sent`, done: false });
    expect(await look()).toEqual({ state: `${NEW_ID} running: StopInstances sent to ${HOST_ID}`, done: false });
    expect(await look()).toEqual({
      state: `${NEW_ID} running: ${HOST_ID} tagged radio-ops:role=liquidsoap-replaced-2026-12-02`,
      done: false,
    });
    expect(await look()).toEqual({ state: `${NEW_ID} running: tagged radio-ops:role=liquidsoap`, done: false });
    expect(await look()).toEqual({
      state: `${NEW_ID} running`,
      done: true,
      detail: 'rebuilt and running; on air not checked: Icecast or the channel list is not set up in this process',
    });
    expect(writes()).toEqual(EXPECTED_WRITES);
    expect(audited).toEqual(
      EXPECTED_WRITES.map(([name, input]) => ({
        service: 'EC2',
        operation: String(name).replace(/Command$/, ''),
        input,
      })),
    );
    expect(m.ec2Mock.commandCalls(DescribeAddressesCommand)[0]?.args[0].input).toEqual({ AllocationIds: [EIP] });
  });

  it('repeats no write when the process dies right after each one (the poller only retries the look)', async () => {
    world.fresh = { ...world.fresh, State: { Name: 'running' } };
    // Each write is done, then the process "dies" before the look is recorded: the poller catches and looks again.
    const dying: FollowUpRunner = async (step, work) => {
      await followUp(step, work);
      throw new Error('process killed after the write');
    };
    for (let attempt = 0; attempt < 4; attempt += 1) await expect(look(dying)).rejects.toThrow('process killed');
    expect(await look()).toMatchObject({ state: `${NEW_ID} running`, done: true });
    expect(writes()).toEqual(EXPECTED_WRITES);
  });

  it('fails when the new instance is gone or stopped; never stops or retags the old one then', async () => {
    world.fresh = { ...world.fresh, State: { Name: 'terminated' } };
    expect(await look()).toEqual({ state: `${NEW_ID} terminated`, done: false, failed: true });
    world.fresh = { ...world.fresh, State: { Name: 'stopped' } };
    expect(await look()).toEqual({ state: `${NEW_ID} stopped`, done: false, failed: true });
    expect(writes()).toEqual([]);
  });

  it('says which action IAM refused, in words, and sends nothing after it', async () => {
    world.fresh = { ...world.fresh, State: { Name: 'running' } };
    m.ec2Mock.on(AssociateAddressCommand).rejects(awsError('UnauthorizedOperation'));
    await expect(look()).rejects.toMatchObject({
      code: 'iam_denied',
      message: expect.stringContaining(`AWS refused \`ec2:AssociateAddress\` on \`${EIP} -> ${NEW_ID}\``),
    });
    expect(m.ec2Mock.commandCalls(StopInstancesCommand)).toEqual([]);
  });

  it('without an Elastic IP configured, and with the old instance already gone, only tags the new one', async () => {
    const plain = mockedHost();
    plain.ec2Mock.on(DescribeInstancesCommand).callsFake(async (input: { InstanceIds: string[] }) => {
      if (input.InstanceIds[0] !== NEW_ID) throw awsError('InvalidInstanceID.NotFound');
      return { Reservations: [{ Instances: [{ ...world.fresh, State: { Name: 'running' } }] }] };
    });
    plain.ec2Mock.on(CreateTagsCommand).resolves({});
    expect(await createHostWatchers(plain.host)['host-rebuild'](TARGET, followUp)).toEqual({
      state: `${NEW_ID} running: tagged radio-ops:role=liquidsoap`,
      done: false,
    });
    expect(plain.ec2Mock.commandCalls(DescribeAddressesCommand)).toEqual([]);
    expect(plain.ec2Mock.commandCalls(CreateTagsCommand).map((call) => call.args[0].input)).toEqual([
      { Resources: [NEW_ID], Tags: [{ Key: 'radio-ops:role', Value: 'liquidsoap' }] },
    ]);
  });
});
