// Runbooks on this worker's real Postgres: test commands that count their runs, custom runbooks over them,
// the approval service, the dispatcher and an engine that can be built twice (a restart) on the same tables.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../src/alarms/clock.js';
import { createApprovalService } from '../../src/approvals/approval-service.js';
import { createApprovalStore } from '../../src/approvals/approval-store.js';
import type { ApprovalNotifier } from '../../src/approvals/approval-notifier.js';
import { createAuditLog } from '../../src/audit/audit-log.js';
import { buildRegistry } from '../../src/commands/index.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import type { Integrations } from '../../src/integrations/integrations.js';
import { defineCommand, type AnyCommand, type Risk } from '../../src/pipeline/command.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { createExecutor } from '../../src/pipeline/execute.js';
import type { Registry } from '../../src/pipeline/registry.js';
import { text, type Reply } from '../../src/pipeline/reply.js';
import { checkRunbooks } from '../../src/runbooks/check-runbooks.js';
import { Runbook, type RunbookInput } from '../../src/runbooks/runbook.js';
import { runbookCommands } from '../../src/runbooks/runbook-commands.js';
import { createRunbookEngine } from '../../src/runbooks/runbook-engine.js';
import type { RunbookNotifier } from '../../src/runbooks/run-reporting.js';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import type { RunbookHost } from '../../src/runbooks/runbook-start-command.js';
import { createRunStore } from '../../src/runbooks/run-store.js';
import { approvalConfig, wipeWorld } from './approvals-fixture.js';
import { groups, silentLog, untouchedStationDb } from './fakes.js';

/**
 * What the test commands did: `touch` runs by target, whether `flaky` fails, `hang` runs that never end, `slow`
 * runs that started and wait for `finishSlow()`.
 */
export function stepWorld() {
  const state = { touched: [] as string[], flakyFails: true, hung: 0, slow: 0, ready: false };
  let finishSlow = () => undefined as void;
  const slowDone = new Promise<void>((resolve) => (finishSlow = resolve));
  const command = (name: string, risk: Risk, run: (target: string) => Promise<string>, positional = ['target']) =>
    defineCommand({
      name,
      usage: name,
      summary: `test ${name}`,
      examples: [],
      positional,
      flags: {},
      args: z.object({ target: z.string().default('-') }),
      risk: () => risk,
      run: ({ args }) => run(args.target),
      present: (said: string): Reply => ({ summary: said, visibility: 'in_channel', parts: [text(said)] }),
    });
  const commands: AnyCommand[] = [
    command('test touch', 'write', async (target) => {
      state.touched.push(target);
      return `touched ${target}`;
    }),
    command('test flaky', 'write', async () => {
      if (state.flakyFails) throw new Error('the flaky step failed');
      state.touched.push('flaky');
      return 'flaky worked';
    }),
    command('test slow', 'write', async () => {
      state.slow += 1;
      await slowDone;
      state.touched.push('slow');
      return 'slow done';
    }),
    command('test hang', 'write', () => {
      state.hung += 1;
      return new Promise<string>(() => undefined);
    }),
    command('test ready', 'read', async () => {
      if (!state.ready) throw new Error('not ready yet');
      return 'ready';
    }),
  ];
  return { state, commands, finishSlow: () => finishSlow() };
}

export const TEST_RUNBOOKS: RunbookInput[] = [
  {
    name: 'provision',
    summary: 'touch, a person adds the mount, touch again, wait until ready',
    arguments: [
      { name: 'slug', example: 'electro', pattern: '^[a-z][a-z0-9-]{0,30}$' },
      { name: 'name', flag: true, example: 'Electro' },
    ],
    steps: [
      { command: 'test touch audio/{slug}/' },
      { manual: 'Add <mount><mount-name>/{slug}.mp3</mount-name></mount> for {name} and reload Icecast' },
      { command: 'test touch row-{slug}' },
      { wait: 'until test ready', every: '1s', timeout: '1h' },
    ],
  },
  {
    name: 'wipe-all',
    summary: 'touch, then wipe (destructive)',
    arguments: [{ name: 'target', example: 'rap' }],
    steps: [{ command: 'test touch before-{target}' }, { command: 'wipe {target}' }],
  },
  {
    name: 'flaky',
    summary: 'touch a, a flaky step, touch b',
    steps: [{ command: 'test touch a' }, { command: 'test flaky' }, { command: 'test touch b' }],
  },
  {
    name: 'doomed',
    summary: 'one step, and it fails',
    steps: [{ command: 'test flaky' }],
  },
  {
    name: 'cutover',
    summary: 'touch, then a step with its own approval',
    steps: [{ command: 'test touch prepared' }, { command: 'test touch cut-over', approval: 'own' }],
  },
  {
    name: 'outlived',
    summary: 'touch, a slow step, touch again',
    steps: [{ command: 'test touch early' }, { command: 'test slow' }, { command: 'test touch late' }],
  },
  {
    name: 'crash',
    summary: 'touch, then a step that never ends',
    steps: [{ command: 'test touch first' }, { command: 'test hang' }],
  },
];

export interface RunbookSetupOptions {
  /** The station's modules and AWS clients the steps use (default: none, a station database never queried). */
  integrations?: Partial<Integrations>;
  /** Built-in runbooks to check in (default none); the test runbooks are always the custom ones. */
  builtIn?: RunbookInput[];
  /** Resolves when Slack answers a card's post (default at once): a slow Slack, or one held by its rate limit. */
  cardPosted?: Promise<unknown>;
  /** Why `wipe` can only be planned here (a process without AWS credentials); default: it may run. */
  wipeDryRunOnly?: string;
  /** Awaited by every card update (a step starting updates it): holds the engine there, as a latch. */
  cardUpdated?: (run: RunRow) => Promise<unknown>;
}

export function runbookSetup(db: SqlClient, options: RunbookSetupOptions = {}) {
  const world = stepWorld();
  const wipe = wipeWorld(options.wipeDryRunOnly);
  const config = approvalConfig();
  const audit = createAuditLog(db);
  const extra = [...world.commands, wipe.wipe];
  const checked = checkRunbooks(
    {
      builtIn: (options.builtIn ?? []).map((r) => Runbook.parse(r)),
      custom: TEST_RUNBOOKS.map((r) => Runbook.parse(r)),
    },
    buildRegistry(extra),
    config,
  );
  const host: RunbookHost = {};
  const registry: Registry = buildRegistry([...extra, ...runbookCommands(checked.runbooks, () => registry, host)]);
  const directory = groups({ S0APPROVERS: [] });
  const integrations: Integrations = { stationDb: untouchedStationDb, ...options.integrations, audit };
  const cards: { kind: 'post' | 'update' | 'thread'; runId: string; summary: string }[] = [];
  const notifier: RunbookNotifier = {
    post: async (run, card) => {
      await options.cardPosted;
      cards.push({ kind: 'post', runId: run.id, summary: card.summary });
      return { channel: 'C0EXAMPLE01', ts: `${cards.length}.0001` };
    },
    update: async (run, card) => {
      cards.push({ kind: 'update', runId: run.id, summary: card.summary });
      await options.cardUpdated?.(run);
    },
    thread: async (run, reply) => void cards.push({ kind: 'thread', runId: run.id, summary: reply.summary }),
  };
  const approvalNotifier: ApprovalNotifier = {
    post: async () => ({ channel: 'C0EXAMPLE01', ts: '1.0001' }),
    update: async () => undefined,
    thread: async () => undefined,
  };
  const executor = createExecutor({ audit, log: silentLog });
  const approvals = createApprovalService({
    store: createApprovalStore(db),
    audit,
    registry,
    config,
    directory,
    notifier: approvalNotifier,
    executor,
    integrations,
    log: silentLog,
    shellApprovalsCount: false,
  });
  const dispatch = createDispatcher({ registry, config, integrations, directory, log: silentLog, executor, approvals });
  const store = createRunStore(db);
  /** A new engine on the same tables, as a restarted server builds it (a new lease owner). */
  const engine = (options: { leaseMs?: number; clock?: Clock } = {}) => {
    host.engine = createRunbookEngine({
      store,
      runbooks: checked.runbooks,
      notifier,
      owner: randomUUID(),
      log: silentLog,
      registry,
      config,
      integrations,
      directory,
      executor,
      ...options,
    });
    return host.engine;
  };
  engine();
  const send = (line: string, userId: string) =>
    dispatch({ source: 'slack', text: line, userId, teamId: 'T0EXAMPLE', channelId: 'C0EXAMPLE01' });
  const chain = async (requestId: string) =>
    (
      await db.query<{
        request_id: string;
        parent_request_id: string | null;
        command: string | null;
        outcome: string;
        user_id: string;
        approval_id: string | null;
        text: string;
        args: unknown;
        error: string | null;
      }>(
        `SELECT request_id, parent_request_id, command, outcome, user_id, approval_id, text, args, error FROM audit_events
         WHERE request_id = $1 OR parent_request_id = $1 ORDER BY id`,
        [requestId],
      )
    ).rows;
  return { ...world, wipe, store, engine, host, send, chain, cards, registry, checked, db };
}
