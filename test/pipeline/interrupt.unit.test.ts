// Issue 13, fault 22: what the person's Ctrl-C does is the pipeline's decision: a read (or anything still
// planning) is cancelled and audited `cancelled`; a write that has started runs to its end.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RadioConfig } from '../../src/config/radio-config.js';
import { defineCommand, type Risk } from '../../src/pipeline/command.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { Interrupt } from '../../src/pipeline/interrupt.js';
import { Registry } from '../../src/pipeline/registry.js';
import { text } from '../../src/pipeline/reply.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';

/** A gate the test opens; `entered` resolves when a run (or plan) reaches it, `signal` is the one it got. */
function gate() {
  let open: (value: string) => void = () => undefined;
  let entered: (signal?: AbortSignal) => void = () => undefined;
  const reached = new Promise<AbortSignal | undefined>((resolve) => (entered = resolve));
  const opened = new Promise<string>((resolve) => (open = resolve));
  const pass = (signal?: AbortSignal) => {
    entered(signal);
    return opened;
  };
  return { pass, reached, open };
}

function held(risk: Risk, where: 'plan' | 'run', at: ReturnType<typeof gate>) {
  return defineCommand({
    name: `held ${risk} ${where}`,
    usage: `held ${risk} ${where}`,
    summary: 'waits at a gate',
    examples: [],
    positional: [],
    flags: {},
    args: z.object({}),
    risk: () => risk,
    ...(where === 'plan'
      ? { plan: async ({ signal }) => ({ current: [], calls: [], warnings: [], state: await at.pass(signal) }) }
      : {}),
    run: async ({ signal }) => (where === 'run' ? at.pass(signal) : 'ran'),
    present: (said: string) => ({ summary: said, visibility: 'in_channel', parts: [text(said)] }),
  });
}

function setup(risk: Risk, where: 'plan' | 'run') {
  const at = gate();
  const audit = memoryAuditLog();
  const dispatch = createDispatcher({
    registry: new Registry([held(risk, where, at)]),
    config: RadioConfig.parse({ roles: { viewer: [], operator: ['U0ALICE'], approver: [] } }),
    directory: groups({}),
    log: silentLog,
    integrations: { stationDb: untouchedStationDb, audit },
  });
  const interrupt = new Interrupt();
  const outcome = dispatch({ source: 'shell', userId: 'U0ALICE', text: `held ${risk} ${where}`, interrupt });
  return { at, audit, interrupt, outcome };
}

describe('fault 22: an interrupt (Ctrl-C) in the pipeline', () => {
  it('fault 22: cancels a running read at once: its signal is aborted, audited started then cancelled', async () => {
    const { at, audit, interrupt, outcome } = setup('read', 'run');
    const signal = await at.reached;
    expect(interrupt.press()).toEqual({ effect: 'cancelling', command: 'held read run', risk: 'read' });
    expect(await outcome).toMatchObject({ status: 'failed', code: 'cancelled' });
    expect(signal?.aborted).toBe(true);
    expect((await outcome).reply.summary).toBe(
      '`held read run` was cancelled before it answered. It only reads, so nothing was changed.',
    );
    expect(audit.events.map((event) => event.outcome)).toEqual(['started', 'cancelled']);
    expect(interrupt.press()).toBeUndefined();
  });

  it('fault 22: cancels a write while it is still planning: nothing started, one cancelled row', async () => {
    const { at, audit, interrupt, outcome } = setup('write', 'plan');
    await at.reached;
    expect(interrupt.press()).toMatchObject({ effect: 'cancelling', risk: 'write' });
    expect(await outcome).toMatchObject({ status: 'failed', code: 'cancelled' });
    expect((await outcome).reply.summary).toBe('`held write plan` was cancelled before it started. Nothing was done.');
    expect(audit.events.map((event) => event.outcome)).toEqual(['cancelled']);
  });

  it('fault 22: lets a running write finish, however often it is pressed, and audits its outcome', async () => {
    const { at, audit, interrupt, outcome } = setup('write', 'run');
    const signal = await at.reached;
    expect(interrupt.press()).toEqual({ effect: 'finishing', command: 'held write run', risk: 'write' });
    expect(interrupt.press()).toMatchObject({ effect: 'finishing' });
    expect(signal?.aborted).toBe(false);
    at.open('done anyway');
    expect(await outcome).toMatchObject({ status: 'succeeded', result: 'done anyway' });
    expect(audit.events.map((event) => event.outcome)).toEqual(['started', 'succeeded']);
  });
});
