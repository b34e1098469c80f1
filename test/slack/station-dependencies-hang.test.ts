// Issue 11, fault 4 (station Postgres and Redis): a station database or a Redis that accepts connections
// and never answers. Through the real server with default deadlines, `db size` and `cache memory` each get
// an answer in words that names what did not answer (never "Something went wrong"), audited `failed`,
// and the server stays up for the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHungServer, type HungServer } from '../support/hung-server.js';
import { startHarness, type Harness } from '../support/slack-server-harness.js';

let hungPostgres: HungServer;
let hungRedis: HungServer;
let h: Harness;
beforeAll(async () => {
  hungPostgres = await startHungServer();
  hungRedis = await startHungServer();
  h = await startHarness([], {
    env: {
      RADIO_DATABASE_URL: `postgres://inspector:secret@127.0.0.1:${hungPostgres.port}/station`,
      REDIS_URL: `redis://127.0.0.1:${hungRedis.port}/0`,
    },
  });
});
afterAll(async () => {
  await h.close();
  await hungPostgres.close();
  await hungRedis.close();
});

/** Sends `/radio <line> --reason <marker>` as an operator; the reply's words and the audit outcomes. */
async function ask(line: string) {
  const marker = `hang-${Date.now()}-${Math.random()}`;
  const { ack, responseUrl } = await h.slash(`${line} --reason ${marker}`, { user_id: 'U0ALICE' });
  expect(ack.status).toBe(200);
  const path = new URL(responseUrl).pathname;
  const still = await h.slack.next((request) => request.path === path);
  expect(still.body.text).toBe('Still running…');
  const final = await h.slack.next((request) => request.path === path && request !== still);
  return {
    words: String(final.body.text).replaceAll('\u2060', ''),
    outcomes: (await h.auditRows(marker)).map((row) => row.outcome),
  };
}

/** The server still answers: `/healthz` over HTTP. */
async function stillUp() {
  expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
}

describe('fault 4: station dependencies that accept and never answer', () => {
  it('db size: the station database not answering, in words; audited failed; the server stays up', async () => {
    const { words, outcomes } = await ask('db size');
    expect(words).not.toMatch(/Something went wrong/);
    expect(words).toMatch(/The station database \(RADIO_DATABASE_URL\) did not answer/);
    expect(outcomes).toEqual(['started', 'failed']);
    expect(hungPostgres.accepted).toBeGreaterThanOrEqual(1);
    await stillUp();
  }, 40_000);

  it("cache memory: the station's Redis did not answer, in words; audited failed; the server stays up", async () => {
    const { words, outcomes } = await ask('cache memory');
    expect(words).not.toMatch(/Something went wrong/);
    expect(words).toMatch(/The station's Redis did not answer in time \(REDIS_URL\)\./);
    expect(outcomes).toEqual(['started', 'failed']);
    expect(hungRedis.accepted).toBeGreaterThanOrEqual(1);
    await stillUp();
  }, 40_000);
});
