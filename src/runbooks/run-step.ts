import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import { integrationsForRun } from '../integrations/run-view.js';
import type { Directory } from '../pipeline/authorize.js';
import { dependencyNames } from '../pipeline/check-needs.js';
import type { Invocation, Plan, Source } from '../pipeline/command.js';
import { deadlineError } from '../pipeline/deadline-error.js';
import { withDryRun } from '../pipeline/dry-run-args.js';
import type { Execution, Executor } from '../pipeline/execute.js';
import { prepareInvocation, type PartialInvocation, type PreparedInvocation } from '../pipeline/prepare-invocation.js';
import { presentPlan } from '../pipeline/present-plan.js';
import type { Registry } from '../pipeline/registry.js';
import type { Reply } from '../pipeline/reply.js';
import { runWithDeadline } from '../pipeline/run-with-deadline.js';
import { UserError } from '../pipeline/user-error.js';

export interface StepDependencies {
  registry: Registry;
  config: RadioConfig;
  integrations: Integrations;
  directory: Directory;
  executor: Executor;
}

/** Who a run acts for: the requester, as stored with the run. */
export interface Requester {
  userId: string;
  userName?: string;
  source: string;
  teamId?: string;
  channelId?: string;
}

/** A step's command line prepared as the requester (parsed, validated, authorized) and planned now. */
export interface PreparedStep {
  prepared: PreparedInvocation;
  plan?: Plan;
}

export const stepInvocation = (requester: Requester, requestId: string, line: string): Invocation => ({
  requestId,
  source: requester.source as Source,
  userId: requester.userId,
  userName: requester.userName,
  teamId: requester.teamId,
  channelId: requester.channelId,
  text: line,
});

/**
 * Prepares `words` as the dispatcher would for a typed line (parse, look up, validate, authorize as the
 * requester, the modules it needs), then plans it under the command deadline; the plan's `escalate`
 * raises the risk. `known` is filled in as steps pass (for the audit row of a refusal); `stage.planning` is
 * set once the line passed (parsed, validated, authorized) and only the command's own plan is left. A command
 * that can only be planned here (`prepared.forcedDryRun`) is planned all the same, as when typed alone.
 *
 * @throws UserError as the dispatcher's steps do; `timeout` when the plan got no answer in time.
 */
export async function prepareStep(
  invocation: Invocation,
  words: readonly string[],
  deps: StepDependencies,
  known: PartialInvocation = {},
  stage: { planning?: boolean } = {},
): Promise<PreparedStep> {
  const prepared = await prepareInvocation(invocation, deps, known, words);
  stage.planning = true;
  const { command } = prepared;
  // Plan-only here (`forcedDryRun`): planned as the command plans alone, so the run shows the exact calls.
  if (!command.plan) {
    if (prepared.forcedDryRun)
      throw new UserError('not_configured', `\`${command.name}\` can't run here: ${prepared.forcedDryRun}`);
    return { prepared };
  }
  const ran = await runWithDeadline(
    (signal) =>
      command.plan!({
        args: prepared.args,
        config: deps.config,
        integrations: integrationsForRun(deps.integrations, signal),
        invocation,
        idempotencyKey: invocation.requestId,
        reason: prepared.reason,
        signal,
      }),
    { deadlineMs: deps.config.deadlines.command },
  );
  if (ran.kind === 'threw') throw ran.error;
  if (ran.kind !== 'done')
    throw deadlineError(
      { invocation, command: command.name, risk: 'read', waitingOn: dependencyNames(command) },
      deps.config.deadlines.command,
    );
  if (ran.result.escalate) prepared.risk = known.risk = ran.result.escalate.risk;
  return { prepared, plan: ran.result };
}

/** How a command step ended: its reply, or why not; `unknown` when a write was cut off and may have happened. */
export type StepOutcome = { status: 'succeeded'; reply: Reply } | { status: 'failed' | 'unknown'; error: string };

/**
 * Runs one command step through the one execution function, as its own execution (`requestId`) whose parent
 * is the run (`parentRequestId`) and whose approval is the run's (or the step's own). Planned again just
 * before running; a destructive step without an approval is refused. A step that can only be planned here
 * runs as a dry run (its reply is the plan; nothing is called), as a plain command's approved run does.
 * `step.words` are what runs; `step.line` is the text its audit rows carry (the run and step named: `stepText`
 * in src/runbooks/step-audit.ts). Never throws.
 */
export async function runCommandStep(
  requester: Requester,
  step: { requestId: string; line: string; words: readonly string[] },
  chain: { parentRequestId: string; approvalId?: string },
  deps: StepDependencies,
): Promise<StepOutcome> {
  const invocation = stepInvocation(requester, step.requestId, step.line);
  const known: PartialInvocation = {};
  const execution = (): Execution => ({
    invocation,
    command: known.command?.name,
    args: known.args,
    risk: known.risk,
    reason: known.reason,
    chain: { ...chain, ...(chain.approvalId ? { requesterId: requester.userId } : {}) },
    waitingOn: known.command ? dependencyNames(known.command) : [],
  });
  let ready: PreparedStep;
  try {
    ready = await prepareStep(invocation, step.words, deps, known);
    if (ready.prepared.risk === 'destructive' && !chain.approvalId)
      throw new UserError(
        'denied',
        'This step is destructive and the run was not approved by a second person. Nothing was done.',
      );
  } catch (error) {
    const refused = await deps.executor.refuse(execution(), error);
    return { status: 'failed', error: refused.message };
  }
  const { command, args, reason, forcedDryRun } = ready.prepared;
  // As a plain command's approved run where it can only be planned: audited as a dry run, nothing called.
  if (forcedDryRun) known.args = withDryRun(args);
  const outcome = await deps.executor.execute(
    execution(),
    async (signal) => {
      if (forcedDryRun) return presentPlan(command.name, { ...ready.plan!, escalate: undefined }, forcedDryRun);
      const result: unknown = await command.run({
        args,
        config: deps.config,
        integrations: integrationsForRun(deps.integrations, signal),
        invocation,
        plan: ready.plan,
        idempotencyKey: invocation.requestId,
        reason,
        signal,
      });
      return command.present(result, args);
    },
    { capacity: 'reserved' },
  );
  if (outcome.status === 'succeeded') return { status: 'succeeded', reply: outcome.result };
  return { status: outcome.code === 'outcome_unknown' ? 'unknown' : 'failed', error: outcome.message };
}
