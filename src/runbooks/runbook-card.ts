import { formatDuration } from '../config/duration.js';
import {
  code,
  codeSpan,
  fields,
  heading,
  mention,
  note,
  rich,
  text,
  type Reply,
  type ReplyButton,
  type ReplyPart,
  type Tone,
} from '../pipeline/reply.js';
import { runOutcome } from './run-outcome.js';
import type { RunRow } from './run-rows.js';
import type { StepRow, StepStatus } from './step-rows.js';

/** A step's state in the checklist's words, and how it is marked. */
const STEP: Record<StepStatus, { label: string; tone?: Tone }> = {
  pending: { label: 'to do' },
  running: { label: 'running', tone: 'info' },
  waiting: { label: 'waiting', tone: 'info' },
  'waiting-person': { label: 'waiting for a person', tone: 'warning' },
  'waiting-approval': { label: 'waiting for approval', tone: 'warning' },
  succeeded: { label: 'done', tone: 'success' },
  failed: { label: 'failed', tone: 'error' },
  unknown: { label: 'outcome unknown', tone: 'error' },
  skipped: { label: 'skipped', tone: 'warning' },
};

/** A step's state in the checklist's words (`done`, `to do`, `waiting for a person`). */
export const stepLabel = (status: StepStatus): string => STEP[status].label;

/** How long a step took (or has taken so far); none for a step that did not run (to do, skipped). */
function durationOf(step: StepRow, now: Date): string {
  if (!step.started_at || step.status === 'pending' || step.status === 'skipped') return '';
  const end = step.finished_at ?? now;
  return ` (${formatDuration(Math.max(0, end.getTime() - step.started_at.getTime()))})`;
}

/** A step's line of the checklist: its number, state, what it does, duration and error or what a wait saw. Pure. */
export function stepLine(step: StepRow, now: Date): ReplyPart {
  const { label, tone } = STEP[step.status];
  const what = step.kind === 'manual' ? 'manual step' : step.kind === 'wait' ? 'wait until' : 'run';
  const subject = step.kind === 'manual' ? [] : [' ', codeSpan(step.line)];
  const detail =
    step.status === 'failed' || step.status === 'unknown'
      ? step.error
      : step.status === 'waiting'
        ? step.last_state
        : null;
  const spans = [
    ...rich`${step.position + 1}. ${label}: ${what}`,
    ...subject,
    durationOf(step, now),
    ...(detail ? [`: ${detail}`] : []),
  ];
  return text(spans, tone);
}

/** A decision on the run as a button: pressed, it runs `<action> <run id>` as the presser. */
const decide = (run: RunRow, label: string, action: ReplyButton['action'], style?: ReplyButton['style']) => ({
  label,
  action,
  value: run.id,
  ...(style ? { style } : {}),
});

/** What a person can do now, as buttons (each the command line a terminal shows and a person may type). Pure. */
export function nextActions(run: RunRow, steps: readonly StepRow[]): ReplyPart[] {
  const current = steps[run.current_step];
  if (run.status === 'waiting' && current?.status === 'waiting-person')
    return [
      code(current.line),
      note('When it is done, confirm it; abort ends the run (nothing is undone).'),
      {
        kind: 'actions',
        buttons: [
          decide(run, 'Confirm', 'runbook confirm', 'primary'),
          decide(run, 'Abort', 'runbook abort', 'danger'),
        ],
      },
    ];
  if (run.status === 'stopped')
    return [
      note(
        "Retry runs the step again; skip goes on without it (needs a second person's approval); abort ends the run.",
      ),
      {
        kind: 'actions',
        buttons: [
          decide(run, 'Retry step', 'runbook retry', 'primary'),
          decide(run, 'Skip step', 'runbook skip'),
          decide(run, 'Abort', 'runbook abort', 'danger'),
        ],
      },
    ];
  return [];
}

/**
 * The progress card of a run: the steps as a checklist (done, running, waiting for a person, failed,
 * skipped) with durations (none for a step that did not run), and what a person can do next. The heading
 * says how the run stands in words (src/runbooks/run-outcome.ts): skipped steps never read as done. `banner`:
 * the "Dry run only" note of a run whose steps only plan in this process (src/runbooks/plan-only.ts). Pure:
 * `now` only measures running steps.
 */
export function runbookCard(run: RunRow, steps: readonly StepRow[], now: Date, banner?: string): Reply {
  const outcome = runOutcome(run, steps);
  const done = `${outcome.done} of ${outcome.total}`;
  return {
    summary: `Runbook ${run.runbook} (${run.id}): ${outcome.label}, ${done} steps done`,
    visibility: 'in_channel',
    parts: [
      heading(`Runbook ${run.runbook}: ${outcome.label}`, outcome.tone),
      ...(banner ? [note(banner)] : []),
      fields(
        ['Run', run.id],
        ['Asked as', run.text],
        ['Steps done', outcome.skipped ? `${done}, ${outcome.skipped} skipped` : done],
      ),
      text(rich`Requested by ${mention(run.requester_id)}`),
      ...steps.map((step) => stepLine(step, now)),
      ...nextActions(run, steps),
    ],
  };
}

/**
 * The requester's notice when a run ends (in the card's thread, mentioning them): how it really ended; with the run's
 * "Dry run only" `banner` (src/runbooks/plan-only.ts), which of its steps only planned and changed nothing.
 */
export function runEndedNotice(run: RunRow, steps: readonly StepRow[], banner?: string): Reply {
  const { said, tone } = runOutcome(run, steps);
  // Steps that could only plan here changed nothing: a run through them never reads as a plain success.
  if (banner && run.status === 'succeeded')
    return {
      summary: `Runbook ${run.runbook} (${run.id}) ended, in part as a dry run`,
      visibility: 'in_channel',
      parts: [
        text(
          rich`${mention(run.requester_id)} runbook ${codeSpan(run.runbook)} (${run.id}) ended. ${banner}`,
          'warning',
        ),
      ],
    };
  return {
    summary: `Runbook ${run.runbook} (${run.id}) ${said}`,
    visibility: 'in_channel',
    parts: [text(rich`${mention(run.requester_id)} runbook ${codeSpan(run.runbook)} (${run.id}) ${said}.`, tone)],
  };
}
