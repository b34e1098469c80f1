import {
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
  type DescribeInstancesCommandInput,
  type Image,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { drRebuildHostCommand } from '../../src/commands/dr-rebuild-host.js';
import type { RadioConfig } from '../../src/config/radio-config.js';
import type { Plan } from '../../src/pipeline/command.js';
import { approvalConfig, approvalSetup } from '../support/approvals-fixture.js';
import { approvedLongOperation } from '../support/approved-long-operation.js';
import { replyText } from '../support/command-runner.js';
import { awsError, HOST_ID, hostInstance, mockedHost } from '../support/host-fixtures.js';

const COMMAND = 'dr rebuild-host';
const NEW_ID = 'i-0new0000000000001';
const EIP = 'eipalloc-0123456789abcdef0';
const long = approvedLongOperation(COMMAND, 'radio-ops-dr-rebuild-host-test');
const m = mockedHost({ host: { elasticIp: EIP } });
const base = approvalConfig();
const config: RadioConfig = { ...base, host: { ...base.host, elasticIp: EIP } };
const backup = (ImageId: string, CreationDate: string, State = 'available'): Image => ({
  ImageId,
  Name: `radio-liquidsoap-backup-${CreationDate.slice(0, 10)}`,
  CreationDate,
  State: State as Image['State'],
});
let launched: string | undefined;
beforeEach(() => {
  m.reset();
  launched = undefined;
  // The tag filter finds the host; the client-token filter finds what a launch with that token started.
  m.ec2Mock.on(DescribeInstancesCommand).callsFake(async (input: DescribeInstancesCommandInput) => {
    const byToken = input.Filters?.[0]?.Name === 'client-token';
    if (!byToken) return { Reservations: [{ Instances: [hostInstance({ KeyName: 'radio-ops' })] }] };
    return { Reservations: launched ? [{ Instances: [hostInstance({ InstanceId: launched })] }] : [] };
  });
  m.ec2Mock.on(DescribeImagesCommand).resolves({
    Images: [backup('ami-0aaa1111', '2026-11-30T03:00:00.000Z'), backup('ami-0bbb2222', '2026-12-01T03:00:00.000Z')],
  });
  m.ec2Mock.on(DescribeAddressesCommand).resolves({ Addresses: [{ AllocationId: EIP, InstanceId: HOST_ID }] });
  m.ec2Mock.on(RunInstancesCommand).callsFake(async () => {
    launched = NEW_ID;
    return { Instances: [{ InstanceId: NEW_ID }] };
  });
});
const setup = () => long.setup({ host: m.host }, config);
const launches = () => m.ec2Mock.commandCalls(RunInstancesCommand).map((call) => call.args[0].input);
const hostTags = [
  { Key: 'radio-ops:role', Value: 'liquidsoap-pending' },
  { Key: 'Name', Value: 'radio-liquidsoap' },
];
const launchInput = (ClientToken: string) => ({
  ImageId: 'ami-0bbb2222',
  InstanceType: 't3.medium',
  MinCount: 1,
  MaxCount: 1,
  ClientToken,
  SubnetId: 'subnet-0aaa',
  SecurityGroupIds: ['sg-0bbb'],
  IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/radio-host' },
  KeyName: 'radio-ops',
  TagSpecifications: [
    { ResourceType: 'instance', Tags: hostTags },
    { ResourceType: 'volume', Tags: hostTags },
  ],
});

/** The approval record of `line` asked as U0ALICE (throws unless it is pending). */
const requested = async (s: ReturnType<typeof setup>, line: string) => (await s.service.get(await s.ask(line)))!;

describe('dr rebuild-host', () => {
  it('plans the newest backup AMI with the host’s network, profile and tags, launches once approved, and is followed', async () => {
    const s = setup();
    const record = await requested(s, COMMAND);
    const plan = record.plan as Plan<{ replacedOn: string }>;
    // The launch's ClientToken is the request's id: the approved run sends exactly the card's input.
    const token = record.request_id;
    const day = plan.state.replacedOn;
    expect(plan.calls).toEqual([
      {
        service: 'EC2',
        operation: 'DescribeImages',
        input: {
          Owners: ['self'],
          Filters: [
            { Name: 'name', Values: ['radio-liquidsoap-backup-*'] },
            { Name: 'state', Values: ['available'] },
          ],
        },
      },
      { service: 'EC2', operation: 'RunInstances', input: launchInput(token) },
      {
        service: 'EC2',
        operation: 'AssociateAddress',
        input: { AllocationId: EIP, InstanceId: '<InstanceId of the new instance>', AllowReassociation: true },
      },
      { service: 'EC2', operation: 'StopInstances', input: { InstanceIds: [HOST_ID] } },
      {
        service: 'EC2',
        operation: 'CreateTags',
        input: { Resources: [HOST_ID], Tags: [{ Key: 'radio-ops:role', Value: `liquidsoap-replaced-${day}` }] },
      },
      {
        service: 'EC2',
        operation: 'CreateTags',
        input: {
          Resources: ['<InstanceId of the new instance>'],
          Tags: [{ Key: 'radio-ops:role', Value: 'liquidsoap' }],
        },
      },
    ]);
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(plan.current).toEqual([
      ['Old instance', `${HOST_ID} (running, t3.medium, us-east-1a)`],
      ['AMI', 'ami-0bbb2222 radio-liquidsoap-backup-2026-12-01, created 2026-12-01T03:00:00.000Z (newest backup)'],
      ['Elastic IP', `${EIP}: on ${HOST_ID} now; moves to the new instance`],
    ]);
    expect(launches()).toEqual([]);

    expect(await s.approve(record.id)).toMatchObject({ status: 'succeeded' });
    expect(launches()).toEqual([launchInput(token)]);
    expect(await long.followed(record.id)).toEqual([{ kind: 'host-rebuild', target: `${HOST_ID} ${NEW_ID} ${day}` }]);

    // A run repeated after a restart (same plan, same ClientToken) finds the instance it launched: no second launch.
    const again = await drRebuildHostCommand.run({
      args: {},
      config,
      integrations: { host: m.host } as never,
      invocation: { requestId: token, source: 'slack', userId: 'U0ALICE', text: COMMAND },
      idempotencyKey: record.id,
      plan,
    });
    expect(again).toMatchObject({ newId: NEW_ID, launched: false });
    expect(replyText(drRebuildHostCommand.present(again, {}))).toContain(
      `Found the earlier launch of ${NEW_ID} from ami-0bbb2222 to replace ${HOST_ID}.`,
    );
    expect(launches()).toHaveLength(1);
    expect(m.ec2Mock.commandCalls(DescribeInstancesCommand).at(-1)?.args[0].input).toEqual({
      Filters: [{ Name: 'client-token', Values: [token] }],
    });
  });

  it('takes --ami when it exists and is available, and refuses it in words otherwise, launching nothing', async () => {
    const s = setup();
    m.ec2Mock.on(DescribeImagesCommand, { ImageIds: ['ami-0ccc3333'] }).resolves({
      Images: [backup('ami-0ccc3333', '2026-10-01T03:00:00.000Z')],
    });
    const given = (await requested(s, `${COMMAND} --ami ami-0ccc3333`)).plan as Plan;
    expect(given.calls[0]).toEqual({
      service: 'EC2',
      operation: 'DescribeImages',
      input: { ImageIds: ['ami-0ccc3333'] },
    });
    expect(given.current[1]).toEqual([
      'AMI',
      'ami-0ccc3333 radio-liquidsoap-backup-2026-10-01, created 2026-10-01T03:00:00.000Z (given with --ami)',
    ]);

    m.ec2Mock.on(DescribeImagesCommand, { ImageIds: ['ami-0ddd4444'] }).rejects(awsError('InvalidAMIID.NotFound'));
    const missing = await s.send(`${COMMAND} --ami ami-0ddd4444`, 'U0ALICE');
    expect(missing).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(missing.reply.summary).toBe(
      'AMI `ami-0ddd4444` was not found in us-east-1 (or is not shared with this account). Nothing was done.',
    );
    m.ec2Mock.on(DescribeImagesCommand, { ImageIds: ['ami-0eee5555'] }).resolves({
      Images: [backup('ami-0eee5555', '2026-12-02T03:00:00.000Z', 'pending')],
    });
    const pending = await s.send(`${COMMAND} --ami ami-0eee5555`, 'U0ALICE');
    expect(pending.reply.summary).toBe(
      'AMI `ami-0eee5555` is pending: only an available AMI can be launched. Nothing was done.',
    );
    expect((await s.send(`${COMMAND} --ami sda1`, 'U0ALICE')).reply.summary).toMatch(/an AMI id like ami-/);
    expect(launches()).toEqual([]);
  });

  it('says so when there is no backup AMI, no host, or IAM refuses DescribeImages', async () => {
    const s = setup();
    m.ec2Mock.on(DescribeImagesCommand).resolves({ Images: [] });
    expect((await s.send(COMMAND, 'U0ALICE')).reply.summary).toBe(
      'No backup AMI found: no available AMI of this account is named like `radio-liquidsoap-backup-*` in us-east-1 (host.backupAmi.name). Give one with --ami. Nothing was done.',
    );
    m.ec2Mock.on(DescribeImagesCommand).rejects(awsError('UnauthorizedOperation'));
    const denied = await s.send(COMMAND, 'U0ALICE');
    expect(denied).toMatchObject({ status: 'failed', code: 'iam_denied' });
    expect(denied.reply.summary).toContain('AWS refused `ec2:DescribeImages`');
    m.ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    expect((await s.send(COMMAND, 'U0ALICE')).reply.summary).toMatch(
      /^No EC2 instance tagged `radio-ops:role=liquidsoap`/,
    );
    expect(launches()).toEqual([]);
  });

  it('does not run when a newer backup AMI appeared between request and approval', async () => {
    const s = setup();
    const record = await requested(s, COMMAND);
    m.ec2Mock.on(DescribeImagesCommand).resolves({ Images: [backup('ami-0fff6666', '2026-12-02T03:00:00.000Z')] });
    expect(await s.approve(record.id)).toMatchObject({
      status: 'refused',
      error: 'Not run: The AMI to launch is now ami-0fff6666, not the ami-0bbb2222 shown when this was approved.',
    });
    expect(launches()).toEqual([]);
  });

  it('plans without AWS access, reading nothing, and says what it would read', async () => {
    const s = approvalSetup(long.db, {
      config,
      integrations: { host: m.host, aws: { mode: 'dry-run', reason: 'no AWS credentials were found.' } },
    });
    const outcome = await s.send(`${COMMAND} --dry-run`, 'U0ALICE');
    expect(outcome.status).toBe('succeeded');
    const shown = replyText(outcome.reply);
    expect(shown).toContain('EC2 DescribeInstances');
    expect(shown).toContain('EC2 DescribeImages');
    expect(shown).toContain('EC2 RunInstances');
    expect(shown).toContain('"AllowReassociation": true');
    expect(m.ec2Mock.calls()).toEqual([]);
  });
});
