import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuditEvent } from '../audit/audit-log.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import type { Directory } from './authorize.js';
import type { Invocation, Plan } from './command.js';
import { describeFailure } from './describe-failure.js';
import { errorReply } from './error-reply.js';
import { prepareInvocation, type PartialInvocation, type PreparedInvocation } from './prepare-invocation.js';
import { presentPlan } from './present-plan.js';
import type { Registry } from './registry.js';
import { codeSpan, rich, text, type Reply } from './reply.js';
import { UserError, type UserErrorCode } from './user-error.js';

/** What a front door hands in: who asked, where, and the text as typed. */
export type DispatchRequest = Omit<Invocation, 'requestId'> & { requestId?: string };

/** How an invocation ended; the front door only renders `reply` (and the shell maps `status` to an exit code). */
export type DispatchOutcome =
  | { status: 'succeeded'; requestId: string; command: string; result: unknown; reply: Reply; forcedDryRun?: string }
  | { status: 'refused'; requestId: string; code: UserErrorCode; reply: Reply }
  | { status: 'failed'; requestId: string; command?: string; reference?: string; reply: Reply }
  | { status: 'pending'; requestId: string; approvalId: string; reply: Reply };

export interface DispatcherDependencies {
  registry: Registry;
  config: RadioConfig;
  integrations: Integrations;
  directory: Directory;
  log: Logger;
  /** Milliseconds since an arbitrary origin; injected so tests need no wall clock. */
  now?: () => number;
}

/** UserErrors from `run` that refuse what was asked rather than report a failure of doing it. */
const REFUSALS: ReadonlySet<UserErrorCode> = new Set(['denied', 'usage', 'unknown_command']);

type AuditStep = Omit<AuditEvent, keyof Invocation | 'requestId'> & Partial<AuditEvent>;

/**
 * The one pipeline every front door uses: parse, look up, validate, authorize, plan, audit `started`,
 * run, audit the outcome, present. Nothing skips a step; policy lives here, not in front doors.
 */
export function createDispatcher(deps: DispatcherDependencies) {
  const { config, integrations, log } = deps;
  const now = deps.now ?? (() => performance.now());

  return async function dispatch(request: DispatchRequest): Promise<DispatchOutcome> {
    const invocation: Invocation = { ...request, requestId: request.requestId ?? randomUUID() };
    const audit = (event: AuditStep) => integrations.audit.append({ ...invocationColumns(invocation), ...event });
    const known: PartialInvocation = {};
    let prepared: PreparedInvocation;
    let plan: Plan | undefined;
    try {
      prepared = await prepareInvocation(invocation, deps, known);
      const context = { args: prepared.args, config, integrations, invocation, idempotencyKey: invocation.requestId, reason: prepared.reason };
      plan = prepared.command.plan ? await prepared.command.plan(context) : undefined;
      if (prepared.dryRun && !plan) {
        throw new UserError('not_configured', `\`${prepared.command.name}\` can't run here: ${prepared.forcedDryRun ?? 'it has no dry-run'}`);
      }
      if (plan?.escalate && !prepared.dryRun) prepared.risk = known.risk = plan.escalate.risk;
      if (prepared.risk === 'destructive' && !prepared.dryRun) {
        if (!integrations.approvals || !plan) {
          throw new UserError('denied', `\`${prepared.command.name}\` with these arguments is destructive and needs a second person's approval, which is not available here. Nothing was done.`);
        }
        const record = await integrations.approvals.request(invocation, prepared.command.name, prepared.args, plan, prepared.reason);
        return { status: 'pending', requestId: invocation.requestId, approvalId: record.id, reply: pendingReply(record.id, prepared.command.name) };
      }
    } catch (error) {
      const refused = error instanceof UserError;
      const outcome = !refused ? 'failed' : error.code === 'denied' ? 'denied' : 'invalid';
      const message = error instanceof Error ? error.message : String(error);
      await audit({ command: known.command?.name, args: known.args, risk: known.risk, reason: known.reason, outcome, error: message })
        .catch((auditError: unknown) => log.error({ err: auditError, requestId: invocation.requestId }, 'audit row for a refusal could not be written'));
      if (!refused) return fail(error, invocation, known.command?.name);
      return { status: 'refused', requestId: invocation.requestId, code: error.code, reply: errorReply(error) };
    }

    const { command, args, risk, reason, dryRun } = prepared;
    const base = { command: command.name, args: dryRun ? { ...(args as object), dryRun: true } : args, risk, reason };
    try {
      await audit({ ...base, outcome: 'started' });
    } catch (error) {
      log.error({ err: error, requestId: invocation.requestId }, 'audit started row could not be written; not running');
      return fail(new UserError('unavailable', 'The audit log could not be written, so nothing was run.'), invocation, command.name);
    }
    const started = now();
    try {
      let result: unknown;
      let reply: Reply;
      if (dryRun && plan) {
        result = plan;
        reply = presentPlan(command.name, plan, prepared.forcedDryRun);
      } else {
        result = await command.run({ args, config, integrations, invocation, plan, idempotencyKey: invocation.requestId, reason });
        reply = command.present(result, args);
      }
      await appendOutcome({ ...base, outcome: 'succeeded', durationMs: now() - started });
      return { status: 'succeeded', requestId: invocation.requestId, command: command.name, result, reply, forcedDryRun: prepared.forcedDryRun };
    } catch (error) {
      const shown = error instanceof Error ? error.message : String(error);
      const denied = error instanceof UserError && REFUSALS.has(error.code);
      const refusedAs = error instanceof UserError && error.code === 'denied' ? 'denied' : 'invalid';
      await appendOutcome({ ...base, outcome: denied ? refusedAs : 'failed', error: shown, durationMs: now() - started });
      if (denied) return { status: 'refused', requestId: invocation.requestId, code: error.code, reply: errorReply(error) };
      return fail(error, invocation, command.name);
    }

    async function appendOutcome(event: AuditStep) {
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
      reply: errorReply(new UserError('unavailable', `${describeFailure(error) ?? 'Something went wrong.'} Reference: ${reference}`)),
    };
  }
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function pendingReply(approvalId: string, command: string): Reply {
  return {
    summary: `Approval requested for ${command}: ${approvalId}`,
    visibility: 'ephemeral',
    parts: [text(rich`${codeSpan(command)} is destructive: it waits for a second person's approval (request ${approvalId}). Nothing was done yet.`)],
  };
}

function invocationColumns(invocation: Invocation) {
  const { requestId, source, teamId, channelId, userId, userName, text } = invocation;
  return { requestId, source, teamId, channelId, userId, userName, text };
}
