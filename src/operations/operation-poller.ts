import { describeFailure } from '../pipeline/describe-failure.js';
import { UserError } from '../pipeline/user-error.js';
import type { Logger } from 'pino';
import type { Executor } from '../pipeline/execute.js';
import type { Tone } from '../pipeline/reply.js';
import { followUpExecution, followUpRunner, type FollowUpRunner } from './follow-up-audit.js';
import type { OperationRow, OperationStore } from './operation-store.js';

/** One look at a long operation: its state in the platform's words, and whether it has ended. */
export interface Observation {
  state: string;
  done: boolean;
  failed?: boolean;
  /** A line for people, e.g. the endpoint once an instance is available. */
  detail?: string;
}

/**
 * Looks at one target (e.g. `DescribeDBInstances` for an instance id). A write it makes on the way
 * (a `ModifyDBInstance` once a restore is available) goes through `followUp`, so it is audited.
 */
export type Watcher = (target: string, followUp: FollowUpRunner) => Promise<Observation>;

/**
 * Where progress shows: one message kept up to date, then the final state. Lines are plain text
 * (`<target>: <state>`); the notifier marks them its own way (in progress, or the final `tone`).
 */
export interface ProgressNotifier {
  /** Posts the progress message when `operation.progress_ts` is empty, else updates it; returns its ts. */
  progress(operation: OperationRow, text: string): Promise<string | undefined>;
  /** The final state: `success` done, `error` failed, `warning` no longer followed. */
  final(operation: OperationRow, text: string, tone: Tone): Promise<void>;
}

export interface PollerOptions {
  store: OperationStore;
  watchers: Readonly<Record<string, Watcher>>;
  notifier: ProgressNotifier;
  /** This process's name for leases (a uuid per process). */
  owner: string;
  log: Logger;
  /** The one execution function: follow-up writes and completions are audited through it. */
  executor: Executor;
  leaseMs?: number;
  /** Delay before the next poll after `attempts` polls: grows, capped (default 5 s × 1.5ⁿ, at most 60 s). */
  backoff?: (attempts: number) => number;
  /** Polls before giving up (default 360: hours of an RDS restore). */
  maxAttempts?: number;
}

const defaultBackoff = (attempts: number) => Math.min(60_000, Math.round(5_000 * 1.5 ** attempts));

/**
 * Follows long operations until they end: polls each due one with backoff, keeps one progress
 * message current, posts the final state. Resumes after a restart from the `operations` table.
 */
export function createOperationPoller(options: PollerOptions) {
  const { store, watchers, notifier, owner, log } = options;
  const backoff = options.backoff ?? defaultBackoff;
  const maxAttempts = options.maxAttempts ?? 360;

  async function pollOne(operation: OperationRow): Promise<void> {
    const watch = watchers[operation.kind];
    if (!watch) {
      await store.finish(operation.id, owner, 'failed', `no watcher for ${operation.kind}`);
      return;
    }
    let seen: Observation;
    try {
      seen = await watch(operation.target, followUpRunner(options.executor, operation));
    } catch (error) {
      log.warn({ err: error, operation: operation.id }, 'operation poll failed; will retry');
      // The person following it sees why it is stuck (an AccessDenied is not fixed by waiting), in words.
      seen = {
        state: operation.last_state ?? 'unknown',
        done: false,
        detail: `the last check failed: ${lookFailure(error)} Trying again.`,
      };
    }
    const line = `${operation.target}: ${seen.state}${seen.detail ? ` (${seen.detail})` : ''}`;
    const progressTs = await notifier.progress(operation, line).catch(() => undefined);
    if (seen.done || seen.failed) {
      await store.finish(operation.id, owner, seen.failed ? 'failed' : 'done', seen.state, progressTs);
      await options.executor.complete(
        followUpExecution(operation, `completed: ${line}`),
        seen.failed ? 'failed' : 'succeeded',
        seen.failed ? seen.state : undefined,
      );
      await notifier.final(operation, line, seen.failed ? 'error' : 'success').catch(() => undefined);
    } else if (operation.attempts + 1 >= maxAttempts) {
      await store.finish(operation.id, owner, 'gave-up', seen.state, progressTs);
      await options.executor.complete(
        followUpExecution(operation, `stopped following: ${line}`),
        'failed',
        `stopped following after ${maxAttempts} checks`,
      );
      await notifier
        .final(
          operation,
          `stopped following ${operation.target} after ${maxAttempts} checks; last state ${seen.state}`,
          'warning',
        )
        .catch(() => undefined);
    } else {
      await store.polled(operation.id, owner, {
        state: seen.state,
        progressTs,
        nextPollInMs: backoff(operation.attempts + 1),
      });
    }
  }

  let timer: NodeJS.Timeout | undefined;
  return {
    /** Polls every due operation once; returns how many it polled. */
    async tick(): Promise<number> {
      const due = await store.claimDue(owner, options.leaseMs ?? 60_000, 20);
      for (const operation of due) await pollOne(operation);
      return due.length;
    },
    start(intervalMs: number): void {
      timer = setInterval(
        () => void this.tick().catch((error: unknown) => log.error({ err: error }, 'operation poller failed')),
        intervalMs,
      );
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
    },
  };
}

/** A failed look in words: a UserError's own message, else what kind of failure it was (the stack stays in the log). */
function lookFailure(error: unknown): string {
  if (error instanceof UserError) return error.message;
  return describeFailure(error) ?? 'an unexpected error (see the log).';
}
