import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alarmCard } from '../../src/alarms/alarm-card.js';
import { alarmConsoleUrl } from '../../src/alarms/console-link.js';
import { DEFAULT_PLAYBOOKS } from '../../src/alarms/default-playbooks.js';
import { parseAlarmMessage } from '../../src/alarms/parse-alarm-message.js';
import { playbookButtons } from '../../src/alarms/playbook.js';
import { checkPlaybooks } from '../../src/alarms/check-playbooks.js';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { ReplyButton } from '../../src/pipeline/reply.js';
import { renderBlockKit } from '../../src/render/block-kit.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { alarmMessageFixture, snsFixture } from '../support/sns-signing.js';

const sns = { MessageId: 'm-1', Subject: 'Something odd', Timestamp: '2025-03-14T21:15:37.468Z' };
const transitionOf = (message: string) => parseAlarmMessage(message, sns).transition;
const eventBridge = readFileSync(
  fileURLToPath(new URL('../fixtures/eventbridge/alarm-state-change.json', import.meta.url)),
  'utf8',
);
const ids = (n: number): ReplyButton[] =>
  Array.from({ length: n }, (_, i) => ({
    label: `Button ${i}`,
    action: 'run',
    value: `run_${String(i).padStart(20, '0')}`,
  }));

type Block = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
};
const blocksOf = (reply: ReturnType<typeof alarmCard>) => renderBlockKit(reply).blocks as unknown as Block[];
const allText = (blocks: Block[]) => JSON.stringify(blocks);

describe('alarmCard', () => {
  it.each([
    [
      'metric',
      snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '',
      /AWS\/RDS CPUUtilization, AVERAGE over 300 s/,
    ],
    ['metric-math', alarmMessageFixture('metric-math'), /5xx % = 100\*m1\/m2/],
    ['anomaly-detection', alarmMessageFixture('anomaly-detection'), /outside the band ad1/],
    ['composite', alarmMessageFixture('composite'), /ALARM\(\\"radio-n8n-healthy-hosts-low\\"\) OR/],
    ['eventbridge', eventBridge, /AWS\/RDS CPUUtilization, Average over 300 s/],
    ['unknown', JSON.stringify({ hello: 'world' }), /hello/],
  ])('renders a %s alarm within Block Kit limits', (_kind, message, shows) => {
    const blocks = blocksOf(alarmCard({ transition: transitionOf(message), buttons: ids(3) }));
    expect(allText(blocks)).toMatch(shows);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('shows the RDS card with its state, since when, reason, threshold, region, console link and three buttons', () => {
    const t = transitionOf(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '');
    const reply = alarmCard({ transition: t, buttons: ids(3) });
    const text = allText(blocksOf(reply));
    expect(reply.summary).toBe('ALARM: radio-db-cpu-high (us-east-1)');
    expect(reply.parts[0]).toEqual({ kind: 'heading', text: 'radio-db-cpu-high', tone: 'error' });
    expect(text).toContain(':red_circle: radio-db-cpu-high');
    expect(text).toContain('ALARM since 2025-03-14 21:15:37 UTC (was OK)');
    expect(text).toContain('DBInstanceIdentifier=radio-db');
    expect(text).toContain('&gt; 80 (GreaterThanThreshold), 3 of 3 periods');
    expect(text).toContain('Threshold Crossed: 3 out of the last 3 datapoints');
    expect(text).toContain(
      '<https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/radio-db-cpu-high|Open in the CloudWatch console>',
    );
    const actions = blocksOf(reply).find((block) => block.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual(['radio_run_0', 'radio_run_1', 'radio_run_2']);
  });

  it('says "none" for empty dimensions', () => {
    const text = allText(
      blocksOf(alarmCard({ transition: transitionOf(alarmMessageFixture('anomaly-detection')), buttons: [] })),
    );
    expect(text).toContain('*Dimensions*\\nnone');
  });

  it('replaces the buttons with "Resolved after …" once OK', () => {
    const t = transitionOf(snsFixture('notification-alarm-ok').Message ?? '');
    const blocks = blocksOf(alarmCard({ transition: t, buttons: ids(3), resolvedAfterMs: 50 * 60_000 + 4_000 }));
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(allText(blocks)).toContain('Resolved after 50m 4s');
  });

  it('escapes alarm text: a description cannot ping the channel or open a link', () => {
    const text = allText(
      blocksOf(alarmCard({ transition: transitionOf(alarmMessageFixture('composite')), buttons: [] })),
    );
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('keeps action_ids and values valid whatever the alarm name (240 characters, with / # and spaces)', () => {
    const message = JSON.parse(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '{}') as Record<
      string,
      string
    >;
    const name = `prod/radio db #1 ${'x'.repeat(240)}`.slice(0, 240);
    message.AlarmName = name;
    message.AlarmArn = `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;
    const blocks = blocksOf(alarmCard({ transition: transitionOf(JSON.stringify(message)), buttons: ids(3) }));
    const buttons = blocks.find((block) => block.type === 'actions')?.elements ?? [];
    for (const button of buttons) {
      expect(String(button.action_id).length).toBeLessThanOrEqual(255);
      expect(button.value).toMatch(/^run_[0-9]{20}$/);
    }
    expect(new Set(buttons.map((button) => button.action_id)).size).toBe(3);
    expect((blocks[0]?.text?.text ?? '').length).toBeLessThanOrEqual(150);
    expect(allText(blocks)).toContain(`#alarmsV2:alarm/prod%2Fradio%20db%20%231%20xxx`);
  });

  it('draws the same card in a terminal, link included', () => {
    const t = transitionOf(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '');
    expect(renderTerminal(alarmCard({ transition: t, buttons: ids(1) }))).toContain(
      'Open in the CloudWatch console: https://us-east-1.console.aws.amazon.com/',
    );
  });
});

describe('metric-math cards', () => {
  const eventBridgeMath = readFileSync(
    fileURLToPath(new URL('../fixtures/eventbridge/alarm-state-change-metric-math.json', import.meta.url)),
    'utf8',
  );
  const metricField = (message: string) =>
    blocksOf(alarmCard({ transition: transitionOf(message), buttons: [] }))
      .flatMap((block) => block.fields ?? [])
      .find((field) => field.text.startsWith('*Metric*'))?.text;
  const parts = [
    'm1: AWS/ApplicationELB HTTPCode_Target_5XX_Count (Sum, 60 s)',
    'm2: AWS/ApplicationELB RequestCount (Sum, 60 s)',
  ];

  it.each([
    ['SNS Trigger.Metrics, the ReturnData query first', alarmMessageFixture('metric-math')],
    ['EventBridge configuration.metrics, the returnData query last', eventBridgeMath],
  ])('fault 16: %s: the Label of the ReturnData query leads, then its expression', (_shape, message) => {
    expect(metricField(message)).toBe(['*Metric*', '5xx % = 100*m1/m2', ...parts].join('\n'));
  });

  it('fault 16: without a Label the expression leads; a query that is not returned never does', () => {
    const sns = JSON.parse(alarmMessageFixture('metric-math')) as { Trigger: { Metrics: Record<string, unknown>[] } };
    const [e1, ...rest] = sns.Trigger.Metrics;
    delete e1?.Label;
    sns.Trigger.Metrics = [{ Id: 'e0', Expression: 'm1/60', Label: '5xx per second', ReturnData: false }, ...rest, e1!];
    expect(metricField(JSON.stringify(sns))).toBe(['*Metric*', '100*m1/m2', 'e0: m1/60', ...parts].join('\n'));

    const event = JSON.parse(eventBridgeMath) as { detail: { configuration: { metrics: Record<string, unknown>[] } } };
    delete event.detail.configuration.metrics[2]?.label;
    expect(metricField(JSON.stringify(event))).toBe(['*Metric*', '100*m1/m2', ...parts].join('\n'));
  });
});

describe('alarmConsoleUrl', () => {
  it('encodes the name and picks the partition console', () => {
    expect(alarmConsoleUrl('us-east-1', 'a/b c#d&e')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/a%2Fb%20c%23d%26e',
    );
    expect(alarmConsoleUrl('cn-north-1', 'x')).toMatch(/^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
    expect(alarmConsoleUrl(undefined, 'x')).toBeUndefined();
  });
});

describe('default playbooks', () => {
  it('give the seed alarms their buttons', () => {
    const checked = checkPlaybooks(DEFAULT_PLAYBOOKS, buildRegistry(), RadioConfig.parse({}));
    const commands = (message: string) => playbookButtons(checked, transitionOf(message)).buttons.map((b) => b.command);
    expect(commands(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? '')).toEqual([
      'db slow-queries',
      'db connections',
      'db kill-idle --older 10m',
    ]);
    expect(commands(snsFixture('notification-ecs-healthy-hosts').Message ?? '')).toEqual([
      'ecs status',
      'redeploy n8n-main',
      'scale n8n +2',
    ]);
    expect(commands(alarmMessageFixture('s3-bucket-size'))).toEqual([
      's3 size temp/',
      's3 cleanup --older 90d --prefix temp/',
    ]);
    expect(commands(alarmMessageFixture('composite'))).toEqual([]);
  });
});
