import { describe, expect, it } from 'vitest';
import { InFlight } from '../src/in-flight.js';

describe('InFlight', () => {
  it('drains tracked work, including work started while draining', async () => {
    const inFlight = new InFlight();
    const order: string[] = [];
    let releaseFirst: () => void = () => undefined;
    void inFlight.track(() =>
      new Promise<void>((resolve) => (releaseFirst = resolve)).then(() => {
        order.push('first');
        void inFlight.track(async () => {
          order.push('second');
        });
      }),
    );
    const drained = inFlight.drain();
    releaseFirst();
    expect(await drained).toBe(0);
    expect(order).toEqual(['first', 'second']);
  });

  it('gives up at the deadline and says how many were still running', async () => {
    const inFlight = new InFlight();
    void inFlight.track(() => new Promise(() => undefined)); // never settles, like a call to an unreachable Slack
    expect(await inFlight.drain(1)).toBe(1);
  });
});
