// The runbook's channel commands from `radio-ops shell -c` as a person first meets them: without AWS credentials,
// RADIO_DATABASE_WRITE_URL or station.liquidsoap they answer with the plan, or with what to configure.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('radio-shell-channel-');
const ROLES = join(tempDir(), 'radio.yml');
writeFileSync(ROLES, 'roles:\n  viewer: [U0ALICE]\n  operator: [U0ALICE]\n  approver: [U0BOB]\n');

async function shell(line: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => stream.read()?.toString('utf8') ?? '';
  const env = {
    DATABASE_URL: process.env.RADIO_OPS_TEST_DATABASE_URL,
    RADIO_CONFIG: ROLES,
    LOG_LEVEL: 'silent',
    HOME: tempDir(),
  };
  const code = await main(['shell', '--user', 'U0ALICE', '-c', line], env, {
    stdin: new PassThrough(),
    stdout,
    stderr,
  });
  return { code, out: text(stdout) + text(stderr) };
}

describe('the channel commands in the shell without their settings', () => {
  it('s3 prefix create shows the PutObject it would send (no AWS credentials: dry run)', async () => {
    const { code, out } = await shell('s3 prefix create audio/electro');
    // Asked to act but only planned: exit 1, as for every AWS write without credentials.
    expect(code).toBe(1);
    expect(out).toContain('PutObject');
    expect(out).toContain('"Key": "audio/electro/"');
    expect(out).toContain('Nothing was changed');
  });

  it('channel add says to set RADIO_DATABASE_WRITE_URL', async () => {
    const { code, out } = await shell('channel add electro --name Electro');
    expect(code).toBe(1);
    expect(out).toContain('RADIO_DATABASE_WRITE_URL');
  });

  it('liquidsoap create-channel says to set station.liquidsoap', async () => {
    const { code, out } = await shell('liquidsoap create-channel electro');
    expect(code).toBe(1);
    expect(out).toContain('station.liquidsoap');
  });
});
