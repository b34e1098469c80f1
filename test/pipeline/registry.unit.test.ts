import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildRegistry } from '../../src/commands/index.js';
import { defineCommand } from '../../src/pipeline/command.js';
import { Registry } from '../../src/pipeline/registry.js';
import { commandRunner, replyText } from '../support/command-runner.js';

const named = (name: string) =>
  defineCommand({
    name,
    usage: name,
    summary: '',
    examples: [],
    positional: [],
    flags: {},
    args: z.object({}),
    risk: () => 'read',
    run: async () => null,
    present: () => ({ summary: '', parts: [], visibility: 'ephemeral' }),
  });

describe('Registry', () => {
  it('fails at start on a duplicate or malformed name', () => {
    expect(() => new Registry([named('db size'), named('db size')])).toThrow(/registered twice/);
    expect(() => new Registry([named('db  size')])).toThrow(/one space/);
    expect(() => new Registry([named('DB size')])).toThrow(/lower-case/);
  });

  it('resolves the longest name, case-insensitively, and returns the rest', () => {
    const registry = new Registry([named('db'), named('db size')]);
    expect(registry.resolve(['DB', 'Size', '--reason', 'x'])).toMatchObject({
      command: { name: 'db size' },
      rest: ['--reason', 'x'],
    });
    expect(registry.resolve(['db', 'other'])).toMatchObject({ command: { name: 'db' }, rest: ['other'] });
    expect(registry.resolve(['nothing'])).toBeUndefined();
  });

  it('suggests close names for typos and the commands of a group', () => {
    const registry = buildRegistry();
    expect(registry.suggest(['db', 'conections'])).toContain('db connections');
    const group = registry.suggest(['db']);
    expect(group).toHaveLength(3);
    expect(group.every((name) => name.startsWith('db '))).toBe(true);
    expect(registry.suggest(['db', 'sise'])[0]).toBe('db size');
    expect(registry.suggest(['hlep'])).toContain('help');
    expect(registry.suggest(['zzzzzz'])).toEqual([]);
  });

  it('fault 21: a typo in any word of a command path gets the closest full path first', () => {
    const registry = buildRegistry();
    // A transposition is one typo: plain Levenshtein counts `sacle` two edits from `scale`.
    expect(registry.suggest(['sacle', 'n8n', '4'])[0]).toBe('scale');
    expect(registry.suggest(['SACLE', 'N8N', '4'])[0]).toBe('scale');
    expect(registry.suggest(['db', 'slwo-queries'])[0]).toBe('db slow-queries');
    expect(registry.suggest(['db', 'slwo-queries', '--min', '5m'])[0]).toBe('db slow-queries');
    expect(registry.suggest(['bd', 'size'])[0]).toBe('db size');
    expect(registry.suggest(['s3', 'presgin', 'audio/rap/x.mp3'])[0]).toBe('s3 presign');
    expect(registry.suggest(['invaldiate', 'rap'])[0]).toBe('invalidate');
  });

  it('fault 21: the refusal names the mistyped command words, not the arguments', () => {
    const registry = buildRegistry();
    const refusal = (words: string[]) => {
      const error = registry.unknownCommand(words);
      return [error.code, error.message, ...error.details];
    };
    expect(refusal(['sacle', 'n8n', '4'])).toEqual([
      'unknown_command',
      'Unknown command `sacle`.',
      'Did you mean `scale`?',
    ]);
    expect(refusal(['db', 'slwo-queries'])).toEqual([
      'unknown_command',
      'Unknown command `db slwo-queries`.',
      'Did you mean `db slow-queries`?',
    ]);
    expect(refusal(['zzzzzz', '4'])).toEqual(['unknown_command', 'Unknown command `zzzzzz`.', 'See `/radio help`.']);
  });

  it('fault 21: a typo in the second word after a one-word command (alarms histroy) gets the did-you-mean too', async () => {
    const { run } = commandRunner({});
    const outcome = await run('alarms histroy radio-db-cpu-high');
    expect(outcome).toMatchObject({ status: 'refused', code: 'usage' });
    expect(replyText(outcome.reply)).toContain('Did you mean alarms history?');
  });
});
