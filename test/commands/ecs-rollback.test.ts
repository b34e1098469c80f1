// ecs rollback through the two-person approval on real Postgres: the approved run sends the planned
// UpdateService, records the deployment to follow, and a change of revision since approval stops it.
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEcsOperations } from '../../src/integrations/ecs/ecs-operations.js';
import { approvalConfig } from '../support/approvals-fixture.js';
import { approvedLongOperation } from '../support/approved-long-operation.js';
import { ecsService } from '../support/ecs-fixtures.js';

const { setup, followed } = approvedLongOperation('ecs rollback', 'radio-ops-ecs-rollback-test');
const ARN = 'arn:aws:ecs:us-east-1:123456789012';
const ecsMock = mockClient(ECSClient);
const ecs = createEcsOperations(
  new ECSClient({ region: 'us-east-1' }),
  new ApplicationAutoScalingClient({ region: 'us-east-1' }),
  approvalConfig().ecs,
);
beforeEach(() => {
  ecsMock.reset();
  runs(42);
  ecsMock.on(ListTaskDefinitionsCommand).callsFake((input: { familyPrefix: string }) => ({
    taskDefinitionArns: [43, 42, 41, 40].map((r) => `${ARN}:task-definition/${input.familyPrefix}:${r}`),
  }));
  ecsMock.on(DescribeTaskDefinitionCommand).callsFake((input: { taskDefinition: string }) => ({
    taskDefinition: { containerDefinitions: [{ name: 'n8n', image: `n8nio/n8n:${input.taskDefinition}` }] },
  }));
  ecsMock.on(UpdateServiceCommand).resolves({ service: ecsService('n8n-worker', 2) });
});

function runs(revision: number) {
  ecsMock.on(DescribeServicesCommand).resolves({
    services: [ecsService('n8n-worker', 2, { taskDefinition: `${ARN}:task-definition/n8n-worker:${revision}` })],
    failures: [],
  });
}

const updates = () => ecsMock.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input);

describe('ecs rollback, approved', () => {
  it('sends UpdateService with the previous revision once a second person approves, and follows the deployment', async () => {
    const s = setup({ ecs });
    const id = await s.ask('ecs rollback n8n');
    expect(updates()).toEqual([]);
    expect((await s.approve(id))?.status).toBe('succeeded');
    expect(updates()).toEqual([
      { cluster: 'radio-n8n-cluster', service: 'n8n-worker', taskDefinition: 'n8n-worker:41' },
    ]);
    expect(await followed(id)).toEqual([{ kind: 'ecs-service', target: 'n8n' }]);
  });

  it('does not run when the service moved to another revision after approval was asked', async () => {
    const s = setup({ ecs });
    const id = await s.ask('ecs rollback n8n');
    runs(43);
    const record = await s.approve(id);
    expect(record?.status).toBe('refused');
    expect(JSON.stringify(record?.result ?? record)).toMatch(/now runs n8n-worker:43/);
    expect(updates()).toEqual([]);
  });
});
