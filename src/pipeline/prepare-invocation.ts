import type { RadioConfig } from '../config/radio-config.js';
import type { Integrations } from '../integrations/integrations.js';
import { authorize, type Directory } from './authorize.js';
import { bindArguments } from './bind-arguments.js';
import { checkNeeds } from './check-needs.js';
import type { AnyCommand, Invocation, Risk } from './command.js';
import { parseCommandLine } from './parse-command-line.js';
import { didYouMean, type Registry } from './registry.js';
import { resolveCommand } from './resolve-command.js';
import { UserError } from './user-error.js';

/** An invocation that passed parsing, validation and the role check, ready to plan and run. */
export interface PreparedInvocation {
  command: AnyCommand;
  args: unknown;
  reason?: string;
  risk: Risk;
  /** Plan only: asked with `--dry-run`, or forced (see `forcedDryRun`). */
  dryRun: boolean;
  /** Why the command could only be planned, when that was not asked for. */
  forcedDryRun?: string;
}

/** What a refusal knew before it was refused, so its audit row says as much as possible. */
export interface PartialInvocation {
  command?: AnyCommand;
  args?: unknown;
  reason?: string;
  risk?: Risk;
}

interface PrepareDependencies {
  registry: Registry;
  config: RadioConfig;
  integrations: Integrations;
  directory: Directory;
}

/**
 * Parse (or take the `typedWords` a structured front door gives), look up, validate, decide risk,
 * authorize. A dry-run changes nothing, so it needs only the read role. `known` is filled in as steps
 * pass, for the audit row of a refusal.
 *
 * @throws UserError (`unknown_command`, `usage`, `denied`, `not_configured`) saying what was wrong.
 */
export async function prepareInvocation(
  invocation: Invocation,
  deps: PrepareDependencies,
  known: PartialInvocation,
  typedWords?: readonly string[],
): Promise<PreparedInvocation> {
  const words = typedWords ? [...typedWords] : parseCommandLine(invocation.text);
  const found = resolveCommand(deps.registry, words);
  known.command = found.command;
  const bound = bindOrSuggest(deps.registry, found.command, found.rest, words);
  Object.assign(known, { args: bound.args, reason: bound.reason });
  known.risk = found.command.risk(bound.args, deps.config);
  const forcedDryRun = bound.dryRun ? undefined : found.command.dryRunOnly?.(deps.integrations);
  const dryRun = bound.dryRun || forcedDryRun !== undefined;
  // A `--dry-run` changes nothing, so the read roles may see it; a command's own `requires` applies otherwise.
  // One that can only be planned here was still asked to act, and may become an approval request: the
  // roles of the act apply, so nobody who couldn't ask for it live can page the approvers for it.
  await authorize(
    invocation,
    bound.dryRun ? 'read' : known.risk,
    deps.config,
    deps.directory,
    bound.dryRun ? undefined : found.command.requires,
  );
  checkNeeds(found.command, deps.integrations);
  return { command: found.command, args: bound.args, reason: bound.reason, risk: known.risk, dryRun, forcedDryRun };
}

/** Binds the arguments; when they are refused and a longer command was likely meant, says which. */
function bindOrSuggest(registry: Registry, command: AnyCommand, rest: string[], words: readonly string[]) {
  try {
    return bindArguments(command, rest);
  } catch (error) {
    // An unknown name found while binding (`runbook scale-upp`) carries its own did-you-mean.
    if (!(error instanceof UserError) || error.code === 'unknown_command') throw error;
    const longer = registry.longerMeant(command, words);
    if (longer.length === 0) throw error;
    throw new UserError(error.code, error.message, [...error.details, didYouMean(longer)]);
  }
}
