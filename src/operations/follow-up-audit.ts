import { randomUUID } from 'node:crypto';
import type { Invocation, Source } from '../pipeline/command.js';
import type { Execution, Executor } from '../pipeline/execute.js';
import type { OperationRow } from './operation-store.js';

/** A write a watcher makes while following an operation, named as the platform names it. */
export interface FollowUpStep {
  /** The platform and service, e.g. `RDS`. */
  service: string;
  /** The operation's own name, e.g. `ModifyDBInstance`. */
  operation: string;
  /** The exact input sent; stored as the audit row's `args`. */
  input: unknown;
}

/**
 * Runs a follow-up write through the one execution function. Rethrows what `work` threw, so a
 * watcher handles errors as it would without the audit.
 */
export type FollowUpRunner = <T>(step: FollowUpStep, work: () => Promise<T>) => Promise<T>;

/**
 * An execution for something done on behalf of a followed operation: a new request id, linked to the
 * execution that started the operation (`parent_request_id`) and to its approval, acting for the same
 * person. Rows of operations stored before migration 005 have no person: they are audited as `radio-ops`.
 */
export function followUpExecution(operation: OperationRow, what: string, args?: unknown): Execution {
  const invocation: Invocation = {
    requestId: randomUUID(),
    source: (operation.source ?? 'slack') as Source,
    userId: operation.user_id ?? 'radio-ops',
    text: `${what} (following \`${operation.text ?? operation.kind}\`)`,
  };
  return {
    invocation,
    command: operation.command ?? operation.kind,
    args,
    risk: 'write',
    chain: { approvalId: operation.approval_id ?? undefined, parentRequestId: operation.request_id },
  };
}

/** The {@link FollowUpRunner} of one operation. */
export function followUpRunner(executor: Executor, operation: OperationRow): FollowUpRunner {
  return async (step, work) => {
    let thrown: unknown;
    const outcome = await executor.execute(
      followUpExecution(operation, `${step.service} ${step.operation}`, step.input),
      async () => {
        try {
          return await work();
        } catch (error) {
          thrown = error;
          throw error;
        }
      },
      { capacity: 'reserved' },
    );
    if (outcome.status === 'succeeded') return outcome.result;
    throw thrown ?? new Error(outcome.message);
  };
}
