import type { DispatchOutcome } from '../pipeline/dispatcher.js';
import { ERROR_TABLE } from '../pipeline/error-table.js';

/**
 * `radio-ops shell` exit codes. A signal that ends the shell gives 128 + its number, as shells do:
 * 130 for SIGINT (`-c` interrupted by Ctrl-C), 143 for SIGTERM.
 */
export const EXIT = { succeeded: 0, failed: 1, usage: 2, pending: 3, interrupted: 130, terminated: 143 } as const;

/**
 * The exit code of one dispatched line: 0 succeeded, 1 failed or refused (denied, not configured,
 * or only planned because it could not run here), 2 usage error (unknown command, bad argument: the
 * error table's `exit`), 3 waiting for approval. Pure.
 */
export function exitCodeFor(outcome: DispatchOutcome): number {
  switch (outcome.status) {
    case 'refused':
    case 'failed':
      return ERROR_TABLE[outcome.code].exit;
    case 'pending':
      return EXIT.pending;
    case 'succeeded':
      // Only planned because it could not run here (no AWS credentials): the action did not happen.
      return outcome.forcedDryRun ? EXIT.failed : EXIT.succeeded;
  }
}
