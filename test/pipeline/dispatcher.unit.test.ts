import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RadioConfig } from '../../src/config/radio-config.js';
import { buildRegistry } from '../../src/commands/index.js';
import { defineCommand } from '../../src/pipeline/command.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { Registry } from '../../src/pipeline/registry.js';
import { text } from '../../src/pipeline/reply.js';
import { UserError } from '../../src/pipeline/user-error.js';
import { groups, memoryAuditLog, silentLog, untouchedStationDb } from '../support/fakes.js';

const runs: string[] = [];
const scale = defineCommand({
  name: 'scale',
  usage: 'scale <service> <count>',
  summary: 'test scale',
  examples: [],
  positional: ['service', 'count'],
  flags: {},
  args: z.object({ service: z.string(), count: z.coerce.number().int().min(0) }),
  risk: ({ count }) => (count === 0 ? 'destructive' : 'write'),
  async run({ args }) {
    runs.push(`${args.service}=${args.count}`);
    if (args.service === 'broken') throw new Error('socket hang up at 10.0.0.5');
    if (args.service === 'missing') throw new UserError('precondition', 'No such service.');
    return args.count;
  },
  present: (count: number) => ({
    summary: `scaled to ${count}`,
    visibility: 'in_channel',
    parts: [text(`scaled to ${count}`)],
  }),
});

const config = RadioConfig.parse({
  slack: { teamId: 'T0EXAMPLE', channels: ['C0EXAMPLE01'] },
  roles: { viewer: ['*'], operator: ['U0ALICE'], approver: ['U0BOB'] },
});

function setup(auditOptions: Parameters<typeof memoryAuditLog>[0] = {}) {
  const audit = memoryAuditLog(auditOptions);
  const dispatch = createDispatcher({
    // Only the test `scale`: the real one (src/commands/ecs-scale.ts) has the same name.
    registry: new Registry([scale]),
    config,
    directory: groups({}),
    log: silentLog,
    integrations: { stationDb: untouchedStationDb, audit },
  });
  const send = (line: string, userId = 'U0ALICE') =>
    dispatch({ source: 'slack', text: line, userId, teamId: 'T0EXAMPLE', channelId: 'C0EXAMPLE01' });
  return { audit, send };
}

describe('dispatcher', () => {
  it('runs a permitted write and audits started then succeeded with one request id', async () => {
    const { audit, send } = setup();
    const outcome = await send('scale web 3 --reason "load test"');
    expect(outcome).toMatchObject({ status: 'succeeded', result: 3 });
    expect(audit.events.map((e) => [e.outcome, e.command, e.reason, e.risk])).toEqual([
      ['started', 'scale', 'load test', 'write'],
      ['succeeded', 'scale', 'load test', 'write'],
    ]);
    expect(audit.events[0]?.requestId).toBe(audit.events[1]?.requestId);
    expect(audit.events[1]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('does not run when the started row cannot be written', async () => {
    const { send } = setup({ failOn: 'started' });
    runs.length = 0;
    const outcome = await send('scale web 5');
    expect(outcome.status).toBe('failed');
    expect(runs).toEqual([]);
    expect(outcome.reply.summary).toMatch(/audit log could not be written/);
  });

  it('refuses a destructive request until approvals exist, audited as denied, nothing run', async () => {
    const { audit, send } = setup();
    runs.length = 0;
    const outcome = await send('scale web 0');
    expect(outcome).toMatchObject({ status: 'refused', code: 'denied' });
    expect(runs).toEqual([]);
    expect(audit.events.map((e) => [e.outcome, e.risk])).toEqual([['denied', 'destructive']]);
  });

  it('refuses a write to a viewer, audited as denied', async () => {
    const { audit, send } = setup();
    const outcome = await send('scale web 2', 'U0VIEWER');
    expect(outcome).toMatchObject({ status: 'refused', code: 'denied' });
    expect(audit.events.map((e) => e.outcome)).toEqual(['denied']);
  });

  // Issue 10, item 5: usage errors are not operations: answered, never audited, no database needed.
  it('answers bad arguments with the usage line and audits nothing', async () => {
    const { audit, send } = setup();
    const outcome = await send('scale web lots');
    expect(outcome).toMatchObject({ status: 'refused', code: 'usage' });
    expect(JSON.stringify(outcome.reply)).toContain('Usage: /radio scale <service> <count>');
    expect(audit.events).toEqual([]);
  });

  it('answers an unknown command with suggestions and audits nothing', async () => {
    const { audit, send } = setup();
    const outcome = await send('scael web 2');
    expect(outcome).toMatchObject({ status: 'refused', code: 'unknown_command' });
    expect(outcome.reply.parts).toContainEqual({ kind: 'note', text: ['Did you mean ', { code: 'scale' }, '?'] });
    expect(audit.events).toEqual([]);
  });

  it('shows a UserError from run, and only a reference for anything else', async () => {
    const { audit, send } = setup();
    const shown = await send('scale missing 2');
    expect(shown.reply.summary).toBe('No such service.');
    const hidden = await send('scale broken 2');
    expect(hidden.status).toBe('failed');
    expect(JSON.stringify(hidden.reply)).not.toContain('10.0.0.5');
    expect(hidden.reply.summary).toMatch(/Reference: [0-9a-f]{8}/);
    // Issue 10, item 6: a precondition from run is `invalid`, as it is from plan; anything unexpected is `failed`.
    expect(audit.events.filter((e) => e.outcome !== 'started').map((e) => [e.outcome, e.error])).toEqual([
      ['invalid', 'No such service.'],
      ['failed', 'socket hang up at 10.0.0.5'],
    ]);
  });
});

describe('dispatcher with a plan (dry-run and escalation)', () => {
  const calls: string[] = [];
  const resize = defineCommand({
    name: 'resize',
    usage: 'resize <delta>',
    summary: 'test resize',
    examples: [],
    positional: ['delta'],
    flags: {},
    args: z.object({ delta: z.coerce.number().int() }),
    risk: () => 'write',
    async plan({ args }) {
      if (args.delta === 99) throw new Error('describe failed at 10.0.0.9');
      const target = 2 + args.delta;
      return {
        current: [['desiredCount', '2']],
        calls: [{ service: 'ECS', operation: 'UpdateService', input: { desiredCount: target } }],
        warnings: [],
        state: target,
        ...(target < 1 ? { escalate: { risk: 'destructive' as const, because: 'below the minimum of 1' } } : {}),
      };
    },
    async run({ plan }) {
      calls.push(`run with ${String(plan?.state)}`);
      return plan?.state;
    },
    present: (n: number) => ({ summary: `now ${n}`, visibility: 'in_channel', parts: [text(`now ${n}`)] }),
  });

  function setupPlan() {
    const audit = memoryAuditLog();
    const dispatch = createDispatcher({
      registry: buildRegistry([resize]),
      config,
      directory: groups({}),
      log: silentLog,
      integrations: { stationDb: untouchedStationDb, audit },
    });
    const send = (line: string, userId = 'U0ALICE') => dispatch({ source: 'shell', text: line, userId });
    return { audit, send };
  }

  it('runs with the plan it computed just before', async () => {
    calls.length = 0;
    const { send } = setupPlan();
    expect(await send('resize +1')).toMatchObject({ status: 'succeeded', result: 3 });
    expect(calls).toEqual(['run with 3']);
  });

  it('--dry-run shows the exact calls, runs nothing, and needs only the read role', async () => {
    calls.length = 0;
    const { audit, send } = setupPlan();
    const outcome = await send('resize +1 --dry-run', 'U0VIEWER');
    expect(outcome.status).toBe('succeeded');
    expect(calls).toEqual([]);
    const shown = JSON.stringify(outcome.reply);
    expect(shown).toContain('UpdateService');
    expect(shown).toContain('\\"desiredCount\\": 3');
    expect(shown).toContain('Nothing was changed');
    expect(audit.events.map((e) => [e.outcome, e.args])).toEqual([
      ['started', { delta: 1, dryRun: true }],
      ['succeeded', { delta: 1, dryRun: true }],
    ]);
  });

  it('escalates to destructive when the plan shows it, and refuses without running', async () => {
    calls.length = 0;
    const { audit, send } = setupPlan();
    expect(await send('resize -2')).toMatchObject({ status: 'refused', code: 'denied' });
    expect(calls).toEqual([]);
    expect(audit.events.map((e) => [e.outcome, e.risk])).toEqual([['denied', 'destructive']]);
  });

  it('refuses --dry-run on a command that changes nothing', async () => {
    const { send } = setupPlan();
    expect(await send('help --dry-run')).toMatchObject({ status: 'refused', code: 'usage' });
  });

  it('audits a failed plan and shows only a reference', async () => {
    const { audit, send } = setupPlan();
    const outcome = await send('resize 99');
    expect(outcome.status).toBe('failed');
    expect(JSON.stringify(outcome.reply)).not.toContain('10.0.0.9');
    expect(audit.events.map((e) => [e.outcome, e.error])).toEqual([['failed', 'describe failed at 10.0.0.9']]);
  });
});
