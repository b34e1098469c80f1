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
import type { RunRow, RunStatus } from './run-rows.js';
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

const RUN: Record<RunStatus, { label: string; tone: Tone }> = {
  running: { label: 'running', tone: 'info' },
  waiting: { label: 'waiting for a person', tone: 'warning' },
  stopped: { label: 'stopped: a person decides', tone: 'error' },
  succeeded: { label: 'done', tone: 'success' },
  aborted: { label: 'aborted', tone: 'warning' },
};

function durationOf(step: StepRow, now: Date): string {
  if (!step.started_at) return '';
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
 * skipped) with durations, and what a person can do next. Pure: `now` only measures running steps.
 */
export function runbookCard(run: RunRow, steps: readonly StepRow[], now: Date): Reply {
  const state = RUN[run.status];
  const done = steps.filter((step) => step.status === 'succeeded' || step.status === 'skipped').length;
  return {
    summary: `Runbook ${run.runbook} (${run.id}): ${state.label}, ${done} of ${steps.length} steps done`,
    visibility: 'in_channel',
    parts: [
      heading(`Runbook ${run.runbook}: ${state.label}`, state.tone),
      fields(['Run', run.id], ['Asked as', run.text], ['Steps done', `${done} of ${steps.length}`]),
      text(rich`Requested by ${mention(run.requester_id)}`),
      ...steps.map((step) => stepLine(step, now)),
      ...nextActions(run, steps),
    ],
  };
}

/** The requester's notice when a run ends (in the card's thread, mentioning them). */
export function runEndedNotice(run: RunRow): Reply {
  const state = RUN[run.status];
  return {
    summary: `Runbook ${run.runbook} (${run.id}) ${state.label}`,
    visibility: 'in_channel',
    parts: [
      text(
        rich`${mention(run.requester_id)} runbook ${codeSpan(run.runbook)} (${run.id}) ended: ${state.label}.`,
        state.tone,
      ),
    ],
  };
}
