import type { AnyCommand } from '../pipeline/command.js';
import { Registry } from '../pipeline/registry.js';
import { auditCommand } from './audit.js';
import { helpCommand } from './help.js';

/** Every command radio-ops knows: one line each, no directory scanning. */
const COMMANDS: AnyCommand[] = [
  auditCommand,
];

/** Builds the registry; throws at start on a duplicate or malformed name. */
export function buildRegistry(extra: AnyCommand[] = []): Registry {
  const registry: Registry = new Registry([...COMMANDS, ...extra, helpCommand(() => registry)]);
  return registry;
}
