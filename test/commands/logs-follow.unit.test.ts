import { pino } from 'pino';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { createLogsCommand, logsCommand } from '../../src/commands/logs.js';
import type { FollowTiming } from '../../src/commands/logs-follow.js';
import { commandDeadline, MAX_COMMAND_DEADLINE_MS } from '../../src/pipeline/command-deadline.js';
import { Interrupt } from '../../src/pipeline/interrupt.js';
import type { Reply } from '../../src/pipeline/reply.js';
import { shown } from '../support/aws-command-harness.js';
import { runbookHarness } from '../support/runbook-harness.js';

const T0 = Date.UTC(2026, 11, 2, 14, 30);

/** A clock that only moves when the follow sleeps: no real waiting. */
function manualTiming(onSleep: (count: number, signal?: AbortSignal) => Promise<void> | void = () => undefined) {
  const timing = { now: T0, sleeps: [] as number[] };
  const follow: FollowTiming = {
    now: () => timing.now,
    pollMs: 5_000,
    async sleep(ms, signal) {
      timing.sleeps.push(ms);
      await onSleep(timing.sleeps.length, signal);
      signal?.throwIfAborted();
      timing.now += ms;
    },
  };
  return {
    timing,
    harness: runbookHarness({ commands: [createLogsCommand(follow)], ...(process.env.DBG ? { log: pino() } : {}) }),
  };
}

const event = (eventId: string, at: number) => ({
  eventId,
  timestamp: at,
  logStreamName: 'ecs/n8n/abc',
  message: eventId,
});

describe('logs --follow', () => {
  it('polls from the newest timestamp seen, pages with nextToken, drops repeats by eventId and updates one reply', async () => {
    const { timing, harness: h } = manualTiming();
    h.mocks.logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [event('e1', T0 - 60_000)] })
      .resolvesOnce({ events: [event('e1', T0 - 60_000), event('e2', T0 + 2_000)] })
      .resolvesOnce({ events: [event('e2', T0 + 2_000), event('e3', T0 + 2_000)], nextToken: 'p2' })
      .resolvesOnce({ events: [event('e4', T0 + 9_000)] })
      .resolves({ events: [] });
    const updates: Reply[] = [];
    const outcome = await h.run('logs n8n-main --follow 15s', 'U0ALICE', { onProgress: (r) => updates.push(r) });

    const inputs = h.mocks.logs.commandCalls(FilterLogEventsCommand).map((call) => call.args[0].input);
    const common = { logGroupName: '/ecs/n8n-main', limit: 1000 };
    expect(inputs).toEqual([
      { ...common, startTime: T0 - 15 * 60_000, endTime: T0 },
      { ...common, startTime: T0 - 60_000, endTime: T0 + 5_000 },
      { ...common, startTime: T0 + 2_000, endTime: T0 + 10_000 },
      { ...common, startTime: T0 + 2_000, endTime: T0 + 10_000, nextToken: 'p2' },
      { ...common, startTime: T0 + 9_000, endTime: T0 + 15_000 },
    ]);
    expect(timing.sleeps).toEqual([5_000, 5_000, 5_000]);
    // The first read at once, then one update per poll that found something new (not the empty last one).
    expect(updates.map((reply) => reply.summary)).toEqual([
      '/ecs/n8n-main: 1 events in the last 15m and following for 15s',
      '/ecs/n8n-main: 2 events in the last 15m and following for 15s',
      '/ecs/n8n-main: 4 events in the last 15m and following for 15s',
    ]);
    expect(shown(updates[0]!)).toContain('Following: new events appear here until 2026-12-02 14:30:15 UTC.');
    expect(outcome).toMatchObject({ status: 'succeeded' });
    expect(outcome.reply.summary).toBe('/ecs/n8n-main: 4 events in the last 15m and followed for 15s');
    const text = shown(outcome.reply);
    for (const id of ['e1', 'e2', 'e3', 'e4'])
      expect(text.match(new RegExp(`ecs/n8n/abc ${id}\\b`, 'g'))).toHaveLength(1);
    expect(text).toMatch(/e1[\s\S]*e2[\s\S]*e3[\s\S]*e4/);
    expect(text).toContain('Followed until 2026-12-02 14:30:15 UTC');
  });

  it('keeps the newest --limit events as new ones arrive', async () => {
    const { harness: h } = manualTiming();
    h.mocks.logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [event('old1', T0 - 2_000), event('old2', T0 - 1_000)] })
      .resolvesOnce({ events: [event('new1', T0 + 1_000)] })
      .resolves({ events: [] });
    const outcome = await h.run('logs n8n-main --follow 10s --limit 2');
    const text = shown(outcome.reply);
    expect(text).toMatch(/old2[\s\S]*new1/);
    expect(text).not.toContain('old1');
  });

  it('stops polling when the person cancels (Ctrl-C), and says nothing changed', async () => {
    const interrupt = new Interrupt();
    const { harness: h } = manualTiming(async (count) => {
      if (count === 2) {
        interrupt.press();
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    h.mocks.logs.on(FilterLogEventsCommand).resolves({ events: [] });
    const outcome = await h.run('logs n8n-main --follow 60s', 'U0ALICE', { interrupt });
    expect(outcome).toMatchObject({ status: 'failed', code: 'cancelled' });
    // The first read and the first poll; the second sleep was cut short and no poll followed it.
    expect(h.mocks.logs.commandCalls(FilterLogEventsCommand)).toHaveLength(2);
  });

  it('asks for a deadline of the follow plus 30 s, within the pipeline maximum; no --follow keeps the standard one', () => {
    const { config } = runbookHarness();
    const args = (follow?: number) => ({ group: 'n8n-main', since: 900_000, limit: 50, follow });
    expect(commandDeadline(logsCommand, args(60_000), config)).toBe(90_000);
    expect(commandDeadline(logsCommand, args(300_000), config)).toBe(330_000);
    expect(330_000).toBeLessThanOrEqual(MAX_COMMAND_DEADLINE_MS);
    expect(commandDeadline(logsCommand, args(), config)).toBe(30_000);
  });
});
