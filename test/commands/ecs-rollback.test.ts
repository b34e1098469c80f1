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
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApproveResult } from '../../src/approvals/approval-service.js';
import { createEcsOperations } from '../../src/integrations/ecs/ecs-operations.js';
import { createOperationStore } from '../../src/operations/operation-store.js';
import { approvalConfig, approvalSetup } from '../support/approvals-fixture.js';
import { ecsService } from '../support/ecs-fixtures.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const COMMAND = 'ecs rollback';
const db = openWorkerDatabase('radio-ops-ecs-rollback-test');
afterAll(async () => {
  await db.query(
    `UPDATE operations SET status = 'done', finished_at = clock_timestamp()
    WHERE status = 'polling' AND approval_id IN (SELECT id FROM approval_requests WHERE command = $1)`,
    [COMMAND],
  );
  await db.close();
});
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

const setup = () =>
  approvalSetup(db, { integrations: { ecs, aws: { mode: 'live' } }, operations: createOperationStore(db) });

async function request(s: ReturnType<typeof setup>) {
  const outcome = await s.send('ecs rollback n8n', 'U0ALICE');
  if (outcome.status !== 'pending')
    throw new Error(`expected pending, got ${outcome.status}: ${outcome.reply.summary}`);
  return outcome.approvalId;
}
const approve = async (s: ReturnType<typeof setup>, id: string) => {
  const outcome = await s.send(`approve ${id}`, 'U0BOB');
  return outcome.status === 'succeeded' ? (outcome.result as ApproveResult).record : undefined;
};
const updates = () => ecsMock.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input);

describe('ecs rollback, approved', () => {
  it('sends UpdateService with the previous revision once a second person approves, and follows the deployment', async () => {
    const s = setup();
    const id = await request(s);
    expect(updates()).toEqual([]);
    expect((await approve(s, id))?.status).toBe('succeeded');
    expect(updates()).toEqual([
      { cluster: 'radio-n8n-cluster', service: 'n8n-worker', taskDefinition: 'n8n-worker:41' },
    ]);
    const { rows } = await db.query('SELECT kind, target FROM operations WHERE approval_id = $1', [id]);
    expect(rows).toEqual([{ kind: 'ecs-service', target: 'n8n' }]);
  });

  it('does not run when the service moved to another revision after approval was asked', async () => {
    const s = setup();
    const id = await request(s);
    runs(43);
    const record = await approve(s, id);
    expect(record?.status).toBe('refused');
    expect(JSON.stringify(record?.result ?? record)).toMatch(/now runs n8n-worker:43/);
    expect(updates()).toEqual([]);
  });
});
