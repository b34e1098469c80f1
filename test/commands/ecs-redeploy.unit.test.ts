import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { awsCommandHarness, awsError, shown } from '../support/aws-command-harness.js';
import { ecsService } from '../support/ecs-fixtures.js';

function redeploying() {
  const h = awsCommandHarness();
  h.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [ecsService('n8n-worker', 2)], failures: [] });
  h.mocks.ecs.on(UpdateServiceCommand).resolves({
    service: ecsService('n8n-worker', 2, {
      deployments: [
        {
          id: 'ecs-svc/99',
          status: 'PRIMARY',
          rolloutState: 'IN_PROGRESS',
          taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/n8n-worker:42',
          desiredCount: 2,
          runningCount: 0,
          pendingCount: 2,
          failedTasks: 0,
          createdAt: new Date(),
        },
      ],
    }),
  });
  return h;
}

describe('redeploy', () => {
  it('sends UpdateService with forceNewDeployment on the configured service, a write', async () => {
    const h = redeploying();
    const outcome = await h.run('redeploy n8n');
    expect(h.mocks.ecs.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'radio-n8n-cluster', service: 'n8n-worker', forceNewDeployment: true },
    ]);
    const text = shown(outcome.reply);
    expect(text).toMatch(/Deployment\s+ecs-svc\/99/);
    expect(text).toMatch(/Rollout\s+IN_PROGRESS/);
    expect(h.audit.events.map((event) => [event.outcome, event.risk])).toEqual([
      ['started', 'write'],
      ['succeeded', 'write'],
    ]);
  });

  it('--dry-run shows the input and warns about a rollout already in progress', async () => {
    const h = redeploying();
    h.mocks.ecs.on(DescribeServicesCommand).resolves({
      services: [
        ecsService('n8n-worker', 2, {
          deployments: [{ id: 'ecs-svc/7', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', desiredCount: 2 }],
        }),
      ],
    });
    const text = shown((await h.run('redeploy n8n --dry-run')).reply);
    expect(text).toContain('"forceNewDeployment": true');
    expect(text).toContain('A deployment of `n8n-worker` is already in progress (ecs-svc/7)');
    expect(h.mocks.ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('answers AccessDenied, throttling and an inactive service in words', async () => {
    const h = redeploying();
    h.mocks.ecs
      .on(UpdateServiceCommand)
      .rejectsOnce(awsError('AccessDeniedException'))
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 3))
      .rejectsOnce(awsError('ServiceNotActiveException'));
    expect((await h.run('redeploy n8n')).reply.summary).toMatch(
      /refused `ecs:UpdateService` on `radio-n8n-cluster\/n8n-worker`/,
    );
    expect((await h.run('redeploy n8n')).reply.summary).toMatch(/throttling `ecs:UpdateService` \(tried 3 times\)/);
    expect((await h.run('redeploy n8n')).reply.summary).toMatch(/`n8n-worker` is not ACTIVE/);
  });
});
