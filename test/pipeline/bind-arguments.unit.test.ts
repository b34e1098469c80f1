import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseDuration } from '../../src/config/duration.js';
import { bindArguments } from '../../src/pipeline/bind-arguments.js';
import { defineCommand } from '../../src/pipeline/command.js';
import { UserError } from '../../src/pipeline/user-error.js';

const scale = defineCommand({
  name: 'scale',
  usage: 'scale <service> <count|+N|-N>',
  summary: '',
  examples: [],
  positional: ['service', 'count'],
  flags: { older: 'string', full: 'boolean' },
  args: z.object({
    service: z.string(),
    count: z.string().regex(/^[+-]?\d+$/, 'a count like 4, +2 or -1'),
    older: z
      .string()
      .refine((s) => parseDuration(s) !== undefined, 'a duration like 5m')
      .optional(),
    full: z.boolean().optional(),
  }),
  risk: () => 'write',
  run: async () => null,
  present: () => ({ summary: '', parts: [], visibility: 'ephemeral' }),
});

function usageError(words: string[]): UserError {
  try {
    bindArguments(scale, words);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('bindArguments', () => {
  it.each([
    [['n8n', '4'], { service: 'n8n', count: '4' }],
    [['n8n', '-1'], { service: 'n8n', count: '-1' }],
    [['n8n', '+2', '--older', '5m'], { service: 'n8n', count: '+2', older: '5m' }],
    [['n8n', '4', '--older=90s', '--full'], { service: 'n8n', count: '4', older: '90s', full: true }],
    [['--full', 'n8n', '4'], { service: 'n8n', count: '4', full: true }],
  ])('binds %j', (words, args) => {
    expect(bindArguments(scale, words).args).toEqual(args);
  });

  it('takes the global --reason in either form', () => {
    expect(bindArguments(scale, ['n8n', '4', '--reason', 'listener spike']).reason).toBe('listener spike');
    expect(bindArguments(scale, ['n8n', '4', '--reason=spike']).reason).toBe('spike');
  });

  it.each([
    [['n8n', '4', 'tonight'], /Unexpected 'tonight'/],
    [['n8n', '4', '--force'], /Unknown flag `--force`/],
    [['n8n', '4', '--older'], /`--older` needs a value/],
    [['n8n', '4', '--full=yes'], /`--full` takes no value/],
    [['n8n', 'four'], /`count`: a count like 4/],
    [['n8n'], /`count`/],
    [['n8n', '4', '--older', 'soon'], /`older`: a duration like 5m/],
    [['n8n', '4', '--reason', ' '], /--reason/],
    [['n8n', '4', '--reason', 'a', '--reason', 'b'], /^`--reason` was given twice: give it once\.$/],
    [['n8n', '4', '--older', '5m', '--older=1h'], /^`--older` was given twice/],
    [['n8n', '4', '--full', '--FULL'], /^`--full` was given twice/],
    [['n8n', '4', '--dry-run', '--dry-run'], /^`--dry-run` was given twice/],
  ])('refuses %j with the usage line', (words, message) => {
    const error = usageError(words);
    expect(error.code).toBe('usage');
    expect(error.message).toMatch(message);
    expect(error.details).toEqual(['Usage: /radio scale <service> <count|+N|-N>']);
  });
});

describe('bindArguments messages people can act on', () => {
  it.each([
    [['n8n'], /^`count` is missing$/],
    [['n8n', '4', '--older', '-5m'], /`--older` got a value starting with "-": write it as --older=<value>/],
    [['n8n', '4', 'is', 'down'], /quote a value that contains spaces/],
  ])('%j', (words, message) => {
    expect(usageError(words).message).toMatch(message);
  });
});
