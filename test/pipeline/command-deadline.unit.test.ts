import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { RadioConfig } from '../../src/config/radio-config.js';
import { defineCommand } from '../../src/pipeline/command.js';
import { commandDeadline, MAX_COMMAND_DEADLINE_MS } from '../../src/pipeline/command-deadline.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { Registry } from '../../src/pipeline/registry.js';
import { text } from '../../src/pipeline/reply.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';

const config = RadioConfig.parse({ roles: { viewer: ['*'], operator: ['U0ALICE'], approver: ['U0BOB'] } });

/** `watch <seconds>`: asks for that long plus 10 s, and runs until its signal is aborted or `finish` is called. */
let finish: () => void = () => undefined;
const watch = defineCommand({
  name: 'watch',
  usage: 'watch <seconds>',
  summary: 'test: a run that asks for a longer deadline',
  examples: [],
  positional: ['seconds'],
  flags: {},
  args: z.object({ seconds: z.coerce.number() }),
  risk: () => 'read',
  deadline: ({ seconds }) => seconds * 1000 + 10_000,
  run: ({ signal }) =>
    new Promise<string>((resolve, reject) => {
      finish = () => resolve('watched');
      signal?.addEventListener('abort', () => reject(new Error('aborted')));
    }),
  present: (result: string) => ({ summary: result, visibility: 'in_channel', parts: [text(result)] }),
});

function setup() {
  const dispatch = createDispatcher({
    registry: new Registry([watch]),
    config,
    directory: groups({}),
    log: silentLog,
    integrations: { stationDb: untouchedStationDb, audit: memoryAuditLog() },
  });
  return (line: string) => dispatch({ source: 'shell', userId: 'U0ALICE', text: line });
}

afterEach(() => vi.useRealTimers());

describe('a command’s own deadline', () => {
  it('is the standard one unless the command asks for more, and never past the maximum', () => {
    expect(commandDeadline(watch, { seconds: 1 }, config)).toBe(30_000);
    expect(commandDeadline(watch, { seconds: 60 }, config)).toBe(70_000);
    expect(commandDeadline(watch, { seconds: 3600 }, config)).toBe(MAX_COMMAND_DEADLINE_MS);
    expect(commandDeadline({ ...watch, deadline: undefined }, { seconds: 60 }, config)).toBe(30_000);
  });

  it('lets a run go on past deadlines.command when it asked for more', async () => {
    vi.useFakeTimers();
    const outcome = setup()('watch 60');
    await vi.advanceTimersByTimeAsync(65_000);
    finish();
    expect(await outcome).toMatchObject({ status: 'succeeded', result: 'watched' });
  });

  it('still ends the run at its own deadline, and at the maximum when it asks for more', async () => {
    vi.useFakeTimers();
    const sixty = setup()('watch 60');
    await vi.advanceTimersByTimeAsync(70_000);
    expect(await sixty).toMatchObject({ status: 'failed', code: 'timeout' });
    expect((await sixty).reply.summary).toMatch(/within 70 s/);
    const hour = setup()('watch 3600');
    await vi.advanceTimersByTimeAsync(MAX_COMMAND_DEADLINE_MS);
    expect((await hour).reply.summary).toMatch(/within 360 s/);
  });
});
