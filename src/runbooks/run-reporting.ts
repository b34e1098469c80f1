import type { Logger } from 'pino';
import type { CardNotifier } from '../approvals/approval-notifier.js';
import type { Executor } from '../pipeline/execute.js';
import type { Reply } from '../pipeline/reply.js';
import { runbookCard, runEndedNotice } from './runbook-card.js';
import { runOutcome, skippedSteps } from './run-outcome.js';
import type { RunRow } from './run-rows.js';
import type { RunStore } from './run-store.js';
import type { StepRow } from './step-rows.js';
import { stepInvocation, type Requester } from './run-step.js';

/**
 * Where a run's progress card lives: posted once, updated in place; results and the end in its thread. The
 * server's is the approval cards' rate-limited queue over Slack (src/approvals/queued-approval-notifier.ts).
 */
export type RunbookNotifier = CardNotifier<RunRow>;

/** Who a run acts for: its requester, as stored with the run. */
export const requesterOf = (run: RunRow): Requester => ({
  userId: run.requester_id,
  userName: run.requester_name ?? undefined,
  source: run.source,
  teamId: run.team_id ?? undefined,
  channelId: run.channel_id ?? undefined,
});

export interface RunReportingOptions {
  store: RunStore;
  notifier: RunbookNotifier;
  executor: Executor;
  owner: string;
  log: Logger;
  now: () => Date;
  /** The card's "Dry run only" banner for these steps (src/runbooks/plan-only.ts); none when absent. */
  banner?: (steps: readonly StepRow[]) => string | undefined;
}

/**
 * How a run is shown and closed: its card updated in place, replies in its thread, its end audited as the
 * last row of the run's request and told to the requester. A card Slack does not take is logged, never the
 * run's failure.
 */
export function createRunReporting({ store, notifier, executor, owner, log, now, banner }: RunReportingOptions) {
  async function refresh(run: RunRow): Promise<void> {
    const steps = await store.steps(run.id);
    await notifier
      .update(run, runbookCard(run, steps, now(), banner?.(steps)))
      .catch((error: unknown) => log.warn({ err: error, runId: run.id }, 'runbook card could not be updated'));
  }
  const thread = (run: RunRow, reply: Reply) =>
    notifier
      .thread(run, reply)
      .catch((error: unknown) => log.warn({ err: error, runId: run.id }, 'runbook thread reply not sent'));

  /**
   * The run's last audit row: the end of the request's own execution (same request id; its `started` row was
   * written when it was asked, and the answer "started run …" wrote no outcome). A run that skipped steps did not
   * do all it was asked: `failed`; one a person aborted is `cancelled`. The error says how it ended.
   */
  async function auditEnd(run: RunRow, steps: readonly StepRow[], abortedBy?: string) {
    const { said, skipped, at } = runOutcome(run, steps);
    const error =
      run.status === 'aborted'
        ? `aborted${abortedBy ? ` by ${abortedBy}` : ''} at ${at}; nothing was undone`
        : skipped > 0
          ? `${said}: ${skippedSteps(steps)}`
          : undefined;
    await executor.complete(
      {
        invocation: stepInvocation(requesterOf(run), run.request_id, `${run.id}: ${run.text}`),
        command: `runbook ${run.runbook}`,
        args: run.args,
        risk: run.approval_id ? 'destructive' : 'write',
        chain: { approvalId: run.approval_id ?? undefined },
      },
      run.status === 'aborted' ? 'cancelled' : error ? 'failed' : 'succeeded',
      error,
    );
  }

  /**
   * Audits a run that ended (got past its last step, or was aborted by `abortedBy`), updates its card and tells
   * its requester in the thread how it really ended.
   */
  async function ended(run: RunRow, abortedBy?: string): Promise<void> {
    const steps = await store.steps(run.id);
    await auditEnd(run, steps, abortedBy);
    await refresh(run);
    await thread(run, runEndedNotice(run, steps, banner?.(steps)));
  }

  /** Frees the run (this process's lease) in `status` and shows it; a run that ended is audited and its requester told. */
  async function settle(run: RunRow, status: RunRow['status'], change: { currentStep?: number; nextAt?: Date } = {}) {
    const ends = status === 'succeeded' || status === 'aborted';
    const released = await store.release(run.id, owner, { status, ...change, ...(ends ? { finishedAt: now() } : {}) });
    if (!released) {
      // Another process holds the run now (this one's lease lapsed): its state and its end are that one's to report.
      log.warn({ runId: run.id, status }, 'runbook run is held by another process; not settled from here');
      return run;
    }
    if (ends) await ended(released);
    else await refresh(released);
    return released;
  }

  return { refresh, thread, ended, settle };
}

export type RunReporting = ReturnType<typeof createRunReporting>;
