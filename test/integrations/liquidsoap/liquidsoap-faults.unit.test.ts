// Issue 14, Liquidsoap item 3: a hung server, a dropped connection, a refused port and the caller's deadline each
// end a call with a typed error the pipeline classifies, on real sockets, with short injected deadlines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiquidsoapError } from '../../../src/integrations/liquidsoap/liquidsoap-error.js';
import { createLiquidsoapOperations } from '../../../src/integrations/liquidsoap/liquidsoap-operations.js';
import { classifyError } from '../../../src/pipeline/error-table.js';
import { startFakeLiquidsoap, type FakeLiquidsoap } from '../../support/fake-liquidsoap.js';
import { startHungServer, type HungServer } from '../../support/hung-server.js';
import { freePort } from '../../support/private-postgres.js';

let hung: HungServer;
let dropping: FakeLiquidsoap;
beforeAll(async () => {
  hung = await startHungServer();
  dropping = await startFakeLiquidsoap({
    help: { partial: 'Available commands:\r\n| exit\r\n| help [<command>]' },
    'rap.skip': { partial: 'Do' },
    'rap.metadata': 'ERROR: Not_found',
  });
});
afterAll(async () => {
  await hung.close();
  await dropping.close();
});

const TIMEOUTS = { connectMs: 500, replyMs: 200 };
const ops = (port: number) =>
  createLiquidsoapOperations({ host: '127.0.0.1', port, pushAllowList: [], timeouts: TIMEOUTS });

/** The error `call` rejects with (it must reject with one). */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );

describe('a hung server (accepts, never answers)', () => {
  it('a read fails with timeout at the reply deadline, and the socket is closed', async () => {
    const before = hung.closed;
    const error = await failure(ops(hung.port).version());
    expect(error).toBeInstanceOf(LiquidsoapError);
    expect(error).toMatchObject({ code: 'timeout', fault: 'reply-timeout', command: 'version' });
    expect((error as Error).message).toBe(
      `Liquidsoap at 127.0.0.1:${hung.port} did not answer \`version\` within 0.2 s (hung?).`,
    );
    expect(classifyError(error)).toMatchObject({ status: 'failed', audit: 'failed' });
    await expect.poll(() => hung.closed).toBe(before + 1);
  });

  it('a write whose line was sent fails with outcome_unknown: the skip may have happened', async () => {
    const error = await failure(ops(hung.port).skip('rap'));
    expect(error).toMatchObject({ code: 'outcome_unknown', fault: 'reply-timeout', command: 'rap.skip' });
    expect((error as Error).message).toMatch(/may or may not have happened/);
    expect(classifyError(error)).toMatchObject({ audit: 'unknown' });
  });

  it("the caller's signal ends the wait (its deadline), and the socket is closed", async () => {
    const before = hung.closed;
    const controller = new AbortController();
    const call = failure(
      createLiquidsoapOperations({
        host: '127.0.0.1',
        port: hung.port,
        pushAllowList: [],
        timeouts: { connectMs: 60_000, replyMs: 60_000 },
      }).metadata('rap', controller.signal),
    );
    await expect.poll(() => hung.accepted).toBeGreaterThan(before);
    controller.abort(new Error('deadline of 100 ms passed'));
    expect(await call).toMatchObject({ code: 'timeout', fault: 'aborted', command: 'rap.metadata' });
    await expect.poll(() => hung.closed).toBe(before + 1);
  });

  it('an already aborted signal connects nowhere', async () => {
    const before = hung.accepted;
    const error = await failure(ops(hung.port).version(AbortSignal.abort()));
    expect(error).toMatchObject({ code: 'timeout', fault: 'aborted' });
    expect(hung.accepted).toBe(before);
  });
});

describe('a dropped connection (closed mid-answer)', () => {
  it('a read fails with unavailable, naming the command', async () => {
    const error = await failure(ops(dropping.port).commands());
    expect(error).toBeInstanceOf(LiquidsoapError);
    expect(error).toMatchObject({ code: 'unavailable', fault: 'dropped', command: 'help' });
    expect((error as Error).message).toBe(
      `Liquidsoap at 127.0.0.1:${dropping.port} closed the connection before answering \`help\` (restarting?).`,
    );
  });

  it('a write fails with outcome_unknown', async () => {
    const error = await failure(ops(dropping.port).skip('rap'));
    expect(error).toMatchObject({ code: 'outcome_unknown', fault: 'dropped', command: 'rap.skip' });
  });
});

describe('a refused port', () => {
  it('fails with unavailable at once, saying the connection was refused', async () => {
    const port = await freePort(); // nothing listens there now
    const error = await failure(ops(port).skip('rap'));
    expect(error).toBeInstanceOf(LiquidsoapError);
    expect(error).toMatchObject({ code: 'unavailable', fault: 'refused' });
    expect((error as Error).message).toBe(
      `Liquidsoap at 127.0.0.1:${port} refused the connection (is it running, with its telnet server on this port?).`,
    );
  });
});

describe('answers that are errors', () => {
  it('an ERROR line is unavailable, with what Liquidsoap said', async () => {
    const error = await failure(ops(dropping.port).metadata('rap'));
    expect(error).toMatchObject({ code: 'unavailable', fault: 'error-reply' });
    expect((error as Error).message).toMatch(/failed `rap.metadata`: ERROR: Not_found$/);
  });

  it('an unknown command is a precondition naming it', async () => {
    const error = await failure(ops(dropping.port).remaining('jazz'));
    expect(error).toMatchObject({ code: 'precondition', fault: 'unknown-command', command: 'jazz.remaining' });
    expect((error as Error).message).toMatch(/has no command `jazz.remaining` \(no such id in its script/);
  });
});
