// A destructive test command and an approval service on this worker's real Postgres.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createApprovalService } from '../../src/approvals/approval-service.js';
import { createApprovalStore } from '../../src/approvals/approval-store.js';
import type { ApprovalNotifier } from '../../src/approvals/approval-notifier.js';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.js';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import type { Integrations } from '../../src/integrations/integrations.js';
import type { OperationStore } from '../../src/operations/operation-store.js';
import { defineCommand, type Invocation } from '../../src/pipeline/command.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import { createExecutor } from '../../src/pipeline/execute.js';
import { text } from '../../src/pipeline/reply.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { groups, silentLog, untouchedStationDb } from './fakes.js';

/**
 * What the world looks like to `wipe`: its plan reads `state.generation`; its run counts executions.
 * With `dryRunOnly`, `wipe` can only be planned here (as an AWS command without credentials), for that reason.
 */
export function wipeWorld(dryRunOnly?: string) {
  const state = { generation: 1, executions: [] as { target: string; key: string }[] };
  const wipe = defineCommand({
    name: 'wipe',
    usage: 'wipe <target>',
    summary: 'test destructive command',
    examples: [],
    positional: ['target'],
    flags: {},
    args: z.object({ target: z.string() }),
    risk: () => 'destructive',
    dryRunOnly: () => dryRunOnly,
    plan: async ({ args }) => ({
      current: [['generation', String(state.generation)]],
      warnings: [],
      state: state.generation,
      calls: [{ service: 'Test', operation: 'Wipe', input: { target: args.target } }],
    }),
    recheck: (then, now) =>
      then.state !== now.state ? `generation moved from ${String(then.state)} to ${String(now.state)}` : undefined,
    async run({ args, idempotencyKey }) {
      state.executions.push({ target: args.target, key: idempotencyKey });
      return `wiped ${args.target}`;
    },
    present: (result: string) => ({ summary: result, visibility: 'in_channel', parts: [text(result)] }),
  });
  return { state, wipe };
}

export const approvalConfig = (overrides: Partial<RadioConfig['approvals']> = {}) =>
  RadioConfig.parse({
    slack: { teamId: 'T0EXAMPLE', channels: [] },
    roles: { viewer: ['*'], operator: ['U0ALICE', 'U0BOB'], approver: ['U0BOB', 'U0CAROL', 'S0APPROVERS'] },
    approvals: { ttl: '30m', quorum: overrides.quorum ?? 1 },
  });

export interface ApprovalSetupOptions {
  config?: RadioConfig;
  notifier?: ApprovalNotifier;
  approverGroup?: string[];
  integrations?: Partial<Integrations>;
  /** Where approved results that ask to be followed (`follow`) are recorded; none by default. */
  operations?: OperationStore;
  /** The audit log; default: the real one on `db`. */
  audit?: AuditLog;
  /** Why `wipe` can only be planned here; default: it may run. */
  dryRunOnly?: string;
}

export function approvalSetup(db: SqlClient, options: ApprovalSetupOptions = {}) {
  const world = wipeWorld(options.dryRunOnly);
  const config = options.config ?? approvalConfig();
  const audit = options.audit ?? createAuditLog(db);
  const registry = buildRegistry([world.wipe]);
  const directory = groups({ S0APPROVERS: options.approverGroup ?? [] });
  const integrations: Integrations = { stationDb: untouchedStationDb, audit, ...options.integrations };
  const cards: { kind: string; status: string }[] = [];
  const notifier: ApprovalNotifier = options.notifier ?? {
    post: async (record) => {
      cards.push({ kind: 'post', status: record.status });
      return { channel: 'C0EXAMPLE01', ts: '1.0001' };
    },
    update: async (record) => {
      cards.push({ kind: 'update', status: record.status });
    },
    thread: async (record) => {
      cards.push({ kind: 'thread', status: record.status });
    },
  };
  const executor = createExecutor({ audit, log: silentLog });
  const service = createApprovalService({
    store: createApprovalStore(db),
    audit,
    registry,
    config,
    directory,
    notifier,
    executor,
    integrations,
    log: silentLog,
    shellApprovalsCount: false,
    operations: options.operations,
  });
  const dispatch = createDispatcher({
    registry,
    config,
    integrations,
    directory,
    log: silentLog,
    executor,
    approvals: service,
  });
  const as = (userId: string, source: Invocation['source'] = 'slack'): Invocation => ({
    requestId: randomUUID(),
    source,
    userId,
    teamId: 'T0EXAMPLE',
    channelId: 'C0EXAMPLE01',
    text: 'approve',
  });
  const send = (line: string, userId: string) =>
    dispatch({ source: 'slack', text: line, userId, teamId: 'T0EXAMPLE', channelId: 'C0EXAMPLE01' });
  const chain = async (approvalId: string) => {
    const { rows } = await db.query<{
      outcome: string;
      user_id: string;
      requester_id: string | null;
      approvers: string[] | null;
      error: string | null;
    }>('SELECT outcome, user_id, requester_id, approvers, error FROM audit_events WHERE approval_id = $1 ORDER BY id', [
      approvalId,
    ]);
    return rows;
  };
  return { ...world, service, dispatch, send, as, chain, cards, config, audit };
}
