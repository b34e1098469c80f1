import type { Integrations } from '../integrations/integrations.js';
import { MODULES } from '../integrations/modules.js';
import type { AnyCommand } from './command.js';
import { UserError } from './user-error.js';

/**
 * Refuses a command whose `needs` name a module not set up in this process, with that module's own
 * words, so `plan` and `run` can rely on their clients being there.
 *
 * @throws UserError `not_configured` with the first missing module's `notConfigured` text.
 */
export function checkNeeds(command: AnyCommand, integrations: Integrations): void {
  const needs: readonly string[] = command.needs ?? [];
  for (const module of MODULES.values()) {
    if (needs.includes(module.id) && integrations[module.id] === undefined) throw new UserError('not_configured', module.notConfigured);
  }
}
