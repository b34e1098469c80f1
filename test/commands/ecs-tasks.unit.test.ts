import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, type Task } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { awsCommandHarness, awsError, shown } from '../support/aws-command-harness.js';
import { ecsService } from '../support/ecs-fixtures.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012';
const taskArn = (id: string) => `${ARN}:task/radio-n8n-cluster/${id}`;

function task(id: string, extra: Partial<Task> = {}): Task {
  return {
    taskArn: taskArn(id),
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    healthStatus: 'HEALTHY',
    taskDefinitionArn: `${ARN}:task-definition/n8n-worker:42`,
    startedAt: new Date('2026-12-02T14:00:00Z'),
    ...extra,
  };
}

const listInputs = (h: ReturnType<typeof awsCommandHarness>) =>
  h.mocks.ecs.commandCalls(ListTasksCommand).map((call) => call.args[0].input);

describe('ecs tasks', () => {
  it('lists running then stopped tasks of a service: id, lastStatus, health, started, stop reason', async () => {
    const h = awsCommandHarness();
    h.mocks.ecs
      .on(ListTasksCommand, { desiredStatus: 'RUNNING' })
      .resolves({ taskArns: [taskArn('aaa111')] })
      .on(ListTasksCommand, { desiredStatus: 'STOPPED' })
      .resolves({ taskArns: [taskArn('bbb222')] });
    h.mocks.ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        task('bbb222', {
          lastStatus: 'STOPPED',
          desiredStatus: 'STOPPED',
          healthStatus: 'UNKNOWN',
          stoppedAt: new Date('2026-12-02T14:30:00Z'),
          stoppedReason: 'Essential container in task exited',
        }),
        task('aaa111'),
      ],
    });
    const outcome = await h.run('ecs tasks n8n');
    expect(outcome.status).toBe('succeeded');
    expect(listInputs(h)).toEqual([
      { cluster: 'radio-n8n-cluster', serviceName: 'n8n-worker', desiredStatus: 'RUNNING', maxResults: 100 },
      { cluster: 'radio-n8n-cluster', serviceName: 'n8n-worker', desiredStatus: 'STOPPED', maxResults: 100 },
    ]);
    expect(h.mocks.ecs.commandCalls(DescribeTasksCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'radio-n8n-cluster', tasks: [taskArn('aaa111'), taskArn('bbb222')] },
    ]);
    expect(outcome.reply.summary).toBe('n8n: 1 running, 1 stopped');
    const text = shown(outcome.reply);
    expect(text).toMatch(/aaa111\s+RUNNING\s+HEALTHY\s+n8n-worker:42\s+2026-12-02 14:00:00 UTC/);
    expect(text).toMatch(
      /bbb222\s+STOPPED\s+UNKNOWN\s+n8n-worker:42\s+2026-12-02 14:00:00 UTC.*Essential container in task exited/,
    );
    expect(text.indexOf('aaa111')).toBeLessThan(text.indexOf('bbb222'));
  });

  it('follows nextToken, keeps at most 100 per status (saying so), and describes in batches of 100', async () => {
    const h = awsCommandHarness();
    const ids = Array.from({ length: 110 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    h.mocks.ecs
      .on(ListTasksCommand, { desiredStatus: 'RUNNING', nextToken: undefined })
      .resolves({ taskArns: ids.slice(0, 60).map(taskArn), nextToken: 'page-2' })
      .on(ListTasksCommand, { desiredStatus: 'RUNNING', nextToken: 'page-2' })
      .resolves({ taskArns: ids.slice(60).map(taskArn), nextToken: 'page-3' })
      .on(ListTasksCommand, { desiredStatus: 'STOPPED' })
      .resolves({ taskArns: [taskArn('s001')] });
    h.mocks.ecs
      .on(DescribeTasksCommand)
      .callsFake((input: { tasks: string[] }) => ({ tasks: input.tasks.map((arn) => task(arn.split('/').at(-1)!)) }));
    const outcome = await h.run('ecs tasks n8n');
    expect(listInputs(h).map((input) => [input.desiredStatus, input.nextToken])).toEqual([
      ['RUNNING', undefined],
      ['RUNNING', 'page-2'],
      ['STOPPED', undefined],
    ]);
    expect(h.mocks.ecs.commandCalls(DescribeTasksCommand).map((call) => call.args[0].input.tasks?.length)).toEqual([
      100, 1,
    ]);
    expect(shown(outcome.reply)).toContain('More than 100 tasks with one desiredStatus');
  });

  it('lists every configured service without an argument, and plans the ListTasks calls for --dry-run', async () => {
    const h = awsCommandHarness();
    h.mocks.ecs.on(ListTasksCommand).resolves({ taskArns: [] });
    const outcome = await h.run('ecs tasks');
    expect(listInputs(h).map((input) => `${input.serviceName} ${input.desiredStatus}`)).toEqual([
      'n8n-worker RUNNING',
      'n8n-worker STOPPED',
      'n8n-main RUNNING',
      'n8n-main STOPPED',
    ]);
    expect(h.mocks.ecs.commandCalls(DescribeTasksCommand)).toHaveLength(0);
    expect(outcome.reply.summary).toBe('n8n: no tasks; n8n-main: no tasks');
    const dry = await awsCommandHarness({ aws: { mode: 'dry-run', reason: 'no AWS credentials were found.' } }).run(
      'ecs tasks n8n-main',
    );
    expect(shown(dry.reply)).toMatch(/ListTasks[\s\S]*"serviceName": "n8n-main"[\s\S]*"desiredStatus": "STOPPED"/);
  });

  it('answers AccessDenied in words naming ecs:ListTasks, and an unknown service naming the configured ones', async () => {
    const h = awsCommandHarness();
    h.mocks.ecs.on(ListTasksCommand).rejects(awsError('AccessDeniedException'));
    const denied = await h.run('ecs tasks n8n');
    expect(denied).toMatchObject({ code: 'iam_denied' });
    expect(denied.reply.summary).toMatch(/refused `ecs:ListTasks` on `radio-n8n-cluster\/n8n-worker \(RUNNING\)`/);
    const unknown = await h.run('ecs tasks web');
    expect(unknown.reply.summary).toMatch(/No ECS service `web` is configured. Configured: n8n, n8n-main/);
  });
});

describe('ecs events', () => {
  it('shows the newest events of a service first, at most --limit', async () => {
    const h = awsCommandHarness();
    h.mocks.ecs.on(DescribeServicesCommand).resolves({
      services: [
        ecsService('n8n-worker', 2, {
          events: Array.from({ length: 30 }, (_, i) => ({
            id: `e${i}`,
            createdAt: new Date(Date.UTC(2026, 11, 2, 14, 59 - i)),
            message: `event number ${i}`,
          })),
        }),
      ],
      failures: [],
    });
    const outcome = await h.run('ecs events n8n --limit 3');
    expect(h.mocks.ecs.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'radio-n8n-cluster', services: ['n8n-worker'] },
    ]);
    const text = shown(outcome.reply);
    expect(text).toMatch(/2026-12-02 14:59:00 UTC[^\n]*event number 0[\s\S]*event number 1[\s\S]*event number 2/);
    expect(text).not.toContain('event number 3');
    expect(text).toContain('3 of 30 events');
    expect((await h.run('ecs events n8n')).reply.parts.find((part) => part.kind === 'table')).toMatchObject({
      rows: expect.objectContaining({ length: 20 }),
    });
  });

  it('refuses a --limit above 100 (ECS keeps 100), and answers a missing service in words', async () => {
    const h = awsCommandHarness();
    expect(await h.run('ecs events n8n --limit 500')).toMatchObject({ code: 'usage' });
    h.mocks.ecs.on(DescribeServicesCommand).resolves({
      services: [],
      failures: [{ arn: `${ARN}:service/radio-n8n-cluster/n8n-worker`, reason: 'MISSING' }],
    });
    const missing = await h.run('ecs events n8n');
    expect(missing).toMatchObject({ code: 'precondition' });
    expect(missing.reply.summary).toMatch(/ECS has no service `n8n-worker` in cluster `radio-n8n-cluster` \(MISSING\)/);
  });
});
