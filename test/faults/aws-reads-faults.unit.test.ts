// Every external call has a deadline and an error listener: the AWS clients added with `host status`, `host logs`,
// `logs`, `cache status`, `cost` and `ecs tasks`, built by their real modules (awsClientOptions, the run's abort
// signal) and pointed with AWS_ENDPOINT_URL at a real local socket that hangs, resets or closes. Each command runs
// through the real dispatcher with a 2 s deadline and must answer in words naming the AWS service, audit
// `started` then `failed`, and never throw. (host-faults.unit.test.ts does SSM and CloudWatch behind a live EC2.)
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { awsClientOptions } from '../../src/integrations/aws/aws-client-options.js';
import { awsCall } from '../../src/integrations/aws/aws-errors.js';
import type { ModuleId } from '../../src/integrations/modules.js';
import { SOCKET_FAULTS, startFaultServer, type FaultServer } from '../support/fault-server.js';
import { preloadAwsSdks, runWithModule, stubFakeAwsCredentials } from '../support/module-command.js';

let server: FaultServer | undefined;
beforeAll(() => preloadAwsSdks('ec2', 'ssm', 'cloudwatch', 'cloudwatch-logs', 'elasticache', 'cost-explorer', 'ecs'));
beforeEach(stubFakeAwsCredentials);
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

/** The command line, its audited name, the module it needs, and how its answer names the service. */
const COMMANDS: [line: string, command: string, module: ModuleId, service: RegExp][] = [
  ['host status', 'host status', 'host', /EC2/],
  ['host logs liquidsoap', 'host logs', 'host', /EC2/],
  ['logs n8n-main', 'logs', 'logs', /CloudWatch Logs/],
  ['cache status', 'cache status', 'elasticache', /ElastiCache/],
  ['cost', 'cost', 'cost', /Cost Explorer/],
  ['ecs tasks', 'ecs tasks', 'ecs', /ECS/],
];

const CASES = SOCKET_FAULTS.flatMap((fault) => COMMANDS.map((row) => [fault, ...row] as const));

describe('AWS reads against a socket that hangs, resets or closes', () => {
  it.each(CASES)(
    '%s: %s answers in words naming the service, audited failed',
    async (fault, line, name, id, service) => {
      server = await startFaultServer(fault);
      vi.stubEnv('AWS_ENDPOINT_URL', server.url);
      const { outcome, words, events } = await runWithModule(id, line);
      expect(outcome.status, words).toBe('failed');
      expect(words).toMatch(service);
      expect(words).toMatch(
        fault === 'hang' ? /got no answer within 2 s/ : /dropped the connection during .*Nothing was changed/,
      );
      expect(words).not.toMatch(/undefined|Something went wrong|Reference|\n\s+at /);
      expect(events.map((event) => [event.command, event.outcome])).toEqual([
        [name, 'started'],
        [name, 'failed'],
      ]);
      expect(events[1]?.error).toMatch(service);
      expect(server.reached).toBeGreaterThanOrEqual(1);
      // A hung call is aborted at the deadline (its socket closed by the client), not left running.
      if (fault === 'hang') await expect.poll(() => server!.abandoned).toBe(server.reached);
    },
  );
});

describe('an AWS write whose connection drops', () => {
  it('is answered as one that may or may not have happened (outcome_unknown), naming the service', async () => {
    server = await startFaultServer('reset');
    const ecs = new ECSClient({ ...awsClientOptions('us-east-1'), endpoint: server.url });
    const update = new UpdateServiceCommand({ cluster: 'radio-n8n-cluster', service: 'n8n-worker', desiredCount: 3 });
    const context = { action: 'ecs:UpdateService', resource: 'radio-n8n-cluster/n8n-worker' };
    const error: unknown = await awsCall(context, () => ecs.send(update)).catch((thrown: unknown) => thrown);
    ecs.destroy();
    expect(error).toMatchObject({
      code: 'outcome_unknown',
      message:
        'ECS dropped the connection during `ecs:UpdateService` on `radio-n8n-cluster/n8n-worker` (ECONNRESET, tried 3 times), so it may or may not have happened. Check the current state before trying again.',
    });
    expect(server.reached).toBe(3);
  });
});
