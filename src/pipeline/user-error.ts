/**
 * What kind of refusal or failure a {@link UserError} is. Each code has one row in `ERROR_TABLE`
 * (src/pipeline/error-table.ts): its dispatch status, audit outcome and shell exit code.
 */
export type UserErrorCode =
  | 'usage'
  | 'unknown_command'
  | 'denied'
  | 'not_configured'
  | 'precondition'
  | 'iam_denied'
  | 'unavailable'
  | 'busy'
  | 'timeout'
  | 'outcome_unknown'
  | 'cancelled';

/**
 * An error whose message is safe to show the person who asked. Anything else thrown is logged with a
 * reference id, and the person sees only the reference.
 */
export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    /** Extra lines shown under the message: a usage line, suggestions. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}
