import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAlarmMessage } from '../../src/alarms/parse-alarm-message.js';
import { alarmMessageFixture, snsFixture } from '../support/sns-signing.js';

const sns = { MessageId: 'm-1', Subject: 'ALARM: "x" in US East (N. Virginia)', Timestamp: '2025-03-14T21:15:37.468Z' };
const parse = (message: string) => parseAlarmMessage(message, sns);
const eventBridge = readFileSync(
  fileURLToPath(new URL('../fixtures/eventbridge/alarm-state-change.json', import.meta.url)),
  'utf8',
);

describe('parseAlarmMessage', () => {
  it('reads a metric alarm: region from the ARN, StateChangeTime without a colon in its offset, lower-case dimensions', () => {
    const { alarmKey, transition } = parse(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '');
    expect(alarmKey).toBe('arn:aws:cloudwatch:us-east-1:123456789012:alarm:radio-db-cpu-high');
    expect(transition).toMatchObject({
      kind: 'metric',
      format: 'sns',
      AlarmName: 'radio-db-cpu-high',
      region: 'us-east-1',
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
      StateChangeTime: '2025-03-14T21:15:37.412Z',
      Namespace: 'AWS/RDS',
      MetricName: 'CPUUtilization',
      Statistic: 'AVERAGE',
      Period: 300,
      Dimensions: [{ name: 'DBInstanceIdentifier', value: 'radio-db' }],
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('reads a metric-math alarm (Trigger.Metrics, no MetricName)', () => {
    const { transition } = parse(alarmMessageFixture('metric-math'));
    expect(transition.kind).toBe('metric-math');
    expect(transition.Metrics).toEqual([
      'e1: 100*m1/m2',
      'm1: AWS/ApplicationELB HTTPCode_Target_5XX_Count (Sum, 60 s)',
      'm2: AWS/ApplicationELB RequestCount (Sum, 60 s)',
    ]);
    expect(transition.Threshold).toBe(5);
    expect(transition.Dimensions).toEqual([{ name: 'LoadBalancer', value: 'app/radio-alb/5f3e8a1c2b4d6e7f' }]);
  });

  it('reads an anomaly-detection alarm (ThresholdMetricId, no Threshold, null description, empty dimensions)', () => {
    const { transition } = parse(alarmMessageFixture('anomaly-detection'));
    expect(transition).toMatchObject({
      kind: 'anomaly-detection',
      ThresholdMetricId: 'ad1',
      Dimensions: [],
      MetricName: 'CurrentListeners',
    });
    expect(transition.Threshold).toBeUndefined();
    expect(transition.AlarmDescription).toBeUndefined();
  });

  it('reads a composite alarm (no Trigger: AlarmRule and TriggeringChildren)', () => {
    const { transition } = parse(alarmMessageFixture('composite'));
    expect(transition).toMatchObject({
      kind: 'composite',
      AlarmRule: 'ALARM("radio-n8n-healthy-hosts-low") OR ALARM("radio-db-cpu-high")',
      TriggeringChildren: ['radio-n8n-healthy-hosts-low (ALARM)'],
      Dimensions: [],
    });
  });

  it('reads an EventBridge "CloudWatch Alarm State Change" delivered through SNS (dimensions as a map)', () => {
    const { alarmKey, transition } = parse(eventBridge);
    expect(alarmKey).toBe('arn:aws:cloudwatch:us-east-1:123456789012:alarm:radio-db-cpu-high');
    expect(transition).toMatchObject({
      kind: 'metric',
      format: 'eventbridge',
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
      StateChangeTime: '2025-03-14T21:15:37.412Z',
      Namespace: 'AWS/RDS',
      MetricName: 'CPUUtilization',
      Dimensions: [{ name: 'DBInstanceIdentifier', value: 'radio-db' }],
    });
  });

  it('keeps an unknown shape, with its raw fields, as one card per message', () => {
    const json = parse(JSON.stringify({ hello: 'world', count: 3 }));
    expect(json.alarmKey).toBe('sns:m-1');
    expect(json.transition).toMatchObject({
      kind: 'unknown',
      AlarmName: sns.Subject,
      raw: [
        ['hello', 'world'],
        ['count', '3'],
      ],
    });
    expect(parse('plain text, not JSON').transition.raw).toEqual([['Message', 'plain text, not JSON']]);
  });

  it('never reads data from NewStateReason: a reason naming another state changes nothing', () => {
    const message = JSON.parse(snsFixture('notification-alarm-ok').Message ?? '{}') as Record<string, unknown>;
    message.NewStateReason = 'NewStateValue: ALARM; Threshold 1; region eu-west-1';
    const { transition } = parse(JSON.stringify(message));
    expect(transition).toMatchObject({ NewStateValue: 'OK', Threshold: 80, region: 'us-east-1' });
  });
});
