import type { AuditOutcome } from '../audit/audit-log.js';
import { UserError, type UserErrorCode } from './user-error.js';

/** Every way an invocation can end badly: a {@link UserErrorCode}, or `internal` for anything else thrown. */
export type ErrorCode = UserErrorCode | 'internal';

/** What one error code means everywhere: the same answer whether it came from parsing, `plan` or `run`. */
export interface ErrorClass {
  /** `refused`: nothing was attempted (what was asked can't be done); `failed`: doing it went wrong. */
  status: 'refused' | 'failed';
  /** The `audit_events.outcome` of the row that ends the invocation. */
  audit: Extract<AuditOutcome, 'invalid' | 'denied' | 'failed' | 'unknown' | 'cancelled'>;
  /** `radio-ops shell -c` exit code: 2 for "what you typed is wrong", else 1. */
  exit: 1 | 2;
  /**
   * Whether a refusal before anything started is audited: a usage error names no operation, so it is not.
   * Once an execution is `started`, its outcome row is always written, whatever the code.
   */
  audited: boolean;
}

/**
 * The one table from error code to dispatch status, audit outcome and exit code. Every catch in the
 * pipeline (direct, approved and follow-up runs) classifies through it, so the same error is never
 * `invalid` in one place and `failed` in another. `satisfies` fails the build when a code is missing.
 */
export const ERROR_TABLE = {
  // What was typed is not a command line we understand: not an operation, so not audited.
  usage: { status: 'refused', audit: 'invalid', exit: 2, audited: false },
  unknown_command: { status: 'refused', audit: 'invalid', exit: 2, audited: false },
  // Roles, channel, workspace, two-person rule: policy said no.
  denied: { status: 'refused', audit: 'denied', exit: 1, audited: true },
  // The integration it needs is not set up here: nothing was attempted.
  not_configured: { status: 'refused', audit: 'invalid', exit: 1, audited: true },
  // The current state doesn't allow it (above a maximum, already decided, refused by the platform): nothing was done.
  precondition: { status: 'refused', audit: 'invalid', exit: 1, audited: true },
  // AWS IAM refused an action: the bot's role lacks a permission. A failure of ours, not the person's refusal.
  iam_denied: { status: 'failed', audit: 'failed', exit: 1, audited: true },
  // A dependency didn't answer or answered with an error (throttled, unreachable, audit log down).
  unavailable: { status: 'failed', audit: 'failed', exit: 1, audited: true },
  // Too many commands running at once: answered at once, nothing attempted; try again in a moment.
  busy: { status: 'refused', audit: 'failed', exit: 1, audited: true },
  // A read (or a refusal) that got no answer before its deadline: nothing changed.
  timeout: { status: 'failed', audit: 'failed', exit: 1, audited: true },
  // A write cut off at its deadline: it may have happened, so the person is told to check before retrying.
  outcome_unknown: { status: 'failed', audit: 'unknown', exit: 1, audited: true },
  // The person interrupted it (Ctrl-C in the shell) while it only read or had not started: nothing changed.
  cancelled: { status: 'failed', audit: 'cancelled', exit: 1, audited: true },
  // Anything that is not a UserError: logged with a reference; the person sees the reference.
  internal: { status: 'failed', audit: 'failed', exit: 1, audited: true },
} as const satisfies Record<ErrorCode, ErrorClass>;

/** The error code of anything thrown. */
export const errorCodeOf = (error: unknown): ErrorCode => (error instanceof UserError ? error.code : 'internal');

/** The table row of anything thrown. */
export const classifyError = (error: unknown): ErrorClass => ERROR_TABLE[errorCodeOf(error)];
