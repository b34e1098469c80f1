import type { Plan } from './command.js';
import { code, fields, heading, messageInline, note, text, type Reply } from './reply.js';

/**
 * A plan as a reply: current state, the exact calls with their input, warnings, and that nothing
 * changed. Used for `--dry-run` and forced dry-runs. Pure.
 */
export function presentPlan(commandName: string, plan: Plan, forcedBecause?: string): Reply {
  const calls = plan.calls.map((call) =>
    code(`${call.service} ${call.operation}\n${JSON.stringify(call.input, null, 2)}`),
  );
  const outline = plan.outline ?? (plan.calls.length === 0 ? 'No call would be made: nothing to change.' : undefined);
  return {
    summary: `Dry run of ${commandName}: ${plan.outline ?? `${plan.calls.length} call(s) would be made`}; nothing was changed`,
    visibility: 'in_channel',
    parts: [
      heading(`Dry run: ${commandName}`),
      ...(forcedBecause ? [note(`Dry run only: ${forcedBecause}`)] : []),
      ...(plan.partlyPlanOnly ? [text(messageInline(plan.partlyPlanOnly), 'warning')] : []),
      ...(plan.current.length > 0 ? [fields(...plan.current)] : []),
      ...(plan.snippets ?? []).map((snippet) => code(snippet)),
      ...(outline ? [text(outline)] : []),
      ...calls,
      ...plan.warnings.map((warning) => text(messageInline(warning), 'warning')),
      ...(plan.escalate
        ? [note(messageInline(`This would need a second person's approval: ${plan.escalate.because}`))]
        : []),
      note('Nothing was changed.'),
    ],
  };
}
