// `radio-ops shell -c` through main(), in-process with captured streams, on this worker's Postgres.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('radio-shell-config-');

function yamlFile(text: string): string {
  const path = join(tempDir(), 'radio.yml');
  writeFileSync(path, text);
  return path;
}

// Roles by user id only: no Slack groups, so no Slack token is needed to decide.
const ROLES = yamlFile(
  'roles:\n  viewer: [U0ALICE]\n  operator: [U0ALICE]\n  approver: [U0BOB]\napprovals: { allowShell: false }\n',
);

async function radioOps(argv: string[], extraEnv: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => stream.read()?.toString('utf8') ?? '';
  const env = { DATABASE_URL: process.env.RADIO_OPS_TEST_DATABASE_URL, LOG_LEVEL: 'silent', ...extraEnv };
  const code = await main(argv, env, { stdin: new PassThrough(), stdout, stderr });
  return { code, stdout: text(stdout), stderr: text(stderr) };
}

describe('radio-ops shell -c', () => {
  // On a real database (DATABASE_URL) the shell needs a YAML file and --user: the demo identity holds every
  // role and /as switches person, so it would let one keyboard be two approvers there.
  const asAlice = ['shell', '--user', 'U0ALICE', '-c'];

  it('exits 0 with the result on stdout and diagnostics on stderr', async () => {
    const { code, stdout, stderr } = await radioOps([...asAlice, 'db size'], { RADIO_CONFIG: ROLES });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Database \S+ is/);
    expect(stderr).not.toContain('demo');
    expect(stderr).not.toContain('embedded');
  });

  it('refuses the demo identity on a real database (exit 2), before anything runs', async () => {
    const { code, stdout, stderr } = await radioOps(['shell', '-c', 'approve apr_01JPA7Z3K8N2V4X6Y8A0C2E4G6']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('DATABASE_URL is set, so RADIO_CONFIG is required');
  });

  it('exits 2 with suggestions for an unknown command', async () => {
    const { code, stdout, stderr } = await radioOps([...asAlice, 'audti --limit 5'], { RADIO_CONFIG: ROLES });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Unknown command `audti`');
    expect(stderr).toContain('Did you mean');
    expect(stderr).toContain('`audit`');
  });

  it('exits 2 with the usage line for a bad argument', async () => {
    const { code, stderr } = await radioOps([...asAlice, '/radio db idle --older soon'], { RADIO_CONFIG: ROLES });
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: /radio db idle [--older 10m]');
  });

  it('with a YAML file: exits 1 when --user has no role, 0 when it has one', async () => {
    const denied = await radioOps(['shell', '--user', 'U0MALLORY', '-c', 'db size'], { RADIO_CONFIG: ROLES });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('You need the viewer or operator role');
    expect(denied.stderr).not.toContain('demo');
    const allowed = await radioOps(['shell', '--user', 'U0ALICE', '-c', 'db size'], { RADIO_CONFIG: ROLES });
    expect(allowed.code).toBe(0);
  });

  it('with a YAML file: --user is required (exit 2) and /as is refused (exit 1)', async () => {
    const noUser = await radioOps(['shell', '-c', 'db size'], { RADIO_CONFIG: ROLES });
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain('--user is required with RADIO_CONFIG');
    const as = await radioOps(['shell', '--user', 'U0ALICE', '-c', '/as U0BOB'], { RADIO_CONFIG: ROLES });
    expect(as.code).toBe(1);
    expect(as.stderr).toContain('/as is refused');
  });

  it('radio-ops start without Slack settings names them and points at the shell', async () => {
    const { code, stderr } = await radioOps(['start'], { DATABASE_URL: '' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(stderr).toMatch(/DATABASE_URL is required/);
    expect(stderr).toContain('npx radio-ops shell');
  });

  it('send --wait with a bad duration says what it takes (exit 2)', async () => {
    const { code, stderr } = await radioOps(['send', 'help', '--wait', '5x'], { SLACK_SIGNING_SECRET: 'secret' });
    expect(code).toBe(2);
    expect(stderr).toBe('--wait takes a duration like 30s\n');
  });
});
