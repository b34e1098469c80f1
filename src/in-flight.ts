/** Work started by requests that must finish before the process exits (SIGTERM waits for it). */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Runs `work`, remembering it until it settles. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.running.add(promise);
    const forget = () => this.running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  get size(): number {
    return this.running.size;
  }

  /**
   * Resolves when everything tracked has settled, or after `deadlineMs` (default 25 s, inside the
   * usual 30 s between SIGTERM and SIGKILL) with how many were still running.
   */
  async drain(deadlineMs = 25_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadlineMs)));
    try {
      while (this.running.size > 0) {
        if ((await Promise.race([Promise.allSettled([...this.running]), deadline])) === 'late')
          return this.running.size;
      }
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
