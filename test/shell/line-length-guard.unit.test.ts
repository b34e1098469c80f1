import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { LineLengthGuard } from '../../src/shell/line-length-guard.js';

/** Writes `chunks` into a guard of `max` and reads what it lets through, until its output ends. */
async function through(max: number, chunks: string[]) {
  const source = new PassThrough();
  let overflows = 0;
  const guard = new LineLengthGuard(max, () => {
    overflows++;
    source.unpipe(guard);
  });
  const out = text(source.pipe(guard));
  for (const chunk of chunks) source.write(chunk);
  source.end();
  return { out: await out, overflowed: guard.overflowed, overflows };
}

describe('LineLengthGuard', () => {
  it('passes complete lines, however they are chunked, and a last line without a newline', async () => {
    expect(await through(5, ['he', 'lp\nab', 'c\r\n', 'exit'])).toEqual({
      out: 'help\nabc\r\nexit',
      overflowed: false,
      overflows: 0,
    });
    expect(await through(5, ['12345\n', '12345'])).toEqual({ out: '12345\n12345', overflowed: false, overflows: 0 });
  });

  it('ends its output before the first longer line, complete or not, and says so once', async () => {
    expect(await through(5, ['help\n123456\nhelp\n'])).toEqual({ out: 'help\n', overflowed: true, overflows: 1 });
    expect(await through(5, ['help\n123', '456', '789\nhelp\n'])).toEqual({
      out: 'help\n',
      overflowed: true,
      overflows: 1,
    });
    expect(await through(5, ['help\n123456'])).toEqual({ out: 'help\n', overflowed: true, overflows: 1 });
    expect(await through(3, ['\0'.repeat(65_536)])).toEqual({ out: '', overflowed: true, overflows: 1 });
  });

  it('counts characters, not bytes, and keeps a character split across chunks whole', async () => {
    const e = Buffer.from('é');
    const source = new PassThrough();
    const guard = new LineLengthGuard(2);
    const out = text(source.pipe(guard));
    source.write(Buffer.concat([e, e.subarray(0, 1)]));
    source.end(Buffer.concat([e.subarray(1), Buffer.from('\n')]));
    expect(await out).toBe('éé\n');
    expect(guard.overflowed).toBe(false);
  });
});
