import type {
  CreateSnapshotsCommandInput,
  ModifyInstanceAttributeCommandInput,
  StartInstancesCommandInput,
  StopInstancesCommandInput,
} from '@aws-sdk/client-ec2';

// The exact EC2 inputs of `host resize`, pure, so plans and the watcher build the same ones.
// Sources: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshots.html,
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-resize.html

/** Crash-consistent snapshots of every EBS volume of the instance, boot volume included (no reboot, unlike CreateImage). */
export const createSnapshotsInput = (instanceId: string, description: string): CreateSnapshotsCommandInput => ({
  InstanceSpecification: { InstanceId: instanceId, ExcludeBootVolume: false },
  Description: description.slice(0, 255),
});
export const stopInstancesInput = (instanceId: string): StopInstancesCommandInput => ({ InstanceIds: [instanceId] });
export const modifyInstanceTypeInput = (
  instanceId: string,
  instanceType: string,
): ModifyInstanceAttributeCommandInput => ({
  InstanceId: instanceId,
  InstanceType: { Value: instanceType },
});
export const startInstancesInput = (instanceId: string): StartInstancesCommandInput => ({ InstanceIds: [instanceId] });

/** The operation poller's target of a resize: `<InstanceId> <instance-type>`. */
export const resizeTarget = (instanceId: string, instanceType: string) => `${instanceId} ${instanceType}`;
export function parseResizeTarget(target: string): { instanceId: string; instanceType: string } {
  const [instanceId = '', instanceType = ''] = target.split(' ');
  return { instanceId, instanceType };
}
