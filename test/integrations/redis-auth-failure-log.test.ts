// Issue 13, fault 19a: a Redis that refuses radio-ops' password must not get that password written to
// the log. ioredis puts the refused command on its error (`command: { name: 'hello', args: ['3', 'AUTH',
// 'default', '<password>'] }`) and pino's error serializer copied it into the JSON line as it was.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../src/logger.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';
import { tempDirs } from '../support/temp-dirs.js';

const RIGHT = `right-${randomUUID()}`;
const WRONG = `wrong-${randomUUID()}`;
const dir = tempDirs('radio-ops-redis-auth-');

let redis: PrivateRedis;
let h: Harness;
let logPath: string;
beforeAll(async () => {
  redis = await startPrivateRedis(RIGHT);
  logPath = join(dir(), 'radio-ops.log');
  h = await startHarness([], {
    log: createFileLogger('debug', logPath),
    env: { REDIS_URL: redis.url('default', WRONG) },
  });
});
afterAll(async () => {
  await h?.close();
  await redis?.stop();
});

describe('a Redis AUTH failure', () => {
  it('fault 19: logs the refusal with the AUTH/HELLO password redacted, and tells the person in words', async () => {
    const reason = `test-${randomUUID()}`;
    const { ack, reply } = await h.slash(`cache memory --reason ${reason}`);
    expect(ack.status).toBe(200);
    const shown = JSON.stringify(await reply());
    const lines = readFileSync(logPath, 'utf8').trim().split('\n');

    // The refusal is in the log, with the command it refused: the secret is not.
    const refused = lines.filter((line) => line.includes('WRONGPASS'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.join('\n')).toMatch(/"args":\["3","AUTH","default","\[redacted\]"\]/);
    for (const line of lines) expect(line).not.toContain(WRONG);

    expect(shown).not.toContain(WRONG);
    expect(shown).toContain("The station's Redis refused radio-ops' login");
    const rows = await h.auditRows(reason);
    expect(rows.map((row) => row.outcome)).toEqual(['started', 'failed']);
    expect(rows.map((row) => row.error ?? '').join('\n')).not.toContain(WRONG);
  });
});
