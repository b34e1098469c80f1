import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { logsModule } from '../../../src/integrations/logs/logs-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';

const logsMock = mockClient(CloudWatchLogsClient);
afterEach(() => logsMock.reset());
const yaml = { region: 'eu-west-1', logs: { groups: ['/ecs/web'] } };

describe('the logs module', () => {
  it('builds its CloudWatch Logs client on the first call, in the configured region', async () => {
    const logs = logsModule.create(integrationContext({ yaml }).context);
    expect(logsMock.calls()).toHaveLength(0);
    logsMock.on(FilterLogEventsCommand).resolves({ events: [] });
    await logs?.filter({ logGroupName: '/ecs/web', startTime: 1, endTime: 2 }, 10);
    const [call] = logsMock.calls();
    expect(call?.args[0].input).toEqual({ logGroupName: '/ecs/web', startTime: 1, endTime: 2, limit: 1000 });
    expect(await (call?.thisValue as CloudWatchLogsClient).config.region()).toBe('eu-west-1');
  });

  it('grants FilterLogEvents on the configured groups only', () => {
    expect(logsModule.iamStatements?.(integrationContext({ yaml }).context.radio, iamScope())).toEqual([
      {
        Sid: 'LogsConfiguredGroupsRead',
        Effect: 'Allow',
        Action: ['logs:FilterLogEvents'],
        Resource: [
          'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web',
          'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*',
        ],
      },
    ]);
  });

  it('without it, logs answers its not-configured text before planning', async () => {
    expect(await commandRunner({}).run('logs n8n-main')).toMatchObject({
      status: 'refused',
      code: 'not_configured',
      reply: { summary: logsModule.notConfigured },
    });
  });
});
