import type { TerminateOutcome } from '../integrations/terminator/pg-backend-terminator.js';
import { table, text } from '../pipeline/reply.js';

/** The result of a termination (`db kill-idle`, `db terminate`): what went and what didn't, with why. */
export function presentTerminations(outcomes: TerminateOutcome[]) {
  const killed = outcomes.filter((o) => o.terminated);
  const failed = outcomes.filter((o) => !o.terminated);
  return {
    summary: `Terminated ${killed.length} backend(s); ${failed.length} not terminated`,
    visibility: 'in_channel' as const,
    parts: [
      text(`Terminated ${killed.length} of ${outcomes.length} planned backend(s).`),
      ...(failed.length
        ? [
            table(
              ['pid', 'backend_start (UTC)', 'not terminated because'],
              failed.map((o) => [String(o.pid), o.backendStart, o.detail ?? '-']),
            ),
          ]
        : []),
    ],
  };
}
