// Issue 14: playbook command lines with `{Dimension}` placeholders, filled from the alarm when its card is built,
// and the start-time check (a sample value), plus the built-in on-air playbooks filtered by the registry.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AlarmTransition } from '../../src/alarms/alarm-transition.js';
import { checkPlaybooks } from '../../src/alarms/check-playbooks.js';
import { ON_AIR_PLAYBOOKS } from '../../src/alarms/default-playbooks.js';
import { playbookButtons } from '../../src/alarms/playbook.js';
import { buildRegistry } from '../../src/commands/index.js';
import { ConfigError } from '../../src/config/load-config.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { defineCommand } from '../../src/pipeline/command.js';
import { ChannelSlug } from '../../src/config/station-config.js';
import { text } from '../../src/pipeline/reply.js';

const radio = RadioConfig.parse({ station: { channels: ['rap', 'jazz'] } });

/** A write command of the test's own taking a channel, standing in for `skip` (built elsewhere). */
const testSkip = defineCommand({
  name: 'test skip',
  usage: 'test skip <channel>',
  summary: 'a test command taking a channel',
  examples: [],
  positional: ['channel'],
  flags: {},
  args: z.object({ channel: ChannelSlug }),
  risk: () => 'write',
  run: ({ args }) => Promise.resolve(args.channel),
  present: (slug: string) => ({ summary: slug, visibility: 'ephemeral', parts: [text(slug)] }),
});
const registry = buildRegistry([testSkip]);

const onAir = (Dimensions: { name: string; value: string }[]): AlarmTransition => ({
  kind: 'metric',
  format: 'radio-ops',
  AlarmName: 'rap off air',
  NewStateValue: 'ALARM',
  StateChangeTime: '2025-03-14T21:15:37.412Z',
  Namespace: 'radio-ops/OnAir',
  MetricName: 'OnAir',
  Dimensions,
});

const buttons = [
  { label: 'HLS', command: 'hls {Channel}' },
  { label: 'Skip', command: 'test skip {Channel}' },
  { label: 'Approvals', command: 'approvals' },
];

describe('playbook placeholders', () => {
  it('fills {Channel} from the alarm’s dimension when the card is built', () => {
    const checked = checkPlaybooks([{ match: {}, buttons }], registry, radio);
    expect(playbookButtons(checked, onAir([{ name: 'Channel', value: 'jazz' }]))).toEqual({
      buttons: [
        { label: 'HLS', command: 'hls jazz' },
        { label: 'Skip', command: 'test skip jazz' },
        { label: 'Approvals', command: 'approvals' },
      ],
    });
  });

  it('withholds a button whose placeholder the alarm lacks, or whose value is not one plain word', () => {
    const checked = checkPlaybooks([{ match: {}, buttons }], registry, radio);
    expect(playbookButtons(checked, onAir([{ name: 'Server', value: 'icecast' }]))).toEqual({
      buttons: [{ label: 'Approvals', command: 'approvals' }],
      withheld: 'Not offered: “HLS”, “Skip”: they need the alarm’s Channel, and this alarm names none.',
    });
    const odd = playbookButtons(checked, onAir([{ name: 'Channel', value: 'rap --older 1s' }]));
    expect(odd.buttons).toEqual([{ label: 'Approvals', command: 'approvals' }]);
    expect(odd.withheld).toBe(
      'Not offered: “HLS”, “Skip”: this alarm’s Channel “rap --older 1s” is not one plain word.',
    );
  });

  it('checks a placeholder line at start with a sample value: a configured channel, or the match’s pinned value', () => {
    expect(() => checkPlaybooks([{ match: {}, buttons }], registry, radio)).not.toThrow();
    // The sample fills the argument, so a bad flag or a missing argument is still caught at start.
    expect(() =>
      checkPlaybooks(
        [{ match: {}, buttons: [{ label: 'Bad', command: 'test skip {Channel} extra' }] }],
        registry,
        radio,
      ),
    ).toThrow(ConfigError);
    // A pinned value that is no channel slug fails the argument check at start, naming the line.
    expect(() =>
      checkPlaybooks(
        [
          {
            match: { dimensions: { Channel: 'Not A Slug!' } },
            buttons: [{ label: 'Skip', command: 'test skip {Channel}' }],
          },
        ],
        registry,
        radio,
      ),
    ).toThrow('alarms.playbooks[0].buttons[0] ("Skip"): `test skip {Channel}`');
  });
});

describe('the built-in on-air playbooks', () => {
  it('are checked like any playbook, but a button whose command is not registered is left out, not fatal', () => {
    const dropped: string[] = [];
    const checked = checkPlaybooks([], registry, radio, 'alarms.playbooks', {
      builtIn: ON_AIR_PLAYBOOKS,
      leftOut: (line) => dropped.push(line),
    });
    const offered = playbookButtons(checked, onAir([{ name: 'Channel', value: 'rap' }]));
    // On this branch `hls` is registered; `status`, `skip` and `kill-source` come from other branches.
    expect(offered.buttons).toContainEqual({ label: 'HLS rap', command: 'hls rap' });
    const registered = new Set(registry.commands.map((command) => command.name));
    for (const line of ['status', 'skip {Channel}', 'kill-source {Channel}']) {
      const name = line.split(' ')[0] ?? '';
      expect(dropped.includes(line)).toBe(!registered.has(name));
    }
  });

  it('come after the configured playbooks: a YAML playbook for radio-ops/OnAir wins', () => {
    const checked = checkPlaybooks(
      [{ match: { namespace: 'radio-ops/OnAir' }, buttons: [{ label: 'Approvals', command: 'approvals' }] }],
      registry,
      radio,
      'alarms.playbooks',
      { builtIn: ON_AIR_PLAYBOOKS },
    );
    expect(playbookButtons(checked, onAir([{ name: 'Channel', value: 'rap' }])).buttons).toEqual([
      { label: 'Approvals', command: 'approvals' },
    ]);
  });
});
