import { z } from 'zod';
import type { AlarmTransition } from './alarm-transition.js';
import type { CheckedButton, CheckedPlaybook } from './check-playbooks.js';
import { targetMismatch } from './command-targets.js';
import { fillPlaceholders } from './playbook-placeholders.js';

/**
 * Which alarms a playbook is for; every given field must match. `alarmName` is a glob (`*` any run
 * of characters, `?` one); `dimensions` must all be present with these values.
 */
export const PlaybookMatch = z.strictObject({
  namespace: z.string().min(1).optional(),
  metric: z.string().min(1).optional(),
  alarmName: z.string().min(1).optional(),
  dimensions: z.record(z.string(), z.string()).optional(),
});
export type PlaybookMatch = z.infer<typeof PlaybookMatch>;

/**
 * A button on an alarm card: pressing it runs `command` (a command line, as typed) as the presser. `{Name}` in it
 * is the alarm's dimension `Name` (`hls {Channel}`); a button whose dimension the alarm lacks is not offered.
 */
export const PlaybookButton = z.strictObject({
  label: z.string().min(1).max(75),
  command: z.string().min(1).max(500),
});
export type PlaybookButton = z.infer<typeof PlaybookButton>;

/** `alarms.playbooks[]` in the YAML: the first playbook whose `match` fits an alarm gives its buttons. */
export const Playbook = z.strictObject({
  match: PlaybookMatch.default({}),
  buttons: z.array(PlaybookButton).min(1).max(10),
});
export type Playbook = z.infer<typeof Playbook>;

function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

/** Whether `match` fits `transition`. Pure. */
export function playbookMatches(match: PlaybookMatch, transition: AlarmTransition): boolean {
  if (match.namespace !== undefined && match.namespace !== transition.Namespace) return false;
  if (match.metric !== undefined && match.metric !== transition.MetricName) return false;
  if (match.alarmName !== undefined && !globToRegExp(match.alarmName).test(transition.AlarmName)) return false;
  for (const [name, value] of Object.entries(match.dimensions ?? {})) {
    if (!transition.Dimensions.some((d) => d.name === name && d.value === value)) return false;
  }
  return true;
}

/** What a card offers: the buttons that act on the alarm's resources, and why the others are not offered. */
export interface OfferedButtons {
  /** With their placeholders filled from the alarm's dimensions. */
  buttons: PlaybookButton[];
  /** One sentence per reason buttons are not offered (another resource, a dimension the alarm lacks); absent when none. */
  withheld?: string;
}

/** Why a group of buttons is withheld, given their quoted labels and whether there are several. */
type Withheld = { key: string; why: (labels: string, several: boolean) => string };

/** The button with its placeholders filled, or why it is not offered on this alarm. */
function offer(button: CheckedButton, transition: AlarmTransition): PlaybookButton | Withheld {
  const { targets, ...line } = button;
  const valueOf = (name: string) => transition.Dimensions.find((d) => d.name === name)?.value;
  const filled = fillPlaceholders(line.command, valueOf);
  if ('missing' in filled)
    return {
      key: `missing\u0000${filled.missing}`,
      why: (labels, several) =>
        `Not offered: ${labels}: ${several ? 'they need' : 'it needs'} the alarm’s ${filled.missing}, and this alarm names none.`,
    };
  if ('unsafe' in filled) {
    const { name, value } = filled.unsafe;
    return {
      key: `unsafe\u0000${name}`,
      why: (labels) => `Not offered: ${labels}: this alarm’s ${name} “${value}” is not one plain word.`,
    };
  }
  const mismatch = targetMismatch(targets, transition.Dimensions);
  if (!mismatch) {
    const label = fillPlaceholders(line.label, valueOf);
    return { label: 'command' in label ? label.command : line.label, command: filled.command };
  }
  const { target, value } = mismatch;
  return {
    key: `target\u0000${target.dimension}\u0000${value}`,
    why: (labels, several) =>
      `Not offered: ${labels}: ${several ? 'they act' : 'it acts'} on ${target.dimension} ${target.values.join(', ')} (${target.setting}), and this alarm is about ${target.dimension} ${value}.`,
  };
}

/**
 * The buttons of the first playbook that fits `transition` (none for unknown messages), with `{Dimension}`
 * placeholders filled from its dimensions, without those that act on another resource than the alarm is about
 * (issue 13, fault 17: the S3 playbook cleaning the configured bucket on an alarm about another bucket) or that
 * need a dimension the alarm lacks. A button whose command acts on no configured resource, or on a kind the
 * alarm's dimensions don't name, is offered. Pure.
 */
export function playbookButtons(playbooks: readonly CheckedPlaybook[], transition: AlarmTransition): OfferedButtons {
  if (transition.kind === 'unknown') return { buttons: [] };
  const playbook = playbooks.find((candidate) => playbookMatches(candidate.match, transition));
  const buttons: PlaybookButton[] = [];
  const withheld = new Map<string, { labels: string[]; why: Withheld['why'] }>();
  for (const button of playbook?.buttons ?? []) {
    const offered = offer(button, transition);
    if (!('key' in offered)) {
      buttons.push(offered);
      continue;
    }
    const group = withheld.get(offered.key) ?? { labels: [], why: offered.why };
    group.labels.push(`“${button.label}”`);
    withheld.set(offered.key, group);
  }
  const reasons = [...withheld.values()].map(({ labels, why }) => why(labels.join(', '), labels.length > 1));
  return reasons.length > 0 ? { buttons, withheld: reasons.join(' ') } : { buttons };
}
