import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopOnSignals, type SignalSource } from '../../src/cli/stop-signals.js';

function setup(graceMs = 20_000) {
  const source = new EventEmitter();
  const said: string[] = [];
  let exits = 0;
  const stop = stopOnSignals((message) => said.push(message), {
    graceMs,
    source: source as SignalSource,
    exitNow: () => exits++,
  });
  return { source, said, stop, exits: () => exits };
}

/** A promise and its resolver, so a test decides when "the command" ends. */
function latch<T>() {
  let release: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => (release = resolve));
  return { promise, release };
}

describe('stopOnSignals', () => {
  it("passes a command's result through when no signal comes", async () => {
    const { stop } = setup();
    expect(await stop.finish(Promise.resolve(7))).toBe(7);
    expect(stop.signal).toBeUndefined();
    stop.dispose();
  });

  it('on SIGTERM mid-command, tells the stop listeners, says so, and still waits for the command', async () => {
    const { source, said, stop } = setup();
    let stopped = 0;
    stop.onStop(() => stopped++);
    const command = latch<string>();
    const finished = stop.finish(command.promise);
    source.emit('SIGTERM', 'SIGTERM');
    expect(stop.signal).toBe('SIGTERM');
    expect(said).toEqual([expect.stringContaining('SIGTERM: finishing the running command (at most 20 s)')]);
    await Promise.resolve();
    expect(stopped).toBe(1);
    command.release('done');
    expect(await finished).toBe('done');
    expect(stop.abandoned).toBe(false);
    stop.dispose();
    expect(source.listenerCount('SIGTERM') + source.listenerCount('SIGINT')).toBe(0);
  });

  it('gives up on a command that outlives the grace period, and a second SIGTERM exits at once', async () => {
    const { source, said, stop, exits } = setup(0);
    const finished = stop.finish(new Promise<never>(() => undefined));
    source.emit('SIGTERM', 'SIGTERM');
    expect(await finished).toBeUndefined();
    expect(stop.abandoned).toBe(true);
    expect(said.at(-1)).toContain('did not finish within 0 s');
    source.emit('SIGTERM', 'SIGTERM');
    expect(exits()).toBe(1);
    stop.dispose();
  });

  it('fault 22: hands every SIGINT to the interrupt listener and never stops for it', async () => {
    const { source, said, stop, exits } = setup(0);
    let interrupts = 0;
    let stopped = 0;
    stop.onStop(() => stopped++);
    stop.onInterrupt(() => interrupts++);
    const command = latch<string>();
    const finished = stop.finish(command.promise);
    source.emit('SIGINT', 'SIGINT');
    source.emit('SIGINT', 'SIGINT');
    await Promise.resolve();
    expect({ interrupts, stopped, exits: exits(), said }).toEqual({ interrupts: 2, stopped: 0, exits: 0, said: [] });
    expect({ signal: stop.signal, interrupted: stop.interrupted }).toEqual({ signal: undefined, interrupted: true });
    command.release('done');
    expect(await finished).toBe('done');
    expect(stop.abandoned).toBe(false);
    stop.dispose();
  });
});
