import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { buildRegistry } from '../commands/index.js';
import type { RadioConfig } from '../config/radio-config.js';
import type { SqlClient } from '../db/sql-client.js';
import type { AnyCommand } from '../pipeline/command.js';
import type { Registry } from '../pipeline/registry.js';
import { BUILTIN_RUNBOOKS } from './builtin-runbooks.js';
import { checkRunbooks, type CheckedRunbook } from './check-runbooks.js';
import { Runbook } from './runbook.js';
import { runbookCommands } from './runbook-commands.js';
import { createRunbookEngine, type RunbookEngine, type RunbookEngineOptions } from './runbook-engine.js';
import type { RunbookHost } from './runbook-start-command.js';
import { createRunStore } from './run-store.js';

/** The registry with the runbook commands, and what the engine needs once the pipeline is built. */
export interface RunbookRegistry {
  registry: Registry;
  runbooks: CheckedRunbook[];
  host: RunbookHost;
}

/**
 * Checks the built-in and the YAML's runbooks against the registry of `extra` and the built-in commands
 * (steps can't start runbooks), then builds the registry with one `runbook <name>` per runbook and the run
 * commands. A built-in left out is announced with why.
 *
 * @throws ConfigError when a custom runbook does not check (`where` prefixes each problem).
 */
export function buildRunbookRegistry(
  radio: RadioConfig,
  extra: readonly AnyCommand[] = [],
  announce: (message: string) => void = () => undefined,
  where = 'runbooks',
): RunbookRegistry {
  const builtIn = BUILTIN_RUNBOOKS.map((runbook) => Runbook.parse(runbook));
  const checked = checkRunbooks({ builtIn, custom: radio.runbooks, where }, buildRegistry([...extra]), radio);
  for (const { name, why } of checked.leftOut)
    announce(`radio-ops: the built-in runbook "${name}" is left out: ${why}`);
  const host: RunbookHost = {};
  const registry: Registry = buildRegistry([
    ...extra,
    ...runbookCommands(checked.runbooks, () => registry, host, checked.leftOut),
  ]);
  return { registry, runbooks: checked.runbooks, host };
}

/** Builds the engine on the bot database and puts it where the runbook commands find it. */
export function attachRunbookEngine(
  built: RunbookRegistry,
  db: SqlClient,
  options: Omit<RunbookEngineOptions, 'store' | 'runbooks' | 'owner' | 'registry'> & {
    log: Logger;
    /** Advance only runs started from this source (see `createRunStore`). */
    onlySource?: string;
  },
): RunbookEngine {
  const { onlySource, ...engineOptions } = options;
  built.host.engine = createRunbookEngine({
    ...engineOptions,
    store: createRunStore(db, onlySource),
    runbooks: built.runbooks,
    registry: built.registry,
    owner: randomUUID(),
  });
  return built.host.engine;
}
