/** What kind of refusal a {@link UserError} is; front doors map it to an answer (the shell to an exit code). */
export type UserErrorCode = 'usage' | 'unknown_command' | 'denied' | 'not_configured' | 'precondition' | 'unavailable';

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
