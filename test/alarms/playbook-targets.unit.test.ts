// Issue 13, fault 17: which playbook buttons an alarm's dimensions allow, and the start-time check of their lines.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AlarmTransition } from '../../src/alarms/alarm-transition.js';
import { checkPlaybooks } from '../../src/alarms/check-playbooks.js';
import { DEFAULT_PLAYBOOKS } from '../../src/alarms/default-playbooks.js';
import { playbookButtons, type Playbook } from '../../src/alarms/playbook.js';
import { buildRegistry } from '../../src/commands/index.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { RadioConfig } from '../../src/config/radio-config.js';

const radio = RadioConfig.parse({});
const registry = buildRegistry();

const alarm = (Dimensions: { name: string; value: string }[]): AlarmTransition => ({
  kind: 'metric',
  format: 'sns',
  AlarmName: 'some-alarm',
  NewStateValue: 'ALARM',
  StateChangeTime: '2025-03-14T21:15:37.412Z',
  Dimensions,
});

const offered = (buttons: Playbook['buttons'], dimensions: { name: string; value: string }[]) =>
  playbookButtons(checkPlaybooks([{ match: {}, buttons }], registry, radio), alarm(dimensions));

describe('playbook buttons and the alarm’s resource', () => {
  const ecsButtons = [
    { label: 'ECS status', command: 'ecs status' },
    { label: 'Redeploy n8n-main', command: 'redeploy n8n-main' },
    { label: 'Scale workers +2', command: 'scale n8n +2' },
    { label: 'Approvals', command: 'approvals' },
  ];

  it('fault 17: an ECS service alarm offers only the buttons acting on that service (and those on none)', () => {
    const result = offered(ecsButtons, [
      { name: 'ClusterName', value: 'radio-n8n-cluster' },
      { name: 'ServiceName', value: 'n8n-main' },
    ]);
    expect(result.buttons.map((b) => b.label)).toEqual(['ECS status', 'Redeploy n8n-main', 'Approvals']);
    expect(result.withheld).toBe(
      'Not offered: “Scale workers +2”: it acts on ServiceName n8n-worker (ecs.services.n8n), and this alarm is about ServiceName n8n-main.',
    );
  });

  it('fault 17: another cluster withholds every ECS button; an alarm naming no ECS resource keeps them all', () => {
    const other = offered(ecsButtons, [{ name: 'ClusterName', value: 'batch-cluster' }]);
    expect(other.buttons.map((b) => b.label)).toEqual(['Approvals']);
    expect(other.withheld).toContain('they act on ClusterName radio-n8n-cluster (ecs.cluster)');
    const alb = offered(ecsButtons, [{ name: 'LoadBalancer', value: 'app/radio-alb/5f3e8a1c2b4d6e7f' }]);
    expect(alb).toEqual({ buttons: ecsButtons.map(({ label, command }) => ({ label, command })) });
  });

  it('fault 17: a CloudFront alarm about another distribution withholds cdn buttons', () => {
    const buttons = [{ label: 'Hit rate', command: 'cdn hit-rate' }];
    expect(offered(buttons, [{ name: 'DistributionId', value: 'E1234567890ABC' }]).buttons).toHaveLength(1);
    expect(offered(buttons, [{ name: 'DistributionId', value: 'EOTHER' }])).toEqual({
      buttons: [],
      withheld:
        'Not offered: “Hit rate”: it acts on DistributionId E1234567890ABC (cloudfront.distributionId), and this alarm is about DistributionId EOTHER.',
    });
  });
});

describe('checkPlaybooks', () => {
  it("fault 17: accepts the default playbooks and the example YAML's", () => {
    expect(() => checkPlaybooks(DEFAULT_PLAYBOOKS, registry, radio)).not.toThrow();
    const example = loadConfig('shell', {
      RADIO_CONFIG: fileURLToPath(new URL('../../radio-ops.example.yml', import.meta.url)),
    }).radio;
    expect(checkPlaybooks(example.alarms.playbooks, registry, example).length).toBeGreaterThan(0);
  });

  it('fault 17: names every bad button at once: unknown command, unknown flag, a missing argument', () => {
    const bad = () =>
      checkPlaybooks(
        [
          { match: {}, buttons: [{ label: 'Sizes', command: 's3 sizes' }] },
          {
            match: {},
            buttons: [
              { label: 'Idle', command: 'db kill-idle --olde 10m' },
              { label: 'Scale', command: 'scale' },
            ],
          },
        ],
        registry,
        radio,
      );
    expect(bad).toThrow(ConfigError);
    expect(() => bad()).toThrow(
      [
        'radio-ops cannot start:',
        '  - alarms.playbooks[0].buttons[0] ("Sizes"): `s3 sizes`: Unknown command `s3 sizes`. Did you mean `s3 size`?',
        '  - alarms.playbooks[1].buttons[0] ("Idle"): `db kill-idle --olde 10m`: Unknown flag `--olde`. Usage: /radio db kill-idle [--older 10m]',
      ].join('\n'),
    );
  });
});
