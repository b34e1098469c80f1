import type { Tone } from '../pipeline/reply.js';
import type { RunRow } from './run-rows.js';
import type { StepRow } from './step-rows.js';

/**
 * How a run stands, in words, from its row and its steps. The stored `status` says only where the engine is
 * (`succeeded`: it got past its last step); a run that got there by skipping steps did not do all it was asked,
 * so it never reads (or is audited) as a success.
 */
export interface RunOutcome {
  /** The card's heading word(s): `done`, `ended with 1 of 3 steps skipped`, `aborted at step 2 of 3`. */
  label: string;
  tone: Tone;
  /** A verb phrase after the run (`Run run_… <said>`, `… it <said>`): `succeeded`, `was aborted at step 2 of 3`. */
  said: string;
  /** Where the run is: `step 2 of 3`. */
  at: string;
  /** Steps done (succeeded) and skipped, of all. */
  done: number;
  skipped: number;
  total: number;
}

/** Pure. `steps` are the run's, in order. */
export function runOutcome(run: RunRow, steps: readonly StepRow[]): RunOutcome {
  const total = steps.length;
  const done = steps.filter((step) => step.status === 'succeeded').length;
  const skipped = steps.filter((step) => step.status === 'skipped').length;
  const at = `step ${Math.min(run.current_step + 1, total)} of ${total}`;
  const counts = { at, done, skipped, total };
  switch (run.status) {
    case 'running':
      return { label: 'running', tone: 'info', said: 'is running', ...counts };
    case 'waiting': {
      const approval = steps[run.current_step]?.status === 'waiting-approval';
      const who = approval ? "for a step's own approval" : 'for a person';
      return { label: `waiting ${who}`, tone: 'warning', said: `is waiting ${who} at ${at}`, ...counts };
    }
    case 'stopped':
      return { label: 'stopped: a person decides', tone: 'error', said: `stopped at ${at}`, ...counts };
    case 'aborted':
      return { label: `aborted at ${at}`, tone: 'warning', said: `was aborted at ${at}`, ...counts };
    case 'succeeded':
      return skipped === 0
        ? { label: 'done', tone: 'success', said: 'succeeded', ...counts }
        : {
            label: `ended with ${skipped} of ${total} steps skipped`,
            tone: 'warning',
            said: `ended with ${skipped} of ${total} steps skipped`,
            ...counts,
          };
  }
}

/** The positions (1-based) of the skipped steps: `step 2` or `steps 2, 4`. */
export function skippedSteps(steps: readonly StepRow[]): string {
  const numbers = steps.filter((step) => step.status === 'skipped').map((step) => step.position + 1);
  return `${numbers.length === 1 ? 'step' : 'steps'} ${numbers.join(', ')}`;
}
