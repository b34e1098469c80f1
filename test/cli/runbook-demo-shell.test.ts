// Issue 16: in the demo shell (no YAML, no AWS credentials) every runbook command answers with its plan,
// or says what it needs: one real shell process reading the lines from stdin, on its embedded database.
import { describe, expect, it } from 'vitest';
import { collect, emptyEnv, spawnRadioOps } from '../support/radio-ops-process.js';
import { tempDirs } from '../support/temp-dirs.js';

const freshDir = tempDirs('radio-runbook-demo-');

const LINES = [
  'ecs tasks',
  'ecs events n8n',
  'ecs rollback n8n',
  'logs n8n-main --filter ERROR',
  'cache status',
  'cache resize cache.t4g.medium',
  'cost --month 2026-11',
  'cost checks',
];

describe('the runbook commands in the demo shell', () => {
  it('plan without AWS credentials, or say what they need', async () => {
    const child = spawnRadioOps(['shell'], { cwd: freshDir(), env: emptyEnv() });
    child.stdin.end(`${LINES.join('\n')}\n`);
    const { stdout, stderr } = await collect(child);
    const all = `${stdout}\n${stderr}`;
    for (const name of ['ecs tasks', 'ecs events', 'logs', 'cache status', 'cost', 'cost checks'])
      expect(all).toContain(`Dry run: ${name}\n`);
    expect(all).toMatch(/ECS ListTasks[\s\S]*"desiredStatus": "STOPPED"/);
    expect(all).toMatch(/CloudWatch Logs FilterLogEvents[\s\S]*"logGroupName": "\/ecs\/n8n-main"/);
    expect(all).toMatch(/Cost Explorer GetCostAndUsage[\s\S]*"Start": "2026-10-01"/);
    expect(all).toMatch(/S3 GetBucketLifecycleConfiguration/);
    expect(all).toContain(
      "A rollback needs the service's current task definition and its family's revisions, which can't be read: no AWS credentials were found",
    );
    expect(all).toMatch(/Approval needed \(dry run only\): cache resize[\s\S]*ElastiCache ModifyCacheCluster/);
  }, 180_000);

  it("plans a runbook's AWS steps as they plan alone: the exact S3 inputs, the snippet, the banner", async () => {
    const child = spawnRadioOps(['shell'], { cwd: freshDir(), env: emptyEnv() });
    child.stdin.end('runbook new-channel electro --name Electro --dry-run\n');
    const { stdout, stderr } = await collect(child);
    const all = `${stdout}\n${stderr}`;
    expect(all).toContain('Dry run: runbook new-channel\n');
    expect(all).not.toContain('It can only be planned here');
    expect(all).not.toContain('No call would be made: nothing to change.');
    expect(all).toMatch(/S3 PutObject\n\s+\{\n\s+"Bucket": "[^"]+",\n\s+"Key": "audio\/electro\/",\n\s+"Body": ""/);
    expect(all).toContain('"Key": "hls/electro/"');
    expect(all).toContain('Dry run only: no AWS credentials were found');
    expect(all).toContain('    <mount type="normal">\n        <mount-name>/electro</mount-name>\n');
    expect(all).toContain('7 steps: 2 calls planned now, steps 3, 4 and 7 planned when reached');
    expect(all).toContain('Step 3 is planned when it is reached: Adding channels is not set up');
  }, 180_000);
});
