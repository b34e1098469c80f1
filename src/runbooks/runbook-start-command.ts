import type { RadioConfig } from '../config/radio-config.js';
import { bindArguments } from '../pipeline/bind-arguments.js';
import { defineCommand, type AnyCommand, type Plan, type Risk } from '../pipeline/command.js';
import type { Registry } from '../pipeline/registry.js';
import { codeSpan, note, rich, text } from '../pipeline/reply.js';
import { resolveCommand } from '../pipeline/resolve-command.js';
import type { StartedResult } from '../pipeline/started-result.js';
import { UserError } from '../pipeline/user-error.js';
import type { CheckedRunbook } from './check-runbooks.js';
import { argumentsSchema, type Runbook, type RunArguments } from './runbook.js';
import type { RunbookEngine } from './runbook-engine.js';
import type { RunRow } from './run-rows.js';
import { planOnlyBanner } from './plan-only.js';
import { nothingToRun, runSteps } from './run-steps.js';
import { stepsPlan, type StepPlans } from './steps-plan.js';
import { lineOf } from './substitute.js';

/** Filled in by the composition root once the engine exists (it needs the registry these commands are in). */
export interface RunbookHost {
  engine?: RunbookEngine;
}

export function engineOf(host: RunbookHost): RunbookEngine {
  if (!host.engine)
    throw new UserError('not_configured', 'Runbooks are not available here (they need the bot database).');
  return host.engine;
}

const RANK: Record<Risk, number> = { read: 0, write: 1, destructive: 2 };

/** `runbook new-channel <slug> --name <name>`: positional arguments in order, then flags. */
export function runbookUsage(runbook: Runbook): string {
  const words = runbook.arguments.map((argument) => {
    const value = argument.type === 'boolean' ? '' : ` <${argument.name}>`;
    const shown = argument.flag ? `--${argument.name}${value}` : `<${argument.name}>`;
    return argument.required ? shown : `[${shown}]`;
  });
  return [`runbook ${runbook.name}`, ...words].join(' ');
}

/** `runbook dr restore --snapshot rds:… --rebuild-host`: every argument with its example, quoted only where needed. */
export function runbookExample(runbook: Runbook): string {
  const words = runbook.arguments.flatMap((a) => {
    if (a.type === 'boolean') return [`--${a.name}`];
    return a.flag ? [`--${a.name}`, a.example ?? ''] : [a.example ?? ''];
  });
  return lineOf(['runbook', ...runbook.name.split(' '), ...words]);
}

/**
 * The highest risk of the run's command steps with these arguments (pure: the registry and config). A run
 * of reads and writes needs no approval; one destructive step puts the whole run to a second person.
 * @throws UserError (`usage`) naming the step whose command line the arguments make invalid.
 */
export function runRisk(checked: CheckedRunbook, args: RunArguments, registry: Registry, config: RadioConfig): Risk {
  let highest: Risk = 'read';
  const steps = runSteps(checked, args);
  if (steps.length === 0)
    throw new UserError('usage', nothingToRun(checked.runbook), [`Usage: /radio ${runbookUsage(checked.runbook)}`]);
  steps.forEach((step, index) => {
    if (step.kind !== 'command') return;
    try {
      const { command, rest } = resolveCommand(registry, step.words!);
      const risk = step.ownApproval ? 'destructive' : command.risk(bindArguments(command, rest).args, config);
      if (RANK[risk] > RANK[highest]) highest = risk;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new UserError('usage', `Step ${index + 1} (\`${step.line}\`): ${error.message}`, [
        `Usage: /radio ${runbookUsage(checked.runbook)}`,
      ]);
    }
  });
  // Starting a run writes (its rows, its card) even when every step only reads.
  return highest === 'read' ? 'write' : highest;
}

/** The started run as the start answers (and an approval stores it): it started, not done; and the banner. */
type RunStarted = RunRow & StartedResult & { banner?: string };

/**
 * `runbook <name> …`: one command per runbook, so the registry parses and validates its arguments like any
 * command's. Its plan is every step's plan in order; its run starts the run and answers at once.
 */
export function runbookStartCommand(checked: CheckedRunbook, registry: () => Registry, host: RunbookHost): AnyCommand {
  const { runbook } = checked;
  return defineCommand({
    name: `runbook ${runbook.name}`,
    usage: runbookUsage(runbook),
    summary: `Runbook: ${runbook.summary}`,
    examples: [runbookExample(runbook)],
    positional: runbook.arguments.filter((a) => !a.flag).map((a) => a.name),
    flags: Object.fromEntries(runbook.arguments.filter((a) => a.flag).map((a) => [a.name, a.type])),
    args: argumentsSchema(runbook),
    risk: (args, config) => runRisk(checked, args, registry(), config),
    // The answer is "started run …"; the run audits its real end under this request (run-reporting.ts).
    auditsOwnEnd: true,
    async plan({ args, invocation, integrations }): Promise<Plan<StepPlans>> {
      const planned = await engineOf(host).plan(checked, args, invocation);
      const plan = stepsPlan(planned);
      const banner = planOnlyBanner(
        planned.map(({ step }) => step),
        registry(),
        integrations,
      );
      return banner ? { ...plan, partlyPlanOnly: banner } : plan;
    },
    recheck(then, now) {
      const before = (then.state as StepPlans).steps;
      for (const [index, step] of (now.state as StepPlans).steps.entries()) {
        const earlier = before[index]?.plan;
        if (!earlier || !step.plan) continue;
        const command = registry().resolve(step.line.split(' '))?.command;
        const changed = command?.recheck?.(earlier, step.plan);
        if (changed) return `Step ${index + 1} (\`${step.line}\`): ${changed}`;
      }
      return undefined;
    },
    async run({ args, invocation, idempotencyKey, integrations }): Promise<RunStarted> {
      const run = await engineOf(host).start(
        checked,
        args,
        invocation,
        idempotencyKey === invocation.requestId ? undefined : idempotencyKey,
      );
      const banner = planOnlyBanner(runSteps(checked, args), registry(), integrations);
      return { ...run, started: `run ${run.id}`, ...(banner ? { banner } : {}) };
    },
    present: (run: RunStarted) => ({
      summary: `Runbook ${run.runbook} started: ${run.id}`,
      visibility: 'in_channel',
      parts: [
        ...(run.banner ? [note(run.banner)] : []),
        text(
          rich`Runbook ${codeSpan(run.runbook)} started: run ${run.id}. Its card shows each step; ${codeSpan(`runbook status ${run.id}`)} shows it here.`,
        ),
      ],
    }),
  });
}
