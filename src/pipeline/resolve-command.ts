import type { AnyCommand } from './command.js';
import type { Registry } from './registry.js';

/**
 * The command the first words name, and the words after it (no words: `help`). Shared by the dispatcher
 * and the start-time check of playbook command lines, so both refuse a line in the same words.
 *
 * @throws UserError (`unknown_command`) with a did-you-mean ({@link Registry.unknownCommand}).
 */
export function resolveCommand(registry: Registry, words: readonly string[]): { command: AnyCommand; rest: string[] } {
  const found = registry.resolve(words.length === 0 ? ['help'] : words);
  if (found) return found;
  throw registry.unknownCommand(words);
}
