import { closest, distance } from 'fastest-levenshtein';
import type { AnyCommand } from './command.js';

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

  /** Up to three names close to what was typed: by edit distance, then others of the same first word. */
  suggest(words: readonly string[]): string[] {
    const typed = words.slice(0, this.maxWords).join(' ').toLowerCase();
    const first = (words[0] ?? '').toLowerCase();
    const names = [...this.byName.keys()];
    const sameGroup = names.filter((name) => name.split(' ')[0] === first && name !== first);
    const ranked = names
      .map((name) => ({ name, score: distance(typed.slice(0, name.length + 2), name) }))
      .filter(({ name, score }) => score <= Math.max(2, Math.floor(name.length / 3)))
      .sort((a, b) => a.score - b.score)
      .map(({ name }) => name);
    const best = typed ? closest(typed, names) : undefined;
    const picks = [...new Set([...ranked, ...sameGroup])];
    if (picks.length === 0 && best && distance(first, best.split(' ')[0] ?? '') <= 2) picks.push(best);
    return picks.slice(0, 3);
  }
}
