import pg from 'pg';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConnectionLostError } from '../../src/db/connection-lost-error.js';
import { openPgDatabase } from '../../src/db/pg-database.js';
import { describeFailure } from '../../src/pipeline/describe-failure.js';
import { describeAwsError } from '../../src/integrations/aws/aws-errors.js';
import { redisClientOptions } from '../../src/integrations/redis/redis-client-options.js';
import { startHungServer } from '../support/hung-server.js';

/** The error a real client throws for `work`. */
async function thrownBy(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('describeFailure', () => {
  it('says a Postgres that is not listening refused the connection, with the address', async () => {
    const error = await thrownBy(async () => {
      const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/x' });
      await client.connect();
    });
    expect(describeFailure(error)).toMatch(/Could not connect to 127\.0\.0\.1:1: the connection was refused/);
  });

  it('says the station Redis did not answer', async () => {
    // The options the composition root builds the station client with.
    const redis = new Redis('redis://127.0.0.1:1/0', { ...redisClientOptions(), connectTimeout: 500 });
    redis.on('error', () => undefined);
    const error = await thrownBy(() => redis.get('x'));
    redis.disconnect();
    expect(describeFailure(error)).toBe("The station's Redis did not answer (REDIS_URL).");
  });

  it('recognises a statement timeout and a missing database by their Postgres codes', () => {
    expect(describeFailure(Object.assign(new Error('canceling statement'), { code: '57014' }))).toMatch(
      /statement timeout/,
    );
    expect(describeFailure(Object.assign(new Error('database "x" does not exist'), { code: '3D000' }))).toMatch(
      /does not exist/,
    );
  });

  it('fault 1: says which database dropped the connection, for a reset socket, an admin shutdown or an early end', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
    expect(describeFailure(new ConnectionLostError('The station database (RADIO_DATABASE_URL)', reset))).toBe(
      'The station database (RADIO_DATABASE_URL) dropped the connection (failover?).',
    );
    expect(
      describeFailure(
        new ConnectionLostError('The bot database (DATABASE_URL)', new Error('Connection terminated unexpectedly')),
      ),
    ).toBe('The bot database (DATABASE_URL) dropped the connection (failover?).');
    const adminShutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    expect(describeFailure(adminShutdown)).toBe('The database dropped the connection (failover?).');
  });

  it("fault 4: says the station's Redis did not answer in time for ioredis' Command timed out", async () => {
    const hung = await startHungServer();
    // The composition root's options, with a shorter commandTimeout to keep the test fast.
    const redis = new Redis(`redis://127.0.0.1:${hung.port}/0`, { ...redisClientOptions(), commandTimeout: 200 });
    redis.on('error', () => undefined);
    const error = await thrownBy(() => redis.info('memory'));
    redis.disconnect();
    await hung.close();
    expect(error).toMatchObject({ message: 'Command timed out' });
    expect(describeFailure(error)).toBe("The station's Redis did not answer in time (REDIS_URL).");
  });

  it('fault 4: names the database that accepted and did not answer (connect timeout, through query and readOnly)', async () => {
    const hung = await startHungServer();
    const db = openPgDatabase(`postgres://x:y@127.0.0.1:${hung.port}/x`, 'radio-ops-test', 1, {
      label: 'The station database (RADIO_DATABASE_URL)',
      connectionTimeoutMs: 200,
    });
    const viaQuery = await thrownBy(() => db.query('SELECT 1'));
    const viaReadOnly = await thrownBy(() => db.readOnly(() => Promise.resolve(1), { statementTimeoutMs: 100 }));
    await db.close();
    await hung.close();
    for (const error of [viaQuery, viaReadOnly])
      expect(describeFailure(error)).toBe(
        'The station database (RADIO_DATABASE_URL) did not answer: no connection within 0.2 s (down, overloaded or unreachable?).',
      );
  });

  it('leaves errors it does not know to the reference', () => {
    expect(describeFailure(new Error('boom'))).toBeUndefined();
    expect(describeFailure('not an error')).toBeUndefined();
  });

  it('turns missing AWS credentials into words naming the action', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect((describeAwsError(error, { action: 'ecs:DescribeServices', resource: 'x' }) as Error).message).toMatch(
      /No AWS credentials.*ecs:DescribeServices/,
    );
  });
});
