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

/**
 * The answer when the person cancelled (Ctrl-C in the shell): only a read, or a command that had not
 * started, is ever cancelled (the dispatcher lets anything else finish), so nothing changed.
 */
export function cancelledError(execution: Execution): UserError {
  const name = `\`${execution.command ?? 'the command'}\``;
  return new UserError(
    'cancelled',
    execution.risk === 'read'
      ? `${name} was cancelled before it answered. It only reads, so nothing was changed.`
      : `${name} was cancelled before it started. Nothing was done.`,
  );
}
