import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAlarmOperations } from '../../src/integrations/alarms/alarm-operations.js';
import { replyTable } from '../support/station-harness.js';
import { commandRunner, replyText } from '../support/command-runner.js';

const cloudwatchMock = mockClient(CloudWatchClient);
const alarms = createAlarmOperations(new CloudWatchClient({ region: 'us-east-1' }));
const at = (time: string) => new Date(`2025-03-14T${time}Z`);

beforeEach(() => cloudwatchMock.reset());

describe('alarms', () => {
  it('lists metric and composite alarms over every page, ALARM first, newest transition first', async () => {
    cloudwatchMock
      .on(DescribeAlarmsCommand)
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: 'radio-db-cpu-high',
            StateValue: 'OK',
            StateReason: 'Threshold Crossed: 1 datapoint [12.0] was not greater than 80.0',
            StateUpdatedTimestamp: at('22:05:41'),
            Namespace: 'AWS/RDS',
            MetricName: 'CPUUtilization',
          },
          {
            AlarmName: 'n8n-healthy-hosts',
            StateValue: 'ALARM',
            StateReason: 'Threshold Crossed',
            StateUpdatedTimestamp: at('21:00:00'),
            Namespace: 'AWS/ApplicationELB',
            MetricName: 'HealthyHostCount',
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        CompositeAlarms: [
          {
            AlarmName: 'station-down',
            StateValue: 'ALARM',
            StateReason: 'alarm rule true',
            StateUpdatedTimestamp: at('21:15:37'),
            AlarmRule: 'ALARM(n8n-healthy-hosts)',
          },
        ],
        MetricAlarms: [
          {
            AlarmName: 'new-alarm',
            StateValue: 'INSUFFICIENT_DATA',
            StateUpdatedTimestamp: at('20:00:00'),
            Metrics: [],
          },
        ],
      });
    const outcome = await commandRunner({ alarms }).run('alarms');
    expect(cloudwatchMock.commandCalls(DescribeAlarmsCommand).map((call) => call.args[0].input)).toEqual([
      { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100 },
      { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100, NextToken: 'page-2' },
    ]);
    const { rows } = replyTable(outcome.reply);
    expect(rows.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['ALARM', 'station-down', 'composite'],
      ['ALARM', 'n8n-healthy-hosts', 'AWS/ApplicationELB HealthyHostCount'],
      ['INSUFFICIENT_DATA', 'new-alarm', 'metric math'],
      ['OK', 'radio-db-cpu-high', 'AWS/RDS CPUUtilization'],
    ]);
    expect(rows[0]?.[3]).toMatch(/^2025-03-14 21:15:37 UTC \(.+ ago\)$/);
    expect(outcome.reply.summary).toBe('CloudWatch alarms: 2 ALARM, 1 INSUFFICIENT_DATA, 1 OK');
  });

  it('filters by --state (any case) with StateValue', async () => {
    cloudwatchMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    const outcome = await commandRunner({ alarms }).run('alarms --state alarm');
    expect(cloudwatchMock.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toEqual({
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      MaxRecords: 100,
      StateValue: 'ALARM',
    });
    expect(replyText(outcome.reply)).toBe('No alarms in ALARM.');
  });

  it('refuses an unknown state, explains throttling, and names cloudwatch:DescribeAlarms on AccessDenied', async () => {
    cloudwatchMock
      .on(DescribeAlarmsCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { attempts: 3 } }))
      .rejectsOnce(Object.assign(new Error('no'), { name: 'AccessDenied', $metadata: {} }));
    const { run } = commandRunner({ alarms });
    expect(await run('alarms --state BROKEN')).toMatchObject({ status: 'refused', code: 'usage' });
    expect((await run('alarms')).reply.summary).toMatch(/throttling `cloudwatch:DescribeAlarms` \(tried 3 times\)/);
    expect((await run('alarms')).reply.summary).toMatch(/refused `cloudwatch:DescribeAlarms`/);
  });
});
