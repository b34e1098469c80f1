import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { alarmsModule } from '../../../src/integrations/alarms/alarms-module.js';
import { commandRunner } from '../../support/command-runner.js';
import { iamScope, integrationContext } from '../../support/integration-context.js';

const cloudwatchMock = mockClient(CloudWatchClient);
afterEach(() => cloudwatchMock.reset());

describe('the alarms module', () => {
  it('builds its CloudWatch client on the first call, in the configured region, and only once', async () => {
    const alarms = alarmsModule.create(integrationContext({ yaml: { region: 'eu-west-1' } }).context);
    expect(cloudwatchMock.calls()).toHaveLength(0);
    cloudwatchMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'cpu', StateValue: 'ALARM' }] });
    expect(await alarms?.listAlarms('ALARM')).toMatchObject([{ AlarmName: 'cpu', StateValue: 'ALARM' }]);
    await alarms?.listAlarms();
    const [first, second] = cloudwatchMock.calls();
    expect(first?.args[0].input).toEqual({
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      MaxRecords: 100,
      StateValue: 'ALARM',
    });
    expect(second?.thisValue).toBe(first?.thisValue);
    expect(await (first?.thisValue as CloudWatchClient).config.region()).toBe('eu-west-1');
  });

  it("grants DescribeAlarms on the region's alarms", () => {
    expect(alarmsModule.iamStatements?.(integrationContext().context.radio, iamScope())).toEqual([
      {
        Sid: 'CloudWatchAlarmsRead',
        Effect: 'Allow',
        Action: ['cloudwatch:DescribeAlarms'],
        Resource: ['arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*'],
      },
    ]);
  });

  it('without it, `alarms` answers its not-configured text', async () => {
    expect(await commandRunner({}).run('alarms')).toMatchObject({
      status: 'refused',
      code: 'not_configured',
      reply: { summary: alarmsModule.notConfigured },
    });
  });
});
