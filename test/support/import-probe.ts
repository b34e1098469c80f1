// Run as a child process (see test/integrations/lazy-imports.test.ts): records every module resolved while
// the composition root builds a runtime whose databases open on first use, as the shell's `-c` does, and
// every integration module's client; prints the list as JSON on stdout.
import { mkdtempSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = join(mkdtempSync(join(tmpdir(), 'radio-imports-')), 'resolved.txt');
register(new URL('./record-imports-hooks.mjs', import.meta.url), { data: { file } });

// The CLI's own import graph first (what `radio-ops shell -c help` loads before any command runs).
await import('../../src/cli/main.js');
const { loadConfig } = await import('../../src/config/load-config.js');
const { createRuntime } = await import('../../src/compose/runtime.js');
const { silentLog } = await import('./fakes.js');
const config = loadConfig('shell', {
  HOME: tmpdir(),
  RADIO_DATA_DIR: join(tmpdir(), 'radio-imports-unused'),
  REDIS_URL: 'redis://127.0.0.1:1',
});
const runtime = await createRuntime(config, silentLog, { openDatabases: 'first use', announce: () => undefined });
if (runtime.registry.commands.length < 10) throw new Error('the registry was not built');
await runtime.close();
process.stdout.write(JSON.stringify(readFileSync(file, 'utf8').split('\n').filter(Boolean)));
