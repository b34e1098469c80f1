import { z } from 'zod';
import type { AlarmTransition } from './alarm-transition.js';
import type { CheckedPlaybook } from './check-playbooks.js';
import { targetMismatch, type TargetMismatch } from './command-targets.js';

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

/** A button on an alarm card: pressing it runs `command` (a command line, as typed) as the presser. */
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
  buttons: PlaybookButton[];
  /** One sentence per resource the alarm names that the withheld buttons don't act on; absent when none. */
  withheld?: string;
}

/**
 * The buttons of the first playbook that fits `transition` (none for unknown messages), without those
 * that act on another resource than the alarm is about (issue 13, fault 17: the S3 playbook cleaning the
 * configured bucket on an alarm about another bucket). A button whose command acts on no configured
 * resource, or on a kind the alarm's dimensions don't name, is offered. Pure.
 */
export function playbookButtons(playbooks: readonly CheckedPlaybook[], transition: AlarmTransition): OfferedButtons {
  if (transition.kind === 'unknown') return { buttons: [] };
  const playbook = playbooks.find((candidate) => playbookMatches(candidate.match, transition));
  const buttons: PlaybookButton[] = [];
  const withheld = new Map<string, { labels: string[]; mismatch: TargetMismatch }>();
  for (const { targets, ...button } of playbook?.buttons ?? []) {
    const mismatch = targetMismatch(targets, transition.Dimensions);
    if (!mismatch) {
      buttons.push(button);
      continue;
    }
    const key = `${mismatch.target.dimension}\u0000${mismatch.value}`;
    const group = withheld.get(key) ?? { labels: [], mismatch };
    group.labels.push(`“${button.label}”`);
    withheld.set(key, group);
  }
  const reasons = [...withheld.values()].map(
    ({ labels, mismatch: { target, value } }) =>
      `Not offered: ${labels.join(', ')}: ${labels.length > 1 ? 'they act' : 'it acts'} on ${target.dimension} ${target.values.join(', ')} (${target.setting}), and this alarm is about ${target.dimension} ${value}.`,
  );
  return reasons.length > 0 ? { buttons, withheld: reasons.join(' ') } : { buttons };
}
