// Runs a benchmark's main function with cleanup guaranteed: what it registers (databases, Redis keys,
// temp dirs, child processes) is undone in reverse order on success, failure, Ctrl-C or its deadline.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Cleanup = { label: string; run: () => Promise<void> | void };
const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | undefined;

/** Registers `run` to undo something this benchmark created; undone last-in first-out. */
export function onCleanup(label: string, run: () => Promise<void> | void): void {
  cleanups.push({ label, run });
}

async function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const { label, run } = cleanups.pop() as Cleanup;
      try {
        await run();
      } catch (error) {
        console.error(`cleanup "${label}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}

/** Common flags: `--quick` for a smoke run; each benchmark adds its own. */
export function benchArgs<T extends NonNullable<ParseArgsConfig['options']>>(options: T) {
  return parseArgs({ options: { quick: { type: 'boolean', default: false }, ...options }, strict: true }).values;
}

/**
 * Runs `main`, then every cleanup. Exits 1 if `main` throws or `deadlineMs` passes (the benchmark
 * stops by itself), 130 on SIGINT/SIGTERM; cleanups run in every case.
 */
export function runBench(name: string, deadlineMs: number, main: () => Promise<void>): void {
  let aborted: number | undefined;
  const abort = (code: number, why: string) => {
    aborted = code;
    console.error(`\n${name}: ${why}; cleaning up`);
    void cleanUp().finally(() => process.exit(code));
  };
  const deadline = setTimeout(() => abort(1, `deadline of ${Math.round(deadlineMs / 1000)} s passed`), deadlineMs);
  deadline.unref();
  process.once('SIGINT', () => abort(130, 'interrupted'));
  process.once('SIGTERM', () => abort(130, 'terminated'));
  main().then(
    async () => {
      clearTimeout(deadline);
      await cleanUp();
      process.exit(0);
    },
    async (error: unknown) => {
      clearTimeout(deadline);
      // After an abort, failures are the cleanup stopping children under the benchmark: not news.
      if (aborted === undefined) console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      await cleanUp();
      process.exit(aborted ?? 1);
    },
  );
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
