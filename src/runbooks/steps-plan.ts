import type { Plan } from '../pipeline/command.js';
import type { PlannedStep } from './plan-runbook.js';

/** What a run's plan keeps per step, for `recheck` at approval time. */
export interface StepPlans {
  steps: { line: string; command?: string; plan?: Plan }[];
}

/** "steps 3, 4 and 7" */
const stepList = (positions: readonly number[]) =>
  `step${positions.length === 1 ? '' : 's'} ${
    positions.length === 1 ? positions[0] : `${positions.slice(0, -1).join(', ')} and ${positions.at(-1)}`
  }`;

/** What the run is made of, in words: the calls planned now, the steps planned when reached, the manual steps and waits. */
function outlineOf(planned: readonly PlannedStep[], calls: number): string {
  const later = planned.flatMap(({ later }, index) => (later ? [index + 1] : []));
  const manual = planned.filter(({ step }) => step.kind === 'manual').length;
  const waits = planned.filter(({ step }) => step.kind === 'wait').length;
  const said = [
    calls === 0 ? 'no call planned now' : `${calls} call${calls === 1 ? '' : 's'} planned now`,
    ...(later.length > 0 ? [`${stepList(later)} planned when reached`] : []),
    ...(manual > 0 ? [`${manual} manual step${manual === 1 ? '' : 's'}`] : []),
    ...(waits > 0 ? [`${waits} wait${waits === 1 ? '' : 's'}`] : []),
  ];
  return `${planned.length} step${planned.length === 1 ? '' : 's'}: ${said.join(', ')}`;
}

/**
 * A run's plan from its steps' plans (pure): each step on a line (with the calls its plan makes), a manual
 * step's text after its first line as a snippet, every step's calls and warnings in order, an outline so
 * "nothing to change" is never said of steps planned later, and the first step's escalation.
 */
export function stepsPlan(planned: readonly PlannedStep[]): Plan<StepPlans> {
  const current: [string, string][] = [];
  const snippets: string[] = [];
  const warnings: string[] = [];
  let escalate: Plan['escalate'];
  planned.forEach(({ step, plan, later }, index) => {
    const n = `Step ${index + 1}`;
    const [first = '', ...rest] = step.line.split('\n');
    const snippet = step.kind === 'manual' && rest.join('\n').trim() !== '' ? rest.join('\n') : undefined;
    if (snippet) snippets.push(snippet);
    const calls = [...new Set((plan?.calls ?? []).map((call) => `${call.service} ${call.operation}`))];
    current.push([
      n,
      step.kind === 'manual'
        ? `manual: ${first}${!snippet ? '' : first.endsWith(':') ? ' see the snippet below' : ' (see the snippet below)'}`
        : step.kind === 'wait'
          ? `wait until ${step.line}`
          : `${step.line}${calls.length > 0 ? ` (${calls.join(', ')})` : ''}`,
    ]);
    if (later) warnings.push(`${n} is planned when it is reached: ${later}`);
    if (step.ownApproval) warnings.push(`${n} asks for its own approval when it is reached (\`runbook proceed\`).`);
    for (const warning of plan?.warnings ?? []) warnings.push(`${n}: ${warning}`);
    if (plan?.escalate && !escalate)
      escalate = { risk: 'destructive', because: `step ${index + 1}: ${plan.escalate.because}` };
  });
  const calls = planned.flatMap(({ plan }) => plan?.calls ?? []);
  return {
    current,
    calls,
    warnings,
    outline: outlineOf(planned, calls.length),
    ...(snippets.length > 0 ? { snippets } : {}),
    ...(escalate ? { escalate } : {}),
    state: { steps: planned.map(({ step, plan }) => ({ line: step.line, plan })) },
  };
}
