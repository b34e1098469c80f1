import type { Execution } from './execution.js';
import { UserError } from './user-error.js';

/** The answer when the deadline passes: a read changed nothing; a write may have happened. */
export function deadlineError(execution: Execution, deadlineMs: number): UserError {
  const seconds = Math.round(deadlineMs / 100) / 10;
  const what = execution.waitingOn?.length ? ` (waiting on ${execution.waitingOn.join(', ')})` : '';
  const name = `\`${execution.command ?? 'the command'}\``;
  if (execution.risk === 'read' || execution.risk === undefined) {
    return new UserError(
      'timeout',
      `${name} got no answer within ${seconds} s${what}. Nothing was changed; try again in a moment.`,
    );
  }
  return new UserError(
    'outcome_unknown',
    `${name} did not finish within ${seconds} s${what}, so it may or may not have happened. Check the current state before trying again.`,
  );
}
