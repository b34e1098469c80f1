// `channel add`'s own Postgres connection (RADIO_DATABASE_WRITE_URL), built by the channel writer module, pointed
// at a real local socket that hangs (accepts, never answers), resets or closes. The INSERT never reaches a
// database, yet the person gets an answer in words naming that connection within the 2 s deadline, the audit
// chain ends, and nothing throws.
import { afterEach, describe, expect, it } from 'vitest';
import { SOCKET_FAULTS, startFaultServer, type FaultServer } from '../support/fault-server.js';
import { runWithModule } from '../support/module-command.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('channel add against a RADIO_DATABASE_WRITE_URL that hangs, resets or closes', () => {
  it.each(SOCKET_FAULTS)('%s: answers in words naming the write connection, audited', async (fault) => {
    server = await startFaultServer(fault);
    const radioDatabaseWriteUrl = `postgres://writer:secret@127.0.0.1:${server.port}/station`;
    const { outcome, words, events } = await runWithModule('channelWriter', 'channel add electro --name Electro', {
      settings: { radioDatabaseWriteUrl },
    });
    expect(outcome.status, words).toBe('failed');
    if (fault === 'hang') {
      // A write cut off at its deadline: the pipeline can't know whether the INSERT ran, and says so.
      expect(words).toBe(
        'channel add did not finish within 2 s (waiting on the station database for writes, RADIO_DATABASE_WRITE_URL), so it may or may not have happened. Check the current state before trying again.',
      );
    } else {
      expect(words).toMatch(
        /^The station database for writes \(RADIO_DATABASE_WRITE_URL\) dropped the connection \(failover\?\)\. Reference: [0-9a-f]{8}$/,
      );
    }
    expect(events.map((event) => [event.command, event.outcome])).toEqual([
      ['channel add', 'started'],
      ['channel add', fault === 'hang' ? 'unknown' : 'failed'],
    ]);
    expect(events[1]?.error).toMatch(/^`?(channel add`? did not finish|The station database for writes)/);
    expect(events[1]?.error).toContain('RADIO_DATABASE_WRITE_URL');
    expect(words).not.toMatch(/undefined|Something went wrong|secret|\n\s+at /);
    expect(server.reached).toBeGreaterThanOrEqual(1);
  });
});
