import type { Reply, ReplyPart } from '../pipeline/reply.js';
import { renderTerminal } from '../render/terminal.js';
import type { RunbookNotifier } from '../runbooks/run-reporting.js';
import type { RunRow } from '../runbooks/run-rows.js';
import { nextActions, stepLine } from '../runbooks/runbook-card.js';
import type { StepRow } from '../runbooks/step-rows.js';

/** A run's steps as they are now, and the engine's now (durations): the runbook engine's `status`. */
export type ReadRunSteps = (id: string) => Promise<{ steps: readonly StepRow[]; now: Date } | undefined>;

/**
 * Runbook progress in the shell. A terminal has no card to edit, so each change of a run is printed once, as
 * it happens, in the card's own words: a step's line when its state changes (running, done, what a wait saw,
 * failed), a step's output (the card's thread), and when the run rests (waits for a person, stopped, ended)
 * the card's summary and what to type next (`runbook confirm run_…`). Each line names its run, so lines of
 * two runs can be told apart.
 *
 * @param print writes one block of lines (no trailing newline).
 * @param read reads the run's steps when its card changes (the card itself is for Slack).
 */
export function createTerminalRunbookNotifier(print: (text: string) => void, read: ReadRunSteps): RunbookNotifier {
  // Per run: what was printed last for each step (and for the run), so only changes are printed.
  const shown = new Map<string, Map<string, string>>();
  return {
    async post(run) {
      shown.set(run.id, new Map());
      return { channel: 'shell', ts: run.id };
    },
    async update(run, card) {
      const now = await read(run.id);
      if (!now) return;
      const seen = shown.get(run.id) ?? new Map<string, string>();
      shown.set(run.id, seen);
      const lines = runProgress(run, now.steps, now.now, seen, card.summary);
      if (lines.length > 0) print(lines.join('\n'));
    },
    async thread(_run, reply) {
      print(renderTerminal(reply));
    },
  };
}

const asReply = (parts: ReplyPart[]): Reply => ({ summary: '', visibility: 'in_channel', parts });

/** The lines that changed since `seen` (which it updates): steps whose state changed, then the run's rest. */
function runProgress(
  run: RunRow,
  steps: readonly StepRow[],
  now: Date,
  seen: Map<string, string>,
  summary: string,
): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    const key = [step.status, step.last_state, step.error].join('\n');
    if (step.status === 'pending' || seen.get(`step ${step.position}`) === key) continue;
    seen.set(`step ${step.position}`, key);
    lines.push(`${run.id} ${renderTerminal(asReply([stepLine(step, now)]))}`);
  }
  const runKey = `${run.status} ${run.current_step}`;
  if (seen.get('run') === runKey) return lines;
  seen.set('run', runKey);
  if (run.status === 'running') return lines;
  lines.push(summary);
  const actions = nextActions(run, steps);
  if (actions.length > 0) lines.push(renderTerminal(asReply(actions)));
  if (run.status === 'waiting' && steps[run.current_step]?.status === 'waiting-approval')
    lines.push(
      `Step ${run.current_step + 1} needs its own approval: \`runbook proceed ${run.id}\` asks a second person for it; \`runbook abort ${run.id}\` ends the run.`,
    );
  return lines;
}
