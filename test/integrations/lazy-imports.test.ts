// Building the runtime (every integration module's client, the registry of commands, the dispatcher) must
// load no SDK, driver or embedded database: each is imported on the first command that uses it.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { collect, emptyEnv } from '../support/radio-ops-process.js';
import { spawn } from 'node:child_process';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PROBE = fileURLToPath(new URL('../support/import-probe.ts', import.meta.url));
const HEAVY =
  /node_modules\/(@aws-sdk\/client-[a-z0-9-]+|@aws-sdk\/s3-request-presigner|ioredis|@electric-sql\/pglite|pg|postgrator|@slack\/bolt|@slack\/web-api)\//;

describe('the composition root', () => {
  it("builds the runtime and every module's client without importing an SDK, a driver or PGlite", async () => {
    const probe = spawn(process.execPath, ['--import', 'tsx', PROBE], { cwd: root, env: emptyEnv() });
    const { code, stdout, stderr } = await collect(probe);
    expect(code, stderr).toBe(0);
    const resolved: string[] = JSON.parse(stdout) as string[];
    expect(
      resolved.some((url) => url.includes('/src/integrations/modules.ts')),
      'the probe saw the registry load',
    ).toBe(true);
    expect([...new Set(resolved.map((url) => HEAVY.exec(url)?.[1]).filter(Boolean))]).toEqual([]);
  }, 60_000);
});
