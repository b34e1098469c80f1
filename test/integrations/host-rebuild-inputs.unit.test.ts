import type { Instance } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import {
  backupImagesInput,
  newestImage,
  replacedTagValue,
  runInstancesInput,
} from '../../src/integrations/host/host-rebuild-inputs.js';

const HOST_TAG = { key: 'radio-ops:role', value: 'liquidsoap' };
const old: Instance = {
  InstanceId: 'i-0old',
  InstanceType: 't3.medium',
  SubnetId: 'subnet-0aaa',
  SecurityGroups: [
    { GroupId: 'sg-01', GroupName: 'radio' },
    { GroupId: 'sg-02', GroupName: 'ssm' },
  ],
  IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/radio-host', Id: 'AIPA' },
  KeyName: 'radio-ops',
  Tags: [
    { Key: 'Name', Value: 'liquidsoap-1' },
    { Key: 'radio-ops:role', Value: 'liquidsoap' },
    { Key: 'aws:cloudformation:stack-name', Value: 'radio' },
  ],
};

describe('dr rebuild-host inputs', () => {
  it('looks for available backup AMIs of this account by name, and picks the newest by CreationDate', () => {
    expect(backupImagesInput('radio-liquidsoap-backup-*')).toEqual({
      Owners: ['self'],
      Filters: [
        { Name: 'name', Values: ['radio-liquidsoap-backup-*'] },
        { Name: 'state', Values: ['available'] },
      ],
    });
    const images = [
      { ImageId: 'ami-01', CreationDate: '2026-11-30T03:00:00.000Z' },
      { ImageId: 'ami-03', CreationDate: '2026-12-01T03:00:00.000Z' },
      { ImageId: 'ami-02', CreationDate: '2026-11-01T03:00:00.000Z' },
      { ImageId: 'ami-nodate' },
    ];
    expect(newestImage(images)?.ImageId).toBe('ami-03');
    expect(newestImage([])).toBeUndefined();
  });

  it("launches with the old instance's subnet, groups, profile, type, key and tags, the host tag pending, once per token", () => {
    const tags = [
      { Key: 'Name', Value: 'liquidsoap-1' },
      { Key: 'radio-ops:role', Value: 'liquidsoap-pending' },
    ];
    expect(runInstancesInput(old, 'ami-03', 'op_01JREBUILD', HOST_TAG)).toEqual({
      ImageId: 'ami-03',
      InstanceType: 't3.medium',
      MinCount: 1,
      MaxCount: 1,
      ClientToken: 'op_01JREBUILD',
      SubnetId: 'subnet-0aaa',
      SecurityGroupIds: ['sg-01', 'sg-02'],
      IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/radio-host' },
      KeyName: 'radio-ops',
      TagSpecifications: [
        { ResourceType: 'instance', Tags: tags },
        { ResourceType: 'volume', Tags: tags },
      ],
    });
    expect(replacedTagValue('liquidsoap', new Date('2026-12-02T17:00:00Z'))).toBe('liquidsoap-replaced-2026-12-02');
  });

  it('adds the pending host tag when the old instance somehow lacks it, and leaves out a missing key pair', () => {
    const input = runInstancesInput({ ...old, Tags: [], KeyName: undefined }, 'ami-03', 'x'.repeat(80), HOST_TAG);
    expect(input.TagSpecifications?.[0]?.Tags).toEqual([{ Key: 'radio-ops:role', Value: 'liquidsoap-pending' }]);
    expect(input).not.toHaveProperty('KeyName');
    expect(input.ClientToken).toHaveLength(64);
  });
});
