import type { Logger } from 'pino';
import type { AuditEvent, AuditLog } from '../audit/audit-log.js';
import { describeFailure } from './describe-failure.js';
import { Capacity } from './capacity.js';
import { classifyError, errorCodeOf } from './error-table.js';
import {
  auditRow,
  type ExecuteOptions,
  type Execution,
  type ExecutionFailure,
  type ExecutionOutcome,
} from './execution.js';
import { cancelledError, deadlineError } from './deadline-error.js';
import { runWithDeadline } from './run-with-deadline.js';
import { UserError } from './user-error.js';

export type { ExecuteOptions, Execution, ExecutionFailure, ExecutionOutcome } from './execution.js';

export interface ExecutorDependencies {
  audit: AuditLog;
  log: Logger;
  /** Milliseconds since an arbitrary origin; injected so tests need no wall clock. */
  now?: () => number;
  /** How long a run may take before it is given up on (config `deadlines.command`, default 30 s). */
  deadlineMs?: number;
  /** When the person is told a run is still going (config `deadlines.stillRunning`, default 2 s). */
  stillRunningAfterMs?: number;
  /** How many run at once (config `concurrency`); default 16 direct + 4 reserved. */
  capacity?: Capacity;
}

/**
 * The one execution function: direct runs, approved runs, follow-up writes of long operations and
 * (later) runbook steps all call `execute`, so there is one sequence (audit `started`; if that row
 * can't be written, don't act; run; audit the outcome) and one error classification (`ERROR_TABLE`).
 * `refuse` audits a refusal that happened before anything ran, with the same classification.
 */
export function createExecutor(deps: ExecutorDependencies) {
  const { audit, log } = deps;
  const now = deps.now ?? (() => performance.now());
  const capacity = deps.capacity ?? new Capacity(16, 4);
  /** Executions past their `started` row; `interrupted` once the process gave up on them (stop). */
  const running = new Map<Execution, { interrupted: boolean }>();

  /** Classifies `error`, logs it with a reference when it is not a UserError, and says it in words. */
  function outcomeOf(execution: Execution, error: unknown): ExecutionFailure {
    const code = errorCodeOf(error);
    const { status } = classifyError(error);
    if (error instanceof UserError) return { status, code, message: error.message, details: error.details };
    const reference = execution.invocation.requestId.slice(0, 8);
    log.error({ err: error, requestId: execution.invocation.requestId, command: execution.command }, 'command failed');
    return {
      status,
      code,
      message: `${describeFailure(error) ?? 'Something went wrong.'} Reference: ${reference}`,
      details: [],
      reference,
    };
  }

  const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

  return {
    /**
     * Audits `error` as the refusal (or failure) that stopped an execution before it started: one row,
     * unless the table says the code is not audited (usage errors) or the command is no operation
     * (`audit: false`, for `help`). Never throws.
     */
    async refuse(execution: Execution, error: unknown, options: { audit?: boolean } = {}): Promise<ExecutionFailure> {
      const table = classifyError(error);
      if (table.audited && options.audit !== false) {
        await audit
          .append(auditRow(execution, { outcome: table.audit, error: errorText(error) }))
          .catch((auditError: unknown) =>
            log.error(
              { err: auditError, requestId: execution.invocation.requestId },
              'audit row for a refusal could not be written',
            ),
          );
      }
      return outcomeOf(execution, error);
    },

    /**
     * Closes the chain of every execution still running with an `interrupted` row (the process is
     * stopping and will not wait for them); their later outcomes are not written. Returns how many.
     */
    async interruptRunning(reason: string): Promise<number> {
      const unfinished = [...running].filter(([, state]) => !state.interrupted);
      for (const [execution, state] of unfinished) {
        state.interrupted = true;
        await audit
          .append(auditRow(execution, { outcome: 'interrupted', error: reason }))
          .catch((error: unknown) =>
            log.error(
              { err: error, requestId: execution.invocation.requestId },
              'audit interrupted row could not be written',
            ),
          );
      }
      return unfinished.length;
    },

    /**
     * Audits one row of something followed over time: how it ended (a long operation reaching `available`,
     * whose `started` row was the execution that began it), or a runbook's wait or manual step starting and
     * ending (they run nothing here). Never throws.
     */
    async complete(
      execution: Execution,
      outcome: 'started' | 'succeeded' | 'failed' | 'cancelled',
      error?: string,
    ): Promise<void> {
      await audit
        .append(auditRow(execution, { outcome, error }))
        .catch((auditError: unknown) =>
          log.error(
            { err: auditError, requestId: execution.invocation.requestId, outcome },
            'audit completion row could not be written',
          ),
        );
    },

    /**
     * Audits `started`, runs `work` under the deadline (its signal is aborted when the deadline passes, or
     * when `options.cancel` is), audits the outcome. Never throws: every error, the deadline and a cancel
     * become an outcome.
     */
    async execute<T>(
      execution: Execution,
      work: (signal: AbortSignal) => Promise<T>,
      options: ExecuteOptions = {},
    ): Promise<ExecutionOutcome<T>> {
      const release = capacity.enter(options.capacity ?? 'direct');
      if (!release) {
        return this.refuse(
          execution,
          new UserError(
            'busy',
            `radio-ops is running ${capacity.limit} commands already, so this one was not started. Try again in a moment.`,
          ),
        );
      }
      try {
        return await this.executeInSlot(execution, work, options);
      } finally {
        release();
      }
    },

    /** {@link execute} once a slot is held. */
    async executeInSlot<T>(
      execution: Execution,
      work: (signal: AbortSignal) => Promise<T>,
      options: ExecuteOptions,
    ): Promise<ExecutionOutcome<T>> {
      try {
        await audit.append(auditRow(execution, { outcome: 'started' }));
      } catch (error) {
        log.error(
          { err: error, requestId: execution.invocation.requestId },
          'audit started row could not be written; not running',
        );
        return outcomeOf(
          execution,
          new UserError('unavailable', 'The audit log could not be written, so nothing was run.'),
        );
      }
      const started = now();
      const state = { interrupted: false };
      running.set(execution, state);
      const finish = async (event: Pick<AuditEvent, 'outcome' | 'error'>) => {
        running.delete(execution);
        // Already audited `interrupted` by a stop: its chain is closed; a late outcome would contradict it.
        if (state.interrupted) return;
        // The action already happened (or failed): a lost outcome row is logged loudly rather than hiding the result.
        await audit
          .append(auditRow(execution, { ...event, durationMs: now() - started }))
          .catch((error: unknown) =>
            log.error(
              { err: error, requestId: execution.invocation.requestId, outcome: event.outcome },
              'audit outcome row could not be written',
            ),
          );
      };
      const deadlineMs = options.deadlineMs ?? deps.deadlineMs ?? 30_000;
      const ran = await runWithDeadline(work, {
        deadlineMs,
        onStillRunning: options.onStillRunning,
        stillRunningAfterMs: deps.stillRunningAfterMs ?? 2_000,
        cancel: options.cancel,
      });
      if (ran.kind === 'done') {
        const durationMs = now() - started;
        // Started something that audits its own end (a runbook run): its answer is not that end.
        if (options.endAuditedLater) running.delete(execution);
        else await finish({ outcome: 'succeeded' });
        return { status: 'succeeded', result: ran.result, durationMs };
      }
      const error =
        ran.kind === 'threw'
          ? ran.error
          : ran.kind === 'cancelled'
            ? cancelledError(execution)
            : deadlineError(execution, deadlineMs);
      await finish({ outcome: classifyError(error).audit, error: errorText(error) });
      return outcomeOf(execution, error);
    },
  };
}

export type Executor = ReturnType<typeof createExecutor>;
