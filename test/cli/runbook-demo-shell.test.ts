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
});
