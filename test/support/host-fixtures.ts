// The station host as EC2 describes it, and the host operations on aws-sdk-client-mock'ed clients.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { RadioConfig } from '../../src/config/radio-config.js';
import { createHostOperations } from '../../src/integrations/host/host-operations.js';
import { manualClock } from './manual-clock.js';

export const HOST_ID = 'i-0abc1234def567890';

/** A running `t3.medium` carrying the default host tag, launched 2025-03-12T08:00:00Z. */
export function hostInstance(overrides: Partial<Instance> = {}): Instance {
  return {
    InstanceId: HOST_ID,
    InstanceType: 't3.medium',
    State: { Name: 'running', Code: 16 },
    Placement: { AvailabilityZone: 'us-east-1a' },
    LaunchTime: new Date('2025-03-12T08:00:00Z'),
    ImageId: 'ami-0123456789abcdef0',
    SubnetId: 'subnet-0aaa',
    SecurityGroups: [{ GroupId: 'sg-0bbb', GroupName: 'radio' }],
    IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/radio-host', Id: 'AIPA' },
    PrivateIpAddress: '10.0.1.20',
    PublicIpAddress: '203.0.113.7',
    Tags: [
      { Key: 'radio-ops:role', Value: 'liquidsoap' },
      { Key: 'Name', Value: 'radio-liquidsoap' },
    ],
    ...overrides,
  };
}

/** Mocks of the three clients (reset by the caller) and the operations on them, in a clock that moves only when slept on. */
export function mockedHost(yaml: Record<string, unknown> = {}) {
  const clock = manualClock(Date.parse('2025-03-14T21:00:00Z'));
  const radio = RadioConfig.parse(yaml);
  const clients = {
    ec2: new EC2Client({ region: radio.region }),
    ssm: new SSMClient({ region: radio.region }),
    cloudwatch: new CloudWatchClient({ region: radio.region }),
  };
  const ec2Mock = mockClient(clients.ec2);
  const ssmMock = mockClient(clients.ssm);
  const cloudwatchMock = mockClient(clients.cloudwatch);
  const host = createHostOperations(clients, radio, { clock, polling: { intervalMs: 1_000, maxPolls: 5 } });
  const reset = () => {
    ec2Mock.reset();
    ssmMock.reset();
    cloudwatchMock.reset();
  };
  const instancesAre = (...instances: Instance[]) =>
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: instances }] });
  return { ec2Mock, ssmMock, cloudwatchMock, clock, radio, host, reset, instancesAre };
}

/** An AWS SDK error as the client throws it (`name`, `$metadata`). */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400, attempts: 1 } });
}
