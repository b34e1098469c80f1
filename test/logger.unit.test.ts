// Issue 13, fault 19a: every way ioredis hangs a command on an error goes through the logger's error
// serializer with the AUTH and HELLO passwords redacted; other commands keep their arguments.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logOptions } from '../src/logger.js';

/** A logger built as the process' is, whose JSON lines are collected. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: pino(logOptions('info'), stream), text: () => lines.join('') };
}

/** An error as ioredis makes it: a reply error with the command it answered attached. */
const redisError = (message: string, name: string, args: unknown[]) =>
  Object.assign(new Error(message), { command: { name, args } });

describe('the error serializer', () => {
  it('fault 19: redacts the password of AUTH and HELLO wherever the error carries the command', () => {
    const { log, text } = capture();
    const exec = redisError('EXECABORT Transaction discarded', 'exec', []);
    Object.assign(exec, {
      previousErrors: [redisError('WRONGPASS invalid', 'auth', ['alice', 'secret-in-a-transaction'])],
    });
    log.error({ err: redisError('WRONGPASS invalid', 'hello', ['3', 'AUTH', 'default', 'secret-hello']) }, 'a');
    log.error({ err: redisError('WRONGPASS invalid', 'AUTH', ['secret-alone']) }, 'b');
    log.error({ err: exec }, 'c');
    log.error({ err: new AggregateError([redisError('x', 'auth', ['u', 'secret-aggregated'])], 'all failed') }, 'd');
    log.error({ err: new Error('outer', { cause: redisError('x', 'auth', ['secret-cause']) }) }, 'e');
    log.error({ err: redisError('x', 'hello', ['3', 'SETNAME', 'radio-ops', 'AUTH', 'u', 'secret-late']) }, 'f');

    const written = text();
    expect(written).not.toMatch(/secret-/);
    expect(written).toContain('"args":["3","AUTH","default","[redacted]"]');
    expect(written).toContain('"args":["[redacted]"]');
    expect(written).toContain('"args":["alice","[redacted]"]');
    expect(written).toContain('"args":["3","SETNAME","radio-ops","AUTH","u","[redacted]"]');
    expect(written).toContain('EXECABORT');
  });

  it('fault 19: leaves other commands and errors as they were', () => {
    const { log, text } = capture();
    log.error({ err: redisError('WRONGTYPE', 'get', ['rate_limit:user:U1:C1']) }, 'a');
    const line = JSON.parse(text()) as { err: { message: string; command: unknown; stack: string } };
    expect(line.err.command).toEqual({ name: 'get', args: ['rate_limit:user:U1:C1'] });
    expect(line.err.message).toBe('WRONGTYPE');
    expect(line.err.stack).toContain('WRONGTYPE');
  });
});
