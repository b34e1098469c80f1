import type { Integrations } from '../integrations/integrations.js';
import type { Registry } from '../pipeline/registry.js';

/** A run's step as far as this needs it: a `RunStep` before the run is stored, a `StepRow` after. */
interface StepWords {
  kind: 'command' | 'wait' | 'manual';
  words?: readonly string[] | null;
}

/**
 * The "Dry run only" banner of a run whose command steps can only be planned in this process (no AWS
 * credentials, `aws.mode: dry-run`): why, in each command's own words (`dryRunOnly`), and which steps
 * (1-based), which then run as dry runs and change nothing. `undefined` when every step may run.
 */
export function planOnlyBanner(
  steps: readonly StepWords[],
  registry: Registry,
  integrations: Integrations,
): string | undefined {
  const reasons = new Set<string>();
  const positions: number[] = [];
  steps.forEach((step, index) => {
    if (step.kind !== 'command' || !step.words?.length) return;
    const why = registry.resolve(step.words)?.command.dryRunOnly?.(integrations);
    if (!why) return;
    reasons.add(why);
    positions.push(index + 1);
  });
  if (positions.length === 0) return undefined;
  const which = positions.length === 1 ? `Step ${positions[0]}` : `Steps ${listed(positions)}`;
  const verbs = positions.length === 1 ? 'only plans here and changes' : 'only plan here and change';
  return `Dry run only: ${[...reasons].join(' ')} ${which} ${verbs} nothing.`;
}

const listed = (numbers: readonly number[]) =>
  numbers.length === 1 ? String(numbers[0]) : `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
