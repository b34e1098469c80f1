// The db health commands wired as in production: the dispatcher, the audit log and the station
// inspector on this worker's real database, plus side connections that play the station's clients.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { createAuditLog } from '../../src/audit/audit-log.js';
import { buildRegistry } from '../../src/commands/index.js';
import { RadioConfig } from '../../src/config/radio-config.js';
import { openKeptDatabase } from '../../src/db/kept-database.js';
import { createStationDatabase } from '../../src/integrations/station-db/pg-station-database.js';
import { createDispatcher } from '../../src/pipeline/dispatcher.js';
import type { Reply } from '../../src/pipeline/reply.js';
import { openWorkerDatabase, workerDatabaseUrl } from './worker-db.js';

export const TEST_USER = 'U0TESTER';

/**
 * A dispatcher whose `stationDb` inspects this worker's database on its own kept connection, as the
 * runtime does. Its `application_name` is unique, so a test can tell the inspector's backend from every other one.
 */
export function openStationHarness(options: { statementTimeoutMs?: number } = {}) {
  const db = openWorkerDatabase('radio-ops-test');
  const inspectorName = `radio-ops-inspector-${randomUUID().slice(0, 8)}`;
  const inspector = openKeptDatabase({
    connectionString: workerDatabaseUrl(),
    applicationName: inspectorName,
    label: 'The station database (RADIO_DATABASE_URL)',
  });
  const audit = createAuditLog(db);
  const dispatch = createDispatcher({
    registry: buildRegistry(),
    config: RadioConfig.parse({ roles: { viewer: ['*'] } }),
    integrations: { stationDb: createStationDatabase(inspector, options), audit },
    directory: { groupMembers: async () => [] },
    log: pino({ level: 'silent' }),
  });
  return {
    db,
    audit,
    inspectorName,
    run: (text: string) => dispatch({ source: 'shell', userId: TEST_USER, text }),
    close: async () => {
      await inspector.close();
      await db.close();
    },
  };
}

/** Another client of the station: its own connection on this worker's database, and its backend pid. */
export async function openSideConnection(applicationName: string): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({
    connectionString: process.env.RADIO_OPS_TEST_DATABASE_URL,
    application_name: applicationName,
  });
  await client.connect();
  client.on('error', () => undefined);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = rows[0]?.pid;
  if (pid === undefined) throw new Error('no backend pid');
  return { client, pid };
}

/** The first table of a reply (rows as shown), or an error if there is none. */
export function replyTable(reply: Reply): { columns: string[]; rows: string[][] } {
  const part = reply.parts.find((candidate) => candidate.kind === 'table');
  if (part?.kind !== 'table') throw new Error(`no table in reply "${reply.summary}"`);
  return part;
}
