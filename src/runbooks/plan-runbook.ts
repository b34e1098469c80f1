import type { Invocation, Plan, Risk } from '../pipeline/command.js';
import { UserError } from '../pipeline/user-error.js';
import type { CheckedRunbook } from './check-runbooks.js';
import type { RunArguments } from './runbook.js';
import { prepareStep, stepInvocation, type StepDependencies } from './run-step.js';
import { runSteps, type RunStep } from './run-steps.js';

/** A step of a run with its plan now, or why it is planned only when reached (`later`). */
export interface PlannedStep {
  step: RunStep;
  plan?: Plan;
  risk?: Risk;
  later?: string;
}

/**
 * Plans every step of `runbook` with `args` as `invocation`'s person (authorized now, so nobody starts
 * a run whose steps they could not type); a step whose plan can't be made yet (it depends on an earlier
 * step, `plannedWhenReached`) says why in `later`. A step that can only be planned here is planned as its command
 * plans alone.
 * @throws UserError when a step is refused (roles, arguments), or its command refuses it now (`precondition`:
 * a value outside an allow-list) and the step does not depend on earlier ones: the run would stop there.
 */
export async function planRunbook(
  checked: CheckedRunbook,
  args: RunArguments,
  invocation: Invocation,
  deps: StepDependencies,
): Promise<PlannedStep[]> {
  const planned: PlannedStep[] = [];
  for (const [index, step] of runSteps(checked, args).entries()) {
    if (step.kind !== 'command') {
      planned.push({ step, plan: undefined, later: undefined });
      continue;
    }
    // A refusal of the line itself (roles, arguments) stops the request; the command's plan refusing
    // (`invalidate electro` before the run's `channel add electro`) may depend on an earlier step.
    const stage: { planning?: boolean } = {};
    try {
      const ready = await prepareStep(
        stepInvocation(invocation, invocation.requestId, step.line),
        step.words!,
        deps,
        {},
        stage,
      );
      planned.push({ step, plan: ready.plan, risk: ready.prepared.risk, later: undefined });
    } catch (error) {
      if (
        !(error instanceof UserError) ||
        (!stage.planning && (error.code === 'denied' || error.code === 'usage' || error.code === 'unknown_command'))
      )
        throw error;
      if (stage.planning && error.code === 'precondition' && !step.plannedWhenReached)
        throw new UserError('precondition', `Step ${index + 1} (\`${step.line}\`) is refused: ${error.message}`);
      planned.push({ step, plan: undefined, later: error.message });
    }
  }
  return planned;
}
