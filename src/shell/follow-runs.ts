import type { RunbookEngine } from '../runbooks/runbook-engine.js';
import type { RunRow } from '../runbooks/run-rows.js';
import type { StopSignals } from '../cli/stop-signals.js';
import { EXIT } from './exit-code.js';

/** How often the shell looks at the runs it follows (a wait step polls at its own `every`, when due). */
export const SHELL_RUN_POLL_MS = 1_000;

/**
 * Before the shell closes (after a `-c` line, or at the end of the input): follows the runbook runs this
 * shell started or decided on until each ended, waits for a person (a manual step, a step's own approval) or
 * stopped on a failure. Their progress is printed as it happens by the terminal runbook notifier. `stopped`
 * (Ctrl-C, SIGTERM) ends the following: the worker stops cleanly (a running step finishes and is audited)
 * and a run still going is left to go on the next time radio-ops runs, which is said.
 *
 * @param stop the shell's signals: Ctrl-C and SIGTERM meanwhile stop the worker (SIGTERM within its grace period).
 * @param say writes a line for the person (stderr).
 * @param options.interrupted Ctrl-C came during the line: stop at once instead of following.
 * @returns the exit code the runs give: 0 every run ended done (or there was none), 3 one waits for a person,
 *   1 one stopped or was aborted; undefined while one is still running (the caller was stopped).
 */
export async function followRuns(
  engine: RunbookEngine,
  stop: Pick<StopSignals, 'onInterrupt' | 'onStop' | 'finish'>,
  say: (text: string) => void,
  options: { interrupted?: boolean; pollMs?: number } = {},
): Promise<number | undefined> {
  const stopWorker = () => void engine.stop();
  stop.onInterrupt(stopWorker);
  stop.onStop(stopWorker);
  return stop.finish(follow(engine, say, options));
}

/** The following itself: see {@link followRuns}. */
async function follow(
  engine: RunbookEngine,
  say: (text: string) => void,
  options: { interrupted?: boolean; pollMs?: number },
): Promise<number | undefined> {
  // Ctrl-C during the line already said "stop": the runs are not followed, only left cleanly.
  if (options.interrupted) await engine.stop();
  const going = options.interrupted ? [] : await engine.running();
  if (going.length > 0)
    say(
      `radio-ops: following ${going.map((run) => `runbook ${run.runbook} (${run.id})`).join(', ')} until each ends or waits for a person (Ctrl-C stops following; a run goes on later).`,
    );
  const runs = await engine.settled(options.pollMs ?? SHELL_RUN_POLL_MS);
  await engine.stop();
  for (const run of runs.filter((r) => r.status === 'running'))
    say(
      `radio-ops: run ${run.id} is still running: it goes on the next time radio-ops runs (the server, or \`radio-ops shell\`); \`runbook status ${run.id}\` shows it.`,
    );
  return exitCodeOfRuns(runs);
}

/** 1 when a run stopped or was aborted, else 3 when one waits for a person, else 0; undefined while one runs. Pure. */
export function exitCodeOfRuns(runs: readonly RunRow[]): number | undefined {
  if (runs.some((run) => run.status === 'running')) return undefined;
  if (runs.some((run) => run.status === 'stopped' || run.status === 'aborted')) return EXIT.failed;
  if (runs.some((run) => run.status === 'waiting')) return EXIT.pending;
  return EXIT.succeeded;
}
