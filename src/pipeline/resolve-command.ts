import type { AnyCommand } from './command.js';
import type { Registry } from './registry.js';
import { UserError } from './user-error.js';

/**
 * The command the first words name, and the words after it (no words: `help`). Shared by the dispatcher
 * and the start-time check of playbook command lines, so both refuse a line in the same words.
 *
 * @throws UserError (`unknown_command`) with up to three suggestions.
 */
export function resolveCommand(registry: Registry, words: readonly string[]): { command: AnyCommand; rest: string[] } {
  const found = registry.resolve(words.length === 0 ? ['help'] : words);
  if (found) return found;
  const suggestions = registry.suggest(words);
  throw new UserError('unknown_command', `There is no command \`${words.join(' ')}\`.`, [
    suggestions.length > 0 ? `Did you mean: ${suggestions.map((s) => `\`${s}\``).join(', ')}?` : 'See `/radio help`.',
  ]);
}
