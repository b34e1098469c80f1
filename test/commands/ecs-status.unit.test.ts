import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { awsCommandHarness, awsError, shown } from '../support/aws-command-harness.js';
import { ecsService } from '../support/ecs-fixtures.js';

describe('ecs status', () => {
  it('describes one configured service: counts, deployments with rollout state, task definition, events', async () => {
    const h = awsCommandHarness();
    h.mocks.ecs.on(DescribeServicesCommand).resolves({
      services: [
        ecsService('n8n-worker', 3, {
          runningCount: 2,
          pendingCount: 1,
          deployments: [
            {
              id: 'ecs-svc/2',
              status: 'PRIMARY',
              rolloutState: 'IN_PROGRESS',
              rolloutStateReason: 'ECS deployment ecs-svc/2 in progress.',
              taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/n8n-worker:43',
              desiredCount: 3,
              runningCount: 1,
              pendingCount: 1,
              failedTasks: 0,
            },
            {
              id: 'ecs-svc/1',
              status: 'ACTIVE',
              rolloutState: 'COMPLETED',
              taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/n8n-worker:42',
              desiredCount: 1,
              runningCount: 1,
              pendingCount: 0,
              failedTasks: 2,
            },
          ],
          events: Array.from({ length: 7 }, (_, i) => ({
            id: `e${i}`,
            createdAt: new Date(Date.UTC(2025, 2, 14, 21, 10 - i)),
            message: `event number ${i}`,
          })),
        }),
      ],
      failures: [],
    });
    const outcome = await h.run('ecs status n8n');
    expect(h.mocks.ecs.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'radio-n8n-cluster', services: ['n8n-worker'] },
    ]);
    expect(outcome.reply.summary).toBe('n8n: 2/3 tasks running, 1 pending');
    const text = shown(outcome.reply);
    expect(text).toMatch(/Tasks\s+desired 3, running 2, pending 1/);
    expect(text).toMatch(/Task definition\s+n8n-worker:42/);
    expect(text).toMatch(
      /PRIMARY\s+IN_PROGRESS: ECS deployment ecs-svc\/2 in progress\.\s+n8n-worker:43\s+3 \/ 1 \/ 1 \/ 0/,
    );
    expect(text).toMatch(/ACTIVE\s+COMPLETED\s+n8n-worker:42\s+1 \/ 1 \/ 0 \/ 2/);
    expect(text).toMatch(/2025-03-14 21:10:00 UTC \([^)]+ ago\)\s+event number 0/);
    expect(text).toContain('event number 4');
    expect(text).not.toContain('event number 5');
  });

  it('describes every configured service without an argument, ten per DescribeServices call, in YAML order', async () => {
    const services = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`s${i}`, { service: `svc-${i}`, min: 0, max: 5 }]),
    );
    const h = awsCommandHarness({ radio: { ecs: { cluster: 'radio-n8n-cluster', services } } });
    h.mocks.ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: [...input.services].reverse().map((name) => ecsService(name, 1)),
      failures: [],
    }));
    const outcome = await h.run('ecs status');
    expect(
      h.mocks.ecs.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input.services?.length),
    ).toEqual([10, 2]);
    expect(
      outcome.reply.parts.filter((part) => part.kind === 'heading').map((part) => part.kind === 'heading' && part.text),
    ).toEqual(Array.from({ length: 12 }, (_, i) => `s${i}: radio-n8n-cluster/svc-${i}`));
  });

  it('answers AccessDenied with the action and resource, and an unknown service with the configured ones', async () => {
    const h = awsCommandHarness();
    h.mocks.ecs.on(DescribeServicesCommand).rejects(awsError('AccessDeniedException'));
    expect((await h.run('ecs status')).reply.summary).toMatch(
      /`ecs:DescribeServices` on `radio-n8n-cluster\/n8n-worker,n8n-main`/,
    );
    expect((await h.run('ecs status web')).reply.summary).toBe(
      'No ECS service `web` is configured. Configured: n8n, n8n-main.',
    );
  });

  it('without AWS access shows the DescribeServices call it would make', async () => {
    const h = awsCommandHarness({ aws: { mode: 'dry-run', reason: 'no AWS credentials were found.' } });
    const outcome = await h.run('ecs status n8n-main');
    expect(shown(outcome.reply)).toMatch(
      /Dry run only: no AWS credentials were found\.[\s\S]*ECS DescribeServices[\s\S]*"n8n-main"/,
    );
    expect(h.mocks.ecs.calls()).toHaveLength(0);
  });
});
