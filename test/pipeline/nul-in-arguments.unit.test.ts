// Issue 13, fault 20: a NUL typed in an argument stays in it (and is refused or shown as `\u0000`): it
// must never vanish and leave another valid value behind, since what is acted on would differ from
// what the audit row shows was typed.
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/commands/index.js';
import { bindArguments } from '../../src/pipeline/bind-arguments.js';

const registry = buildRegistry();

describe('a NUL inside an argument', () => {
  it('fault 20: is kept, so 12<NUL>3 is not read as pid 123', () => {
    const terminate = registry.get('db terminate')!;
    expect(() => bindArguments(terminate, ['12\u00003'])).toThrow(/a process id like 28113/);
    expect(bindArguments(terminate, ['123']).args).toEqual({ pid: 123 });
  });
});
