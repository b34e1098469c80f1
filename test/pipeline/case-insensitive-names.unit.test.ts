import { DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  CreateInvalidationCommand,
  ListInvalidationsCommand,
  type CreateInvalidationCommandInput,
} from '@aws-sdk/client-cloudfront';
import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { bindArguments } from '../../src/pipeline/bind-arguments.js';
import { parseCommandLine } from '../../src/pipeline/parse-command-line.js';
import { awsCommandHarness } from '../support/aws-command-harness.js';
import { ecsService } from '../support/ecs-fixtures.js';

/** What the pipeline binds for a command line: the command's name and its validated arguments. */
function bound(line: string) {
  const found = buildRegistry().resolve(parseCommandLine(line));
  if (!found) throw new Error(`no command in "${line}"`);
  return { command: found.command.name, ...bindArguments(found.command, found.rest) };
}

describe('fault 21: command words and enumerated names are case-insensitive, free text keeps its case', () => {
  it('fault 21: SCALE N8N 4 scales n8n-worker and audits the service as n8n; the reason keeps its case', async () => {
    const h = awsCommandHarness();
    h.mocks.ecs.on(DescribeServicesCommand).resolves({ services: [ecsService('n8n-worker', 2)], failures: [] });
    h.mocks.ecs.on(UpdateServiceCommand).resolves({ service: ecsService('n8n-worker', 4) });
    h.mocks.autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
    const outcome = await h.run('SCALE N8N 4 --REASON "Promo Spike on RAP"');
    expect(outcome.status).toBe('succeeded');
    expect(h.mocks.ecs.commandCalls(UpdateServiceCommand).map((call) => call.args[0].input)).toEqual([
      { cluster: 'radio-n8n-cluster', service: 'n8n-worker', desiredCount: 4 },
    ]);
    expect(h.audit.events.map((event) => [event.outcome, event.command, event.args, event.reason])).toEqual([
      ['started', 'scale', { service: 'n8n', count: { kind: 'absolute', count: 4 } }, 'Promo Spike on RAP'],
      ['succeeded', 'scale', { service: 'n8n', count: { kind: 'absolute', count: 4 } }, 'Promo Spike on RAP'],
    ]);
  });

  it('fault 21: invalidate RAP invalidates /hls/rap/* and audits the channel as rap', async () => {
    const h = awsCommandHarness();
    h.mocks.cloudfront
      .on(ListInvalidationsCommand)
      .resolves({ InvalidationList: { Marker: '', MaxItems: 100, IsTruncated: false, Quantity: 0, Items: [] } });
    h.mocks.cloudfront.on(CreateInvalidationCommand).callsFake((input: CreateInvalidationCommandInput) => ({
      Invalidation: {
        Id: 'INEW',
        Status: 'InProgress',
        CreateTime: new Date(),
        InvalidationBatch: input.InvalidationBatch,
      },
    }));
    const outcome = await h.run('Invalidate RAP');
    expect(outcome.status).toBe('succeeded');
    const calls = h.mocks.cloudfront.commandCalls(CreateInvalidationCommand);
    expect(calls.map((call) => call.args[0].input.InvalidationBatch?.Paths?.Items)).toEqual([['/hls/rap/*']]);
    expect(h.audit.events.map((event) => event.args)).toContainEqual({ channel: 'rap', all: false });
  });

  it.each([
    ['REDEPLOY N8N-MAIN', { command: 'redeploy', args: { service: 'n8n-main' } }],
    ['ECS STATUS N8N', { command: 'ecs status', args: { service: 'n8n' } }],
    ['DB RESIZE DB.R6G.LARGE', { command: 'db resize', args: { instanceClass: 'db.r6g.large' } }],
    ['ALARMS --STATE alarm', { command: 'alarms', args: { state: 'ALARM' } }],
    ['Scale n8n 4 --Dry-Run', { command: 'scale', dryRun: true }],
    ['Invalidate --ALL', { command: 'invalidate', args: { all: true } }],
    ['DB IDLE --OLDER=1H', { command: 'db idle', args: { older: expect.anything() } }],
    // Free text and opaque ids keep their case: alarm names, S3 keys, audit --command (lowered by audit itself).
    ['alarms history Radio-DB-CPU-High', { command: 'alarms history', args: { name: 'Radio-DB-CPU-High' } }],
    ['s3 presign Audio/Rap/Show.mp3', { command: 's3 presign', args: { key: 'Audio/Rap/Show.mp3' } }],
  ])('fault 21: %s', (line, expected) => {
    expect(bound(line)).toMatchObject(expected);
  });

  it('fault 21: ECS service keys in the YAML must be lower case, so a typed name can be matched without its case', () => {
    const parsed = RadioConfig.safeParse({
      ecs: { cluster: 'c', services: { N8N: { service: 'n8n-worker', min: 1, max: 3 } } },
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/in lower case/);
  });
});
