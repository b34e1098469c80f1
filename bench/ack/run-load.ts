// Runs the load generator in a process of its own and collects its result.
import { fork } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../support/processes.js';
import { onCleanup } from '../support/run-bench.js';
import type { LoadPlan, LoadResult } from './load-generator.js';

const TSX = pathToFileURL(`${ROOT}node_modules/tsx/dist/loader.mjs`).href;
const GENERATOR = new URL('./load-generator.ts', import.meta.url).pathname;

/** Forks the generator with `plan`; rejects if it dies or overruns the plan by a minute. */
export function forkLoad(plan: LoadPlan): Promise<LoadResult> {
  const child = fork(GENERATOR, [JSON.stringify(plan)], {
    cwd: ROOT,
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onCleanup(`stop load generator (pid ${child.pid})`, () => void child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        child.kill('SIGKILL');
        reject(new Error('the load generator overran'));
      },
      plan.durationMs + plan.timeoutMs + 60_000,
    );
    child.once('message', (result) => {
      clearTimeout(timer);
      resolve(result as LoadResult);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the load generator exited (${code}) without a result`));
    });
  });
}
