import type { DispatchOutcome } from '../pipeline/dispatcher.js';
import type { UserErrorCode } from '../pipeline/user-error.js';

/** `radio-ops shell -c` exit codes. */
export const EXIT = { succeeded: 0, failed: 1, usage: 2, pending: 3 } as const;

/** Refusals that mean "what you typed is wrong" rather than "you may not" or "it can't be done now". */
const USAGE_CODES: ReadonlySet<UserErrorCode> = new Set(['usage', 'unknown_command']);

// Every status the dispatcher has must be listed: `satisfies` fails the build on a new one.
const BY_STATUS = {
  succeeded: EXIT.succeeded,
  failed: EXIT.failed,
  refused: EXIT.failed,
  pending: EXIT.pending,
} satisfies Record<DispatchOutcome['status'], number>;

/**
 * The exit code of one dispatched line: 0 succeeded, 1 failed or refused (denied, not configured,
 * or only planned because it could not run here),
 * 2 usage error (unknown command, bad argument), 3 waiting for approval. Pure.
 */
export function exitCodeFor(outcome: DispatchOutcome): number {
  if (outcome.status === 'refused' && USAGE_CODES.has(outcome.code)) return EXIT.usage;
  // Only planned because it could not run here (no AWS credentials): the action did not happen.
  if (outcome.status === 'succeeded' && outcome.forcedDryRun) return EXIT.failed;
  return BY_STATUS[outcome.status];
}
