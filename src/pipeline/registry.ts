import type { AnyCommand } from './command.js';
import { editDistance } from './edit-distance.js';
import { UserError } from './user-error.js';

const CANONICAL_NAME = /^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*$/;

/** The commands a pipeline knows, by canonical name. Built once at start from an explicit list. */
export class Registry {
  private readonly byName = new Map<string, AnyCommand>();
  private readonly maxWords: number;

  /** @throws Error on a malformed or duplicate name: a programming error, caught at start. */
  constructor(commands: readonly AnyCommand[]) {
    for (const command of commands) {
      if (!CANONICAL_NAME.test(command.name))
        throw new Error(`Command name "${command.name}" is not lower-case words separated by one space`);
      if (this.byName.has(command.name)) throw new Error(`Command "${command.name}" is registered twice`);
      this.byName.set(command.name, command);
    }
    this.maxWords = Math.max(1, ...commands.map((command) => command.name.split(' ').length));
  }

  get commands(): AnyCommand[] {
    return [...this.byName.values()];
  }

  get(name: string): AnyCommand | undefined {
    return this.byName.get(name);
  }

  /** The longest command name that the first words spell (case-insensitive), and the words after it. */
  resolve(words: readonly string[]): { command: AnyCommand; rest: string[] } | undefined {
    for (let count = Math.min(this.maxWords, words.length); count >= 1; count--) {
      const command = this.byName.get(words.slice(0, count).join(' ').toLowerCase());
      if (command) return { command, rest: words.slice(count) };
    }
    return undefined;
  }

  /**
   * Up to three full command names for words that name none: those whose every word is within a typo or
   * two of the typed word in its place (closest first, longer paths first on a tie, so `db slwo-queries`
   * gives `db slow-queries`); failing that, the commands of the typed group (`db` gives three `db …`).
   */
  suggest(words: readonly string[]): string[] {
    const typed = words.slice(0, this.maxWords).map((word) => word.toLowerCase());
    const names = [...this.byName.keys()];
    const ranked = names
      .map((name) => ({ name, parts: name.split(' ') }))
      .filter(({ parts }) => parts.length <= typed.length)
      .map(({ name, parts }) => ({ name, parts, typos: parts.map((part, i) => editDistance(typed[i] ?? '', part)) }))
      // A typo or so per word, more in longer words: `sacle` (1 of 5) yes, `zzzzzz` (6 of 6) no.
      .filter(({ parts, typos }) => typos.every((count, i) => count <= Math.max(1, Math.floor(parts[i]!.length / 3))))
      .map(({ name, parts, typos }) => ({ name, words: parts.length, typos: typos.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => a.typos - b.typos || b.words - a.words)
      .map(({ name }) => name);
    const sameGroup = names.filter((name) => name.split(' ')[0] === typed[0] && name !== typed[0]);
    return (ranked.length > 0 ? ranked : sameGroup).slice(0, 3);
  }

  /**
   * The refusal for words that name no command: it quotes the command words as typed (as many as the
   * closest suggestion has, else the group and one more, else the first), not the arguments after them.
   */
  unknownCommand(words: readonly string[]): UserError {
    const suggestions = this.suggest(words);
    const first = (words[0] ?? '').toLowerCase();
    const isGroup = this.commands.some((command) => command.name.startsWith(`${first} `));
    const count = suggestions[0]?.split(' ').length ?? (isGroup ? 2 : 1);
    const hint = suggestions.length === 0 ? 'See `/radio help`.' : didYouMean(suggestions);
    return new UserError('unknown_command', `Unknown command \`${words.slice(0, count).join(' ')}\`.`, [hint]);
  }

  /**
   * For words that named a command whose arguments were refused: the longer commands they may have
   * meant (`alarms histroy x` named `alarms`, and meant `alarms history`).
   */
  longerMeant(command: AnyCommand, words: readonly string[]): string[] {
    return this.suggest(words).filter((name) => name.startsWith(`${command.name} `));
  }
}

/** `Did you mean \`a\`?`, or `\`a\`, \`b\` or \`c\`` for several. */
export function didYouMean(names: readonly string[]): string {
  const spans = names.map((name) => `\`${name}\``);
  return `Did you mean ${spans.length === 1 ? spans[0] : `${spans.slice(0, -1).join(', ')} or ${spans.at(-1)}`}?`;
}
