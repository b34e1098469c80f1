// Issue 11, fault 6: bounded work. Beyond the bound a request is answered "busy" at once (audited), and
// approved runs have reserved capacity, so an approval (single use) is never consumed by a busy moment.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RadioConfig } from '../../src/config/radio-config.js';
import { defineCommand } from '../../src/pipeline/command.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { Capacity } from '../../src/pipeline/capacity.js';
import { createExecutor } from '../../src/pipeline/execute.js';
import { Registry } from '../../src/pipeline/registry.js';
import { text } from '../../src/pipeline/reply.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';

/** A latch: runs wait until `open()`; `entered` counts how many started. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const state = { entered: 0 };
  const hold = defineCommand({
    name: 'hold',
    usage: 'hold',
    summary: 'waits on the latch',
    examples: [],
    positional: [],
    flags: {},
    args: z.object({}),
    risk: () => 'read',
    run: async () => {
      state.entered += 1;
      await opened;
      return 'done';
    },
    present: (result: string) => ({ summary: result, visibility: 'ephemeral', parts: [text(result)] }),
  });
  return { hold, state, open };
}

describe('capacity', () => {
  it('answers busy at once beyond the bound, audits it, and runs again once a slot is free', async () => {
    const { hold, state, open } = latch();
    const audit = memoryAuditLog();
    const config = RadioConfig.parse({ roles: { viewer: ['U0ALICE'] }, concurrency: { commands: 2, reserved: 1 } });
    const dispatch = createDispatcher({
      registry: new Registry([hold]),
      config,
      directory: groups({}),
      log: silentLog,
      integrations: { stationDb: untouchedStationDb, audit },
    });
    const send = () => dispatch({ source: 'shell', userId: 'U0ALICE', text: 'hold' });
    const running = [send(), send()];
    await Promise.resolve();
    const busy = await send(); // answered while the two are still held: no wait
    expect(busy).toMatchObject({ status: 'refused', code: 'busy' });
    expect(busy.reply.summary).toMatch(/running 2 commands already.*Try again in a moment/);
    expect(state.entered).toBe(2);
    expect(audit.events.filter((event) => event.outcome === 'failed').map((event) => event.error)).toEqual([
      busy.reply.summary,
    ]);
    open();
    expect((await Promise.all(running)).map((outcome) => outcome.status)).toEqual(['succeeded', 'succeeded']);
    expect((await send()).status).toBe('succeeded');
  });

  it('gives reserved work (approved runs, follow-ups) a slot even when direct requests fill the bound', async () => {
    const capacity = new Capacity(1, 1);
    const executor = createExecutor({ audit: memoryAuditLog(), log: silentLog, capacity });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const invocation = {
      requestId: '00000000-0000-4000-8000-000000000001',
      source: 'shell' as const,
      userId: 'U0ALICE',
      text: 'x',
    };
    const direct = executor.execute({ invocation, command: 'x' }, () => held);
    expect((await executor.execute({ invocation, command: 'y' }, async () => 'no')).status).toBe('refused');
    const approved = await executor.execute({ invocation, command: 'wipe' }, async () => 'ran', {
      capacity: 'reserved',
    });
    const borrowed = executor.execute({ invocation, command: 'wipe' }, async () => 'ran too', { capacity: 'reserved' });
    expect(approved).toMatchObject({ status: 'succeeded', result: 'ran' });
    release();
    await direct;
    expect(await borrowed).toMatchObject({ status: 'succeeded', result: 'ran too' });
    expect(capacity.running).toBe(0);
  });
});
