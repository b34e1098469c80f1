// Issue 15: in the demo shell (no YAML, no AWS credentials) the host commands answer with their plan, or say what
// they need: one real shell process reading the lines from stdin, on its embedded database.
import { describe, expect, it } from 'vitest';
import { collect, emptyEnv, spawnRadioOps } from '../support/radio-ops-process.js';
import { tempDirs } from '../support/temp-dirs.js';

const freshDir = tempDirs('radio-host-demo-');

const LINES = [
  'host status',
  'host resize t3.large',
  'dr rebuild-host --dry-run',
  'dr rebuild-host --ami ami-0123456789abcdef0',
];

describe('the host commands in the demo shell', () => {
  it('plan without AWS credentials, or say what they need', async () => {
    const child = spawnRadioOps(['shell'], { cwd: freshDir(), env: emptyEnv() });
    child.stdin.end(`${LINES.join('\n')}\n`);
    const { stdout, stderr } = await collect(child);
    const all = `${stdout}\n${stderr}`;
    expect(all).toContain('Dry run: host status\n');
    expect(all).toMatch(/Approval needed \(dry run only\): host resize[\s\S]*EC2 CreateSnapshots/);
    expect(all).toMatch(/Dry run: dr rebuild-host\n[\s\S]*EC2 DescribeImages[\s\S]*"radio-liquidsoap-backup-\*"/);
    expect(all).toContain('EC2 RunInstances');
    expect(all).toContain('none configured (set host.elasticIp to an allocation id to move it)');
    expect(all).toMatch(
      /Approval needed \(dry run only\): dr rebuild-host[\s\S]*"ImageIds": \[\s*"ami-0123456789abcdef0"/,
    );
  }, 180_000);
});
