import { z } from 'zod';
import type { AlarmTransition } from './alarm-transition.js';

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

/** The buttons of the first playbook that fits `transition`; none for unknown messages. Pure. */
export function playbookButtons(playbooks: readonly Playbook[], transition: AlarmTransition): PlaybookButton[] {
  if (transition.kind === 'unknown') return [];
  return playbooks.find((playbook) => playbookMatches(playbook.match, transition))?.buttons ?? [];
}
