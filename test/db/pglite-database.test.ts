import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/audit-log.js';
import { DataDirError } from '../../src/db/data-dir.js';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { latestMigrationVersion, migrate } from '../../src/db/migrate.js';
import { openPgliteDatabase } from '../../src/db/pglite-database.js';
import { createStationDatabase } from '../../src/integrations/station-db/station-database.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('radio-pglite-');
const freshDir = () => join(tempDir(), 'data');

// PGlite is Postgres compiled to WebAssembly: starting it and running every migration is seconds of CPU on an idle
// machine and ten times that on a loaded 2-core runner (seen: 20 to 37 s). A safety net, not a speed budget.
describe('openPgliteDatabase', { timeout: 120_000 }, () => {
  it('creates the directory, migrates with the same migrations, keeps rows across opens, and int8 as strings', async () => {
    const dir = freshDir();
    const first = await openPgliteDatabase(dir);
    try {
      expect(await migrate(first, first.exec)).toBe(await latestMigrationVersion());
      await createAuditLog(first).append({
        requestId: crypto.randomUUID(),
        source: 'shell',
        userId: 'U0LOCAL',
        text: 'db size',
        outcome: 'started',
      });
      const { rows } = await first.query<{ big: unknown; small: unknown }>(
        'SELECT 9007199254740993::int8 AS big, 7::int4 AS small',
      );
      expect(rows).toEqual([{ big: '9007199254740993', small: 7 }]);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    const second = await openPgliteDatabase(dir);
    try {
      expect(await migrate(second, second.exec)).toBe(await latestMigrationVersion());
      const rows = await createAuditLog(second).query({ limit: 10 });
      expect(rows.map((row) => [row.user_id, row.text, row.outcome])).toEqual([['U0LOCAL', 'db size', 'started']]);
      expect(typeof rows[0]?.id).toBe('string');
    } finally {
      await second.close();
    }
  });

  it('runs inspection in a read-only transaction and answers the station queries', async () => {
    const db = await openPgliteDatabase(freshDir());
    try {
      await expect(
        db.readOnly((client) => client.query('CREATE TABLE t (a int)'), { statementTimeoutMs: 1000 }),
      ).rejects.toThrow(/read-only transaction/);
      const setting = await db.readOnly(
        (client) => client.query<{ statement_timeout: string }>('SHOW statement_timeout'),
        { statementTimeoutMs: 1500 },
      );
      expect(setting.rows[0]?.statement_timeout).toBe('1500ms');
      expect((await db.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]?.statement_timeout).toBe(
        '0',
      );

      const station = createStationDatabase(db);
      const size = await station.size();
      expect(size.bytes).toMatch(/^\d+$/);
      expect(await station.connections()).toMatchObject({ total: 0, maxConnections: expect.any(Number) });
    } finally {
      await db.close();
    }
  });

  it('refuses a second open of the same directory, naming the pid that holds it', async () => {
    const dir = freshDir();
    const db = await openPgliteDatabase(dir);
    try {
      await expect(openPgliteDatabase(dir)).rejects.toThrow(
        `is in use by another radio-ops process (pid ${process.pid})`,
      );
    } finally {
      await db.close();
    }
  });

  it("creates a new database already migrated, in a staging directory renamed into place, and removes a dead process's staging", async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(dir, `pgdata.init-${dead}`));
    writeFileSync(join(dir, `pgdata.init-${dead}`, 'PG_VERSION'), '17\n');
    const db = await openPgliteDatabase(dir);
    try {
      expect(
        readdirSync(dir)
          .filter((name) => name.startsWith('pgdata'))
          .sort(),
      ).toEqual(['pgdata']);
      const { rows } = await db.query<{ version: string }>('SELECT max(version)::text AS version FROM schemaversion');
      expect(Number(rows[0]?.version)).toBe(await latestMigrationVersion());
    } finally {
      await db.close();
    }
  });

  it("says in words that a damaged database can't be opened and what to delete, and releases the lock", async () => {
    const dir = freshDir();
    // What an interrupted first start of an older version left: initdb had written its first file only.
    mkdirSync(join(dir, 'pgdata'), { recursive: true });
    writeFileSync(join(dir, 'pgdata', 'PG_VERSION'), '17\n');
    const error = await openPgliteDatabase(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataDirError);
    const message = (error as Error).message;
    expect(message.startsWith(`The embedded database in ${dir} could not be opened (`)).toBe(true);
    expect(message.endsWith(`). If you don't need its audit history, delete ${dir}/pgdata and run again.`)).toBe(true);
    expect(message).not.toContain('\n');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
