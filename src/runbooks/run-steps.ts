import type { Runbook, RunArguments } from './runbook.js';
import type { CheckedRunbook } from './check-runbooks.js';
import { lineOf, substitute, substituteWords } from './substitute.js';

/** A step of one run: the template with the run's arguments substituted. */
export interface RunStep {
  kind: 'command' | 'wait' | 'manual';
  /** The command line or wait condition as people read it, or the manual step's text. */
  line: string;
  /** Command and wait steps: the words, substituted one by one (never re-split). */
  words?: string[];
  ownApproval: boolean;
  /** A command step whose plan depends on earlier steps (`plannedWhenReached` in the runbook). */
  plannedWhenReached?: boolean;
  everyMs?: number;
  timeoutMs?: number;
}

/**
 * The steps a run of `checked` with `args` has: those `when` an optional argument was not given are left
 * out (`scale-up --db db.r6g.large` resizes only the database). Pure.
 */
export function runSteps(checked: CheckedRunbook, args: Readonly<RunArguments>): RunStep[] {
  return checked.steps
    .filter(({ step }) => (step.when ?? []).every((name) => args[name] !== undefined && args[name] !== false))
    .map(({ step, kind, words }) => {
      if ('manual' in step) return { kind, line: substitute(step.manual, args), ownApproval: false };
      const filled = substituteWords(words, args);
      return {
        kind,
        line: lineOf(filled),
        words: filled,
        ownApproval: 'approval' in step && step.approval === 'own',
        ...('command' in step && step.plannedWhenReached ? { plannedWhenReached: true } : {}),
        ...('wait' in step ? { everyMs: step.every, timeoutMs: step.timeout } : {}),
      };
    });
}

/**
 * Why a run with no steps is refused: every step waits for an optional argument (`scale-up` without
 * flags), so the refusal names them: "Give at least one of --db, --cache, --workers, --host: …".
 */
export function nothingToRun(runbook: Runbook): string {
  const names = [...new Set(runbook.steps.flatMap((step) => step.when ?? []))];
  const shown = names.map((name) =>
    runbook.arguments.find((argument) => argument.name === name)?.flag ? `--${name}` : `<${name}>`,
  );
  return names.length === 1
    ? `Give ${shown[0]}: without it the runbook has no steps to run.`
    : `Give at least one of ${shown.join(', ')}: without them the runbook has no steps to run.`;
}
