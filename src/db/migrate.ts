import { fileURLToPath } from 'node:url';
import Postgrator from 'postgrator';
import type { SqlClient } from './sql-client.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/*.sql', import.meta.url));

/** Runs a multi-statement migration file; PGlite's `exec` takes scripts where its `query` does not. */
export type ScriptRunner = (script: string) => Promise<void>;

/**
 * Brings a database to the latest schema with postgrator (versions tracked in `schemaversion`).
 * Works on `pg` and on PGlite: both only need `query`, and a script runner for migration files.
 *
 * @returns the version now applied.
 */
export async function migrate(client: SqlClient, runScript?: ScriptRunner): Promise<number> {
  const postgrator = new Postgrator({
    migrationPattern: MIGRATIONS,
    driver: 'pg',
    schemaTable: 'schemaversion',
    execQuery: (sql: string) => client.query(sql),
    ...(runScript ? { execSqlScript: runScript } : {}),
  });
  const applied = await postgrator.migrate();
  return applied.at(-1)?.version ?? (await postgrator.getDatabaseVersion());
}

/** The newest migration's version: `/readyz` compares the database against it. */
export async function latestMigrationVersion(): Promise<number> {
  const postgrator = new Postgrator({
    migrationPattern: MIGRATIONS,
    driver: 'pg',
    execQuery: async () => ({ rows: [] }),
  });
  return postgrator.getMaxVersion();
}
