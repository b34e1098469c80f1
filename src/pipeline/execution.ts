import type { AuditEvent } from '../audit/audit-log.js';
import type { Invocation, Risk } from './command.js';
import type { ErrorCode } from './error-table.js';

/**
 * One execution as the audit log sees it: who and where (`invocation`, whose `requestId` is this
 * execution's own id), what (command name, validated arguments, risk), and the chain it belongs to.
 */
export interface Execution {
  invocation: Invocation;
  /** Canonical command name; absent when the text named no known command. */
  command?: string;
  args?: unknown;
  risk?: Risk;
  reason?: string;
  /** Columns that link it to others: an approval's chain, the execution it follows (a follow-up, a step). */
  chain?: Pick<AuditEvent, 'approvalId' | 'requesterId' | 'approvers' | 'parentRequestId'>;
  /** What it waits on, named in the answer when the deadline passes (`ECS`, `the station database`). */
  waitingOn?: readonly string[];
}

/** Per-run options of {@link Executor.execute}. */
export interface ExecuteOptions {
  /** Overrides the executor's deadline (milliseconds). */
  deadlineMs?: number;
  /** Called once when the run is still going after the executor's `stillRunningAfterMs`. */
  onStillRunning?: () => void;
  /**
   * `direct` (a typed or pressed request; default) may be answered "busy"; `reserved` (an approved run,
   * a follow-up) never is: it has slots of its own.
   */
  capacity?: 'direct' | 'reserved';
  /**
   * A success writes no outcome row: what the work started writes it under the same request id when it ends
   * (a command's `auditsOwnEnd`). A failure is audited here as usual.
   */
  endAuditedLater?: boolean;
  /**
   * The person's cancel (Ctrl-C), passed only for a read: when aborted, the run's signal is aborted and the
   * outcome is `cancelled` at once. A write never gets one: it runs to its end so its outcome is known.
   */
  cancel?: AbortSignal;
}

/** How an execution ended badly (or a refusal before one), classified by the error table. */
export interface ExecutionFailure {
  status: 'refused' | 'failed';
  code: ErrorCode;
  /** Safe to show the person: a UserError's message, or a description and a reference. */
  message: string;
  /** Extra lines under the message (usage, suggestions). */
  details: string[];
  /** Set for errors that are not UserErrors: the first 8 characters of the request id, also in the log. */
  reference?: string;
}

/** How an execution ended. */
export type ExecutionOutcome<T> = { status: 'succeeded'; result: T; durationMs: number } | ExecutionFailure;

/**
 * The audit row of one step of `execution`: its invocation's who and where, its command, arguments, risk and
 * reason, its chain columns, then `event` (the outcome, and an error or duration) over them.
 */
export function auditRow(execution: Execution, event: Pick<AuditEvent, 'outcome'> & Partial<AuditEvent>): AuditEvent {
  const { requestId, source, teamId, channelId, userId, userName, text } = execution.invocation;
  return {
    requestId,
    source,
    teamId,
    channelId,
    userId,
    userName,
    text,
    command: execution.command,
    args: execution.args,
    risk: execution.risk,
    reason: execution.reason,
    ...execution.chain,
    ...event,
  };
}
