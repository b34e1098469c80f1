import type { Plan, PlannedCall } from '../pipeline/command.js';

/**
 * The plan of an AWS read: only the calls it would make. With it, a read answers `--dry-run` and a
 * forced dry-run (no credentials, `aws.mode: dry-run`) with the exact requests instead of failing.
 */
export function awsReadPlan(calls: PlannedCall[]): Plan<undefined> {
  return { current: [], calls, warnings: [], state: undefined };
}
