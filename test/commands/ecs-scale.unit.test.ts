import { DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, UpdateServiceCommand, type UpdateServiceCommandInput } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { ecsScaleCommand } from '../../src/commands/ecs-scale.js';
import type { Plan } from '../../src/pipeline/command.js';
import { awsCommandHarness, awsError, shown } from '../support/aws-command-harness.js';
import { ecsService } from '../support/ecs-fixtures.js';

/** A harness whose n8n-worker wants `desiredCount` tasks and follows UpdateService. */
function scaling(desiredCount: number, options: Parameters<typeof awsCommandHarness>[0] = {}) {
  const h = awsCommandHarness(options);
  h.mocks.ecs
    .on(DescribeServicesCommand)
    .resolves({ services: [ecsService('n8n-worker', desiredCount)], failures: [] });
  h.mocks.ecs
    .on(UpdateServiceCommand)
    .callsFake((input: UpdateServiceCommandInput) => ({ service: ecsService('n8n-worker', input.desiredCount ?? 0) }));
  h.mocks.autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
  const updates = () => h.mocks.ecs.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input);
  return { ...h, updates };
}

describe('scale', () => {
  it('sends UpdateService with the configured cluster, the service name and desiredCount, and shows from -> to', async () => {
    const h = scaling(2);
    const outcome = await h.run('scale n8n 4');
    expect(outcome.status).toBe('succeeded');
    expect(h.mocks.ecs.commandCalls(DescribeServicesCommand)[0]?.args[0].input).toEqual({
      cluster: 'radio-n8n-cluster',
      services: ['n8n-worker'],
    });
    expect(h.mocks.autoscaling.commandCalls(DescribeScalableTargetsCommand)[0]?.args[0].input).toEqual({
      ServiceNamespace: 'ecs',
      ResourceIds: ['service/radio-n8n-cluster/n8n-worker'],
    });
    expect(h.updates()).toEqual([{ cluster: 'radio-n8n-cluster', service: 'n8n-worker', desiredCount: 4 }]);
    expect(shown(outcome.reply)).toContain('desiredCount 2 -> 4 tasks');
    expect(h.audit.events.map((event) => [event.outcome, event.risk])).toEqual([
      ['started', 'write'],
      ['succeeded', 'write'],
    ]);
  });

  it('resolves +N and -N against the current desiredCount', async () => {
    const up = scaling(3);
    await up.run('scale n8n +2');
    expect(up.updates()).toEqual([{ cluster: 'radio-n8n-cluster', service: 'n8n-worker', desiredCount: 5 }]);
    const down = scaling(3);
    const outcome = await down.run('scale n8n -1');
    expect(down.updates()).toEqual([{ cluster: 'radio-n8n-cluster', service: 'n8n-worker', desiredCount: 2 }]);
    expect(outcome.reply.summary).toBe('n8n: desiredCount 3 -> 2 tasks');
  });

  it('--dry-run prints the exact UpdateService input and changes nothing', async () => {
    const h = scaling(2);
    const outcome = await h.run('scale n8n 4 --dry-run');
    expect(outcome.status).toBe('succeeded');
    expect(h.updates()).toEqual([]);
    const text = shown(outcome.reply);
    expect(text).toContain('ECS UpdateService');
    expect(text).toContain(
      JSON.stringify({ cluster: 'radio-n8n-cluster', service: 'n8n-worker', desiredCount: 4 }, null, 2)
        .split('\n')
        .join('\n    '),
    );
    expect(text).toMatch(/desiredCount\s+2 -> 4 tasks/);
    expect(text).toContain('Nothing was changed.');
  });

  it('refuses counts above max, absolute or relative, before changing anything', async () => {
    const h = scaling(8);
    const absolute = await h.run('scale n8n 11');
    expect(absolute).toMatchObject({ status: 'refused', code: 'precondition' });
    expect(absolute.reply.summary).toMatch(/at most 10 tasks.*11 was asked/);
    const relative = await h.run('scale n8n +3');
    expect(relative.reply.summary).toMatch(/at most 10 tasks.*11 was asked/);
    const negative = await h.run('scale n8n -9');
    expect(negative).toMatchObject({ status: 'refused', code: 'usage' });
    expect(h.updates()).toEqual([]);
  });

  it('treats an absolute count below min (0 included) as destructive, refused while no approvals exist', async () => {
    const h = scaling(2);
    const outcome = await h.run('scale n8n 0');
    expect(outcome).toMatchObject({ status: 'refused', code: 'denied' });
    expect(h.audit.events.map((event) => [event.outcome, event.risk])).toEqual([['denied', 'destructive']]);
    expect(h.updates()).toEqual([]);
  });

  it('escalates a relative count that lands below min, and the dry-run says it would need approval', async () => {
    const h = scaling(2);
    const outcome = await h.run('scale n8n -2');
    expect(outcome).toMatchObject({ status: 'refused', code: 'denied' });
    expect(h.audit.events.map((event) => event.risk)).toEqual(['destructive']);
    const dry = await h.run('scale n8n -2 --dry-run');
    expect(shown(dry.reply)).toMatch(/second person's approval: 0 tasks is below the minimum of 1/);
    expect(h.updates()).toEqual([]);
  });

  it('warns when Application Auto Scaling manages the service', async () => {
    const h = scaling(2);
    h.mocks.autoscaling.on(DescribeScalableTargetsCommand).resolves({
      ScalableTargets: [
        {
          ServiceNamespace: 'ecs',
          ResourceId: 'service/radio-n8n-cluster/n8n-worker',
          ScalableDimension: 'ecs:service:DesiredCount',
          MinCapacity: 1,
          MaxCapacity: 3,
          RoleARN: 'arn:aws:iam::123456789012:role/ecsAutoscale',
          CreationTime: new Date(),
        },
      ],
    });
    const text = shown((await h.run('scale n8n 4')).reply);
    expect(text).toMatch(
      /Application Auto Scaling manages `n8n-worker` \(MinCapacity 1, MaxCapacity 3 tasks\).*4 is outside its range, so it will/,
    );
  });

  it('pages DescribeScalableTargets until it finds the DesiredCount target', async () => {
    const h = scaling(2);
    const tokens: (string | undefined)[] = [];
    h.mocks.autoscaling.on(DescribeScalableTargetsCommand).callsFake((input: { NextToken?: string }) => {
      tokens.push(input.NextToken);
      return input.NextToken
        ? {
            ScalableTargets: [
              {
                ServiceNamespace: 'ecs',
                ResourceId: 'service/radio-n8n-cluster/n8n-worker',
                ScalableDimension: 'ecs:service:DesiredCount',
                MinCapacity: 2,
                MaxCapacity: 6,
              },
            ],
          }
        : { ScalableTargets: [], NextToken: 'page-2' };
    });
    const text = shown((await h.run('scale n8n 4 --dry-run')).reply);
    expect(tokens).toEqual([undefined, 'page-2']);
    expect(text).toMatch(/MinCapacity 2, MaxCapacity 6 tasks\) and may change desiredCount back\./);
  });

  it('names the IAM action and resource on AccessDenied, explains throttling, and says what was not found', async () => {
    const denied = scaling(2);
    denied.mocks.ecs
      .on(UpdateServiceCommand)
      .rejects(
        awsError('AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/radio-ops is not authorized'),
      );
    const refused = await denied.run('scale n8n 4');
    // Issue 10, item 6: an IAM refusal is its own code, a failure of the bot's role (was `denied` like a role refusal).
    expect(refused).toMatchObject({ status: 'failed', code: 'iam_denied' });
    expect(denied.audit.events.map((event) => [event.outcome, event.error?.slice(0, 34)])).toEqual([
      ['started', undefined],
      ['failed', 'AWS refused `ecs:UpdateService` on'],
    ]);
    expect(refused.reply.summary).toMatch(/`ecs:UpdateService` on `radio-n8n-cluster\/n8n-worker`/);

    const throttled = scaling(2);
    throttled.mocks.ecs.on(DescribeServicesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 3));
    expect((await throttled.run('scale n8n 4')).reply.summary).toMatch(
      /throttling `ecs:DescribeServices` \(tried 3 times\)/,
    );

    const missing = scaling(2);
    missing.mocks.ecs.on(DescribeServicesCommand).resolves({
      services: [],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/radio-n8n-cluster/n8n-worker', reason: 'MISSING' }],
    });
    expect((await missing.run('scale n8n 4')).reply.summary).toBe(
      'ECS has no service `n8n-worker` in cluster `radio-n8n-cluster` (MISSING).',
    );

    const noCluster = scaling(2);
    noCluster.mocks.ecs.on(DescribeServicesCommand).rejects(awsError('ClusterNotFoundException'));
    expect((await noCluster.run('scale n8n 4')).reply.summary).toMatch(/Not found: `radio-n8n-cluster\/n8n-worker`/);
  });

  it('names the configured services when the alias is unknown', async () => {
    const outcome = await scaling(2).run('scale n8nn 4');
    expect(outcome).toMatchObject({ status: 'refused', code: 'usage' });
    expect(outcome.reply.summary).toBe('No ECS service `n8nn` is configured. Configured: n8n, n8n-main.');
  });

  it('without AWS access plans an absolute count without calling AWS, and refuses a relative one', async () => {
    const h = scaling(2, { aws: { mode: 'dry-run', reason: 'aws.mode is dry-run in the configuration.' } });
    const outcome = await h.run('scale n8n 4');
    expect(shown(outcome.reply)).toMatch(/Dry run only: aws.mode is dry-run[\s\S]*"desiredCount": 4/);
    expect(h.mocks.ecs.calls()).toHaveLength(0);
    // Only planned: audited as nothing done (one `invalid` row), never `succeeded`.
    expect(h.audit.events.map((event) => [event.outcome, event.error])).toEqual([
      ['invalid', 'only planned, nothing was done: aws.mode is dry-run in the configuration.'],
    ]);
    const relative = await h.run('scale n8n +1');
    expect(relative.reply.summary).toMatch(/relative count needs the current desiredCount/);
  });

  it('recheck: a desiredCount changed since approval is a reason; the same one is not', () => {
    const plan = (from: number, to: number): Plan => ({
      current: [],
      calls: [],
      warnings: [],
      state: { alias: 'n8n', from, to },
    });
    expect(ecsScaleCommand.recheck?.(plan(2, 0), plan(2, 0))).toBeUndefined();
    expect(ecsScaleCommand.recheck?.(plan(2, 0), plan(5, 0))).toMatch(
      /desiredCount of `n8n` is now 5, not the 2 shown/,
    );
  });
});
