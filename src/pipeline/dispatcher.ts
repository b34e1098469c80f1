import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuditEvent } from '../audit/audit-log.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import { authorize, type Directory } from './authorize.js';
import { bindArguments } from './bind-arguments.js';
import type { AnyCommand, Invocation, Risk } from './command.js';
import { parseCommandLine } from './parse-command-line.js';
import type { Registry } from './registry.js';
import { errorReply } from './error-reply.js';
import type { Reply } from './reply.js';
import { UserError, type UserErrorCode } from './user-error.js';

/** What a front door hands in: who asked, where, and the text as typed. */
export type DispatchRequest = Omit<Invocation, 'requestId'> & { requestId?: string };

/** How an invocation ended; the front door only renders `reply` (and the shell maps `status` to an exit code). */
export type DispatchOutcome =
  | { status: 'succeeded'; requestId: string; command: string; result: unknown; reply: Reply }
  | { status: 'refused'; requestId: string; code: UserErrorCode; reply: Reply }
  | { status: 'failed'; requestId: string; command?: string; reference?: string; reply: Reply };

export interface DispatcherDependencies {
  registry: Registry;
  config: RadioConfig;
  integrations: Integrations;
  directory: Directory;
  log: Logger;
  /** Milliseconds since an arbitrary origin; injected so tests need no wall clock. */
  now?: () => number;
}

/**
 * The one pipeline every front door uses: parse, look up, validate, authorize, audit `started`,
 * run, audit the outcome, present. Nothing skips a step; policy lives here, not in front doors.
 */
export function createDispatcher(deps: DispatcherDependencies) {
  const { registry, config, integrations, directory, log } = deps;
  const now = deps.now ?? (() => performance.now());

  return async function dispatch(request: DispatchRequest): Promise<DispatchOutcome> {
    const invocation: Invocation = { ...request, requestId: request.requestId ?? randomUUID() };
    const audit = (event: Omit<AuditEvent, keyof Invocation | 'requestId'> & Partial<AuditEvent>) =>
      integrations.audit.append({ ...invocationColumns(invocation), ...event });

    let command: AnyCommand | undefined;
    let args: unknown;
    let reason: string | undefined;
    let risk: Risk | undefined;
    try {
      const words = parseCommandLine(invocation.text);
      const found = registry.resolve(words.length === 0 ? ['help'] : words);
      if (!found) {
        const suggestions = registry.suggest(words);
        throw new UserError('unknown_command', `There is no command \`${words.join(' ')}\`.`, [
          suggestions.length > 0 ? `Did you mean: ${suggestions.map((s) => `\`${s}\``).join(', ')}?` : 'See `/radio help`.',
        ]);
      }
      command = found.command;
      ({ args, reason } = bindArguments(found.command, found.rest));
      risk = found.command.risk(args, config);
      await authorize(invocation, risk, config, directory);
      if (risk === 'destructive') {
        throw new UserError('denied', `\`${found.command.name}\` with these arguments is destructive and needs a second person's approval, which is not available yet. Nothing was done.`);
      }
    } catch (error) {
      if (!(error instanceof UserError)) return fail(error, invocation, command?.name);
      const outcome = error.code === 'denied' ? 'denied' : 'invalid';
      try {
        await audit({ command: command?.name, args, risk, outcome, reason, error: error.message });
      } catch (auditError) {
        log.error({ err: auditError, requestId: invocation.requestId }, 'audit row for a refusal could not be written');
      }
      return { status: 'refused', requestId: invocation.requestId, code: error.code, reply: errorReply(error) };
    }

    const base = { command: command.name, args, risk, reason };
    try {
      await audit({ ...base, outcome: 'started' });
    } catch (error) {
      log.error({ err: error, requestId: invocation.requestId }, 'audit started row could not be written; not running');
      return fail(new UserError('unavailable', 'The audit log could not be written, so nothing was run.'), invocation, command.name);
    }
    const started = now();
    try {
      const result = await command.run({ args, config, integrations, invocation });
      const reply = command.present(result, args);
      await appendOutcome({ ...base, outcome: 'succeeded', durationMs: now() - started });
      return { status: 'succeeded', requestId: invocation.requestId, command: command.name, result, reply };
    } catch (error) {
      const shown = error instanceof UserError ? error.message : String(error instanceof Error ? error.message : error);
      await appendOutcome({ ...base, outcome: 'failed', error: shown, durationMs: now() - started });
      return fail(error, invocation, command.name);
    }

    async function appendOutcome(event: Omit<AuditEvent, keyof Invocation | 'requestId'>) {
      // The action already happened; a lost outcome row is logged loudly rather than hiding the result.
      await audit(event).catch((error: unknown) =>
        log.error({ err: error, requestId: invocation.requestId, outcome: event.outcome }, 'audit outcome row could not be written'));
    }
  };

  function fail(error: unknown, invocation: Invocation, command?: string): DispatchOutcome {
    if (error instanceof UserError) {
      return { status: 'failed', requestId: invocation.requestId, command, reply: errorReply(error) };
    }
    const reference = invocation.requestId.slice(0, 8);
    log.error({ err: error, requestId: invocation.requestId, command }, 'command failed');
    return {
      status: 'failed', requestId: invocation.requestId, command, reference,
      reply: errorReply(new UserError('unavailable', `Something went wrong. Reference: ${reference}`)),
    };
  }
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function invocationColumns(invocation: Invocation) {
  const { requestId, source, teamId, channelId, userId, userName, text } = invocation;
  return { requestId, source, teamId, channelId, userId, userName, text };
}
