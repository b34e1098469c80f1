import type { Logger } from 'pino';
import type { RunRow } from './run-rows.js';

export interface RunWorkerOptions {
  /** Claims the due runs and advances each as far as it goes now; resolves with the claimed runs' ids. */
  advanceDue: () => Promise<string[]>;
  /** Reads a run back (to know whether a followed run is still `running`). */
  get: (id: string) => Promise<RunRow | undefined>;
  log: Logger;
}

/**
 * When the engine advances runs, and how it stops: a tick soon after a start or a decision, ticks on a poll,
 * and `stop`, which takes no new run and resolves once the ticks in flight are done (a step that runs
 * finishes and is audited; the run is released between steps, due at once, for the next process to resume).
 * Closing the database before `stop` resolved would cut a run off half-advanced.
 */
export function createRunWorker({ advanceDue, get, log }: RunWorkerOptions) {
  const inFlight = new Set<Promise<unknown>>();
  // The runs this process started or decided on: what `settled` waits for.
  const followed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let wakeNap = () => undefined as void;

  const track = <T>(work: Promise<T>): Promise<T> => {
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    void tracked.then(() => inFlight.delete(tracked));
    return work;
  };
  const logged = (error: unknown) => log.error({ err: error }, 'runbook engine failed');

  /** Advances every due run this process can claim (none once stopping); resolves with how many. */
  function tick(): Promise<number> {
    if (stopping) return Promise.resolve(0);
    // Runs claimed here are not followed: a shell advances every shell run that is due, but waits only for those
    // it started or decided on (`follow`).
    return track(advanceDue().then((ids) => ids.length));
  }

  /** Waits until no tick is in flight or about to start. */
  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  }

  /** The runs this process started or decided on, read once no tick is in flight. */
  async function followedRuns(): Promise<RunRow[]> {
    await idle();
    return (await Promise.all([...followed].map(get))).filter((run) => run !== undefined);
  }

  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const napping = setTimeout(resolve, ms);
      wakeNap = () => {
        clearTimeout(napping);
        resolve();
      };
    });

  return {
    tick,
    /** Whether `stop` was called: a run being advanced is released before its next step. */
    stopping: () => stopping,
    /** Counts a run as this process's to follow (one it started). */
    follow: (id: string) => void followed.add(id),
    /** A tick after the current work (a start's or a decision's answer); tracked, so `stop` waits for it. */
    tickSoon(): void {
      if (stopping) return;
      void track(new Promise((resolve) => setImmediate(resolve)).then(tick)).catch(logged);
    },
    startPolling(intervalMs: number): void {
      timer = setInterval(() => void tick().catch(logged), intervalMs);
      timer.unref();
    },
    /** The runs this process started or decided on that are `running` now (once no tick is in flight). */
    running: async () => (await followedRuns()).filter((run) => run.status === 'running'),
    /**
     * Resolves once none of the runs this process started or decided on is `running` (each ended, waits for a
     * person, or stopped), ticking every `pollMs` meanwhile (a wait step polls), or once the worker stops.
     * @returns those runs as they are then (absent ones left out).
     */
    async settled(pollMs: number): Promise<RunRow[]> {
      for (;;) {
        const runs = await followedRuns();
        if (stopping || runs.every((run) => run.status !== 'running')) return runs;
        await nap(pollMs);
        await tick().catch(logged);
      }
    },
    /** Takes no new work and resolves once the ticks in flight ended; safe to call twice. */
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearInterval(timer);
      wakeNap();
      await idle();
    },
  };
}

export type RunWorker = ReturnType<typeof createRunWorker>;
