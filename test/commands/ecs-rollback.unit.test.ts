import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { observeDeployment } from '../../src/integrations/ecs/ecs-watchers.js';
import { toEcsServiceState } from '../../src/integrations/ecs/ecs-service-state.js';
import { awsCommandHarness, awsError, shown } from '../support/aws-command-harness.js';
import { ecsService } from '../support/ecs-fixtures.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012';
const revision = (name: string) => `${ARN}:task-definition/${name}`;

/** n8n-worker runs :42; ACTIVE revisions are 42 (page 1) and 39 (page 2); 40 and 41 were deregistered. */
function rollingBack() {
  const h = awsCommandHarness();
  h.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [ecsService('n8n-worker', 2)], failures: [] });
  h.mocks.ecs
    .on(ListTaskDefinitionsCommand, { nextToken: undefined })
    .resolves({ taskDefinitionArns: [revision('n8n-worker:42')], nextToken: 'page-2' })
    .on(ListTaskDefinitionsCommand, { nextToken: 'page-2' })
    .resolves({
      taskDefinitionArns: [revision('n8n-worker-beta:7'), revision('n8n-worker:39'), revision('n8n-worker:12')],
    });
  h.mocks.ecs.on(DescribeTaskDefinitionCommand).callsFake((input: { taskDefinition: string }) => ({
    taskDefinition: {
      taskDefinitionArn: revision(input.taskDefinition),
      status: 'ACTIVE',
      containerDefinitions: [{ name: 'n8n', image: `n8nio/n8n:1.${input.taskDefinition.split(':')[1]}.0` }],
    },
  }));
  h.mocks.ecs.on(UpdateServiceCommand).resolves({ service: ecsService('n8n-worker', 2) });
  return h;
}

describe('ecs rollback', () => {
  it('--dry-run plans the highest ACTIVE revision below the current one, both images, and the exact UpdateService', async () => {
    const h = rollingBack();
    const outcome = await h.run('ecs rollback n8n --dry-run');
    expect(h.mocks.ecs.commandCalls(ListTaskDefinitionsCommand).map((call) => call.args[0].input)).toEqual([
      { familyPrefix: 'n8n-worker', status: 'ACTIVE', sort: 'DESC', maxResults: 100 },
      { familyPrefix: 'n8n-worker', status: 'ACTIVE', sort: 'DESC', maxResults: 100, nextToken: 'page-2' },
    ]);
    expect(h.mocks.ecs.commandCalls(DescribeTaskDefinitionCommand).map((call) => call.args[0].input)).toEqual([
      { taskDefinition: 'n8n-worker:42' },
      { taskDefinition: 'n8n-worker:39' },
    ]);
    const text = shown(outcome.reply);
    expect(text).toMatch(/Now\s+n8n-worker:42: n8n n8nio\/n8n:1\.42\.0/);
    expect(text).toMatch(/Back to\s+n8n-worker:39: n8n n8nio\/n8n:1\.39\.0/);
    expect(text).toContain('Revisions 40, 41 of n8n-worker are not ACTIVE (deregistered)');
    expect(text).toMatch(/"taskDefinition": "n8n-worker:39"/);
    expect(h.mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('is destructive: without approvals it is refused, and nothing is sent', async () => {
    const h = rollingBack();
    const outcome = await h.run('ecs rollback n8n');
    expect(outcome.status).not.toBe('succeeded');
    expect(h.mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('refuses when the family has no ACTIVE revision below the current one, and answers AccessDenied in words', async () => {
    const h = rollingBack();
    h.mocks.ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [revision('n8n-worker:42')] });
    const none = await h.run('ecs rollback n8n --dry-run');
    expect(none).toMatchObject({ code: 'precondition' });
    expect(none.reply.summary).toMatch(/n8n-worker has no ACTIVE revision below 42/);
    h.mocks.ecs.on(ListTaskDefinitionsCommand).rejects(awsError('AccessDeniedException'));
    const denied = await h.run('ecs rollback n8n --dry-run');
    expect(denied).toMatchObject({ code: 'iam_denied' });
    expect(denied.reply.summary).toMatch(/refused `ecs:ListTaskDefinitions` on `family n8n-worker`/);
  });

  it('without AWS access says what the plan needs instead of guessing a revision', async () => {
    const h = awsCommandHarness({ aws: { mode: 'dry-run', reason: 'no AWS credentials were found.' } });
    const outcome = await h.run('ecs rollback n8n');
    expect(outcome).toMatchObject({ code: 'precondition' });
    expect(outcome.reply.summary).toMatch(/needs the service's current task definition.*no AWS credentials were found/);
  });
});

describe('the ecs-service watcher', () => {
  const state = (deployments: object[]) =>
    toEcsServiceState('n8n', 'radio-n8n-cluster', ecsService('n8n-worker', 2, { deployments }));
  const primary = { id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: revision('n8n-worker:39'), desiredCount: 2 };

  it('is done when the PRIMARY deployment has COMPLETED, failed when it FAILED, and goes on in between', () => {
    expect(observeDeployment(state([{ ...primary, rolloutState: 'IN_PROGRESS', runningCount: 1 }]))).toEqual({
      state: 'n8n-worker:39 IN_PROGRESS, 1/2 tasks running',
      done: false,
    });
    expect(observeDeployment(state([{ ...primary, rolloutState: 'COMPLETED', runningCount: 2 }]))).toMatchObject({
      done: true,
      state: 'n8n-worker:39 COMPLETED, 2/2 tasks running',
    });
    expect(
      observeDeployment(
        state([{ ...primary, rolloutState: 'FAILED', rolloutStateReason: 'circuit breaker', runningCount: 0 }]),
      ),
    ).toMatchObject({ failed: true, detail: 'circuit breaker' });
  });
});
