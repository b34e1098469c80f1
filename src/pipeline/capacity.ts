/**
 * Bounds how many executions run at once. Direct requests share `limit` slots; approved runs and
 * follow-up writes use `reserved` slots of their own first, so a burst of typed commands can never
 * make an approval (single-use, already claimed) fail for lack of room.
 */
export class Capacity {
  private direct = 0;
  private reservedInUse = 0;

  constructor(
    /** Direct requests at once; beyond it they are answered "busy" at once. */
    readonly limit: number,
    /** Extra slots only approved runs and follow-ups may use. */
    readonly reserved: number,
  ) {}

  /** Takes a slot, or answers `undefined` when a direct request finds none. Reserved work always gets one. */
  enter(kind: 'direct' | 'reserved'): (() => void) | undefined {
    if (kind === 'reserved' && this.reservedInUse < this.reserved) {
      this.reservedInUse += 1;
      return once(() => (this.reservedInUse -= 1));
    }
    // Reserved work beyond its own slots borrows from the shared ones, and is never refused.
    if (kind === 'direct' && this.direct >= this.limit) return undefined;
    this.direct += 1;
    return once(() => (this.direct -= 1));
  }

  /** Executions running now. */
  get running(): number {
    return this.direct + this.reservedInUse;
  }
}

function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (!done) release();
    done = true;
  };
}
