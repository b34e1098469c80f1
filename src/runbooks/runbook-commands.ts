import { z } from 'zod';
import { defineCommand, type AnyCommand, type Plan } from '../pipeline/command.js';
import type { Registry } from '../pipeline/registry.js';
import { codeSpan, note, rich, text, type Reply } from '../pipeline/reply.js';
import { UserError } from '../pipeline/user-error.js';
import type { CheckedRunbook } from './check-runbooks.js';
import { runbookCard, stepLabel } from './runbook-card.js';
import type { RunRow } from './run-rows.js';
import { unknownRunbookCommand } from './unknown-runbook.js';
import { engineOf, runbookStartCommand, runbookUsage, type RunbookHost } from './runbook-start-command.js';

const Id = z.object({ id: z.string().min(1).max(64) });

const told = (run: RunRow, what: string): Reply => ({
  summary: `Run ${run.id} ${what}`,
  visibility: 'in_channel',
  parts: [text(rich`Run ${run.id} (${codeSpan(`runbook ${run.runbook}`)}) ${what}.`)],
});

/** A decision on a run by id: `runbook confirm|retry|abort <id>`, writes an operator may make. */
function decision(verb: 'confirm' | 'retry' | 'abort', summary: string, what: string, host: RunbookHost) {
  return defineCommand({
    name: `runbook ${verb}`,
    usage: `runbook ${verb} <run-id>`,
    summary,
    examples: [`runbook ${verb} run_01JPA7Z3K8N2V4X6`],
    positional: ['id'],
    flags: {},
    args: Id,
    risk: () => 'write',
    run: ({ args, invocation }) => engineOf(host)[verb](args.id, invocation),
    present: (run: RunRow) => told(run, what),
  });
}

/** What a second person approves for a skip or a proceed: the run, the step and its state now. */
async function stepDecisionPlan(host: RunbookHost, id: string, wanted: string[]): Promise<Plan> {
  const found = await engineOf(host).currentStep(id);
  if (!found?.step) throw new UserError('precondition', `There is no runbook run \`${id}\` with a step to decide on.`);
  const { run, step } = found;
  if (!wanted.includes(step.status))
    throw new UserError(
      'precondition',
      `Step ${step.position + 1} of run ${id} has nothing to decide on (${stepLabel(step.status)}).`,
    );
  return {
    current: [
      ['Run', `${run.id} (runbook ${run.runbook})`],
      ['Step', `${step.position + 1}. ${step.line}`],
      ['Step status when asked', stepLabel(step.status)],
    ],
    calls: [],
    warnings: step.error ? [step.error] : [],
    state: { position: step.position, status: step.status },
  };
}

/** The step decided on is still where it was, in the same state (field by field: a stored plan comes back from jsonb re-ordered). */
function samePlace(then: Plan, now: Plan): string | undefined {
  const [a, b] = [then.state, now.state] as { position: number; status: string }[];
  return a?.position === b?.position && a?.status === b?.status
    ? undefined
    : 'the run has moved on since this was asked';
}

/**
 * The runbook commands: one `runbook <name>` per checked runbook, `runbooks`, `runbook status`, and the
 * decisions on a run (`confirm`, `retry`, `abort` by an operator; `skip` and `proceed` by a second person).
 */
export function runbookCommands(
  checked: readonly CheckedRunbook[],
  registry: () => Registry,
  host: RunbookHost,
  leftOut: readonly { name: string; why: string }[] = [],
): AnyCommand[] {
  const list = defineCommand({
    name: 'runbooks',
    usage: 'runbooks',
    summary: 'List the runbooks and their arguments',
    examples: ['runbooks'],
    positional: [],
    flags: {},
    args: z.object({}),
    risk: () => 'read',
    run: async () => checked.map(({ runbook }) => runbook),
    present: (runbooks): Reply => ({
      summary: `${runbooks.length} runbooks`,
      visibility: 'ephemeral',
      // One paragraph per runbook, its usage on a line of its own: a table column would cut the arguments.
      parts: [
        ...runbooks.map((r) =>
          text(rich`${codeSpan(runbookUsage(r))}\n${r.summary} (${String(r.steps.length)} steps)`),
        ),
        ...leftOut.map(({ name, why }) => note(`Not available here: ${name}: ${why}`, 'warning')),
      ],
    }),
  });
  const status = defineCommand({
    name: 'runbook status',
    usage: 'runbook status <run-id>',
    summary: 'Show a runbook run: its steps, their state and durations',
    examples: ['runbook status run_01JPA7Z3K8N2V4X6'],
    positional: ['id'],
    flags: {},
    args: Id,
    risk: () => 'read',
    async run({ args }) {
      const found = await engineOf(host).status(args.id);
      if (!found) throw new UserError('precondition', `There is no runbook run \`${args.id}\`.`);
      return found;
    },
    present: ({ run, steps, now, banner }) => ({
      ...runbookCard(run, steps, now, banner),
      visibility: 'ephemeral' as const,
    }),
  });
  const skip = defineCommand({
    name: 'runbook skip',
    usage: 'runbook skip <run-id>',
    summary: "Go on without a run's stopped step (a second person approves)",
    examples: ['runbook skip run_01JPA7Z3K8N2V4X6'],
    positional: ['id'],
    flags: {},
    args: Id,
    risk: () => 'destructive',
    plan: ({ args }) => stepDecisionPlan(host, args.id, ['failed', 'unknown', 'waiting-person', 'waiting-approval']),
    recheck: samePlace,
    run: ({ args, invocation }) => engineOf(host).skip(args.id, invocation),
    present: (run: RunRow) => told(run, 'goes on without the step'),
  });
  const proceed = defineCommand({
    name: 'runbook proceed',
    usage: 'runbook proceed <run-id>',
    summary: 'Let a run past a step that needs its own approval (a second person approves)',
    examples: ['runbook proceed run_01JPA7Z3K8N2V4X6'],
    positional: ['id'],
    flags: {},
    args: Id,
    risk: () => 'destructive',
    async plan({ args }) {
      const plan = await stepDecisionPlan(host, args.id, ['waiting-approval']);
      const stepPlan = await engineOf(host).planCurrentStep(args.id);
      return { ...plan, calls: stepPlan?.calls ?? [], warnings: [...plan.warnings, ...(stepPlan?.warnings ?? [])] };
    },
    recheck: samePlace,
    run: ({ args, invocation, idempotencyKey }) => engineOf(host).proceed(args.id, invocation, idempotencyKey),
    present: (run: RunRow) => told(run, 'goes on with the approved step'),
  });
  return [
    ...checked.map((one) => runbookStartCommand(one, registry, host)),
    unknownRunbookCommand(checked.map(({ runbook }) => runbook)),
    list,
    status,
    decision(
      'confirm',
      'Confirm that the manual step a run waits for is done',
      'goes on: the manual step is confirmed',
      host,
    ),
    decision('retry', "Run a run's stopped step again", 'runs the step again', host),
    decision('abort', 'End a run where it is; nothing is undone', 'is aborted', host),
    skip,
    proceed,
  ];
}
