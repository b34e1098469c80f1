// The built-in `dr restore` runbook was left out until the registry had `dr rebuild-host` (issue 15): now it is
// listed, and its plan with --rebuild-host carries the rebuild's exact EC2 calls.
import {
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/pipeline/command.js';
import { BUILTIN_RUNBOOKS } from '../../src/runbooks/builtin-runbooks.js';
import { replyText } from '../support/command-runner.js';
import { HOST_ID, hostInstance, mockedHost } from '../support/host-fixtures.js';
import { runbookSetup } from '../support/runbooks-fixture.js';
import { openWorkerDatabase } from '../support/worker-db.js';

const db = openWorkerDatabase('radio-ops-dr-restore-runbook-test');
afterAll(() => db.close());
const m = mockedHost();
beforeEach(() => {
  m.reset();
  m.instancesAre(hostInstance());
  m.ec2Mock
    .on(DescribeImagesCommand)
    .resolves({ Images: [{ ImageId: 'ami-0bbb2222', CreationDate: '2026-12-01T03:00:00.000Z', State: 'available' }] });
  m.ec2Mock.on(DescribeAddressesCommand).resolves({ Addresses: [] });
});
const setup = () =>
  runbookSetup(db, { builtIn: BUILTIN_RUNBOOKS, integrations: { host: m.host, aws: { mode: 'live' } } });

describe('the dr restore runbook with dr rebuild-host', () => {
  it('is listed by `runbooks` now that the registry has dr rebuild-host', async () => {
    const s = setup();
    expect(s.checked.leftOut).toEqual([]);
    const listed = await s.send('runbooks', 'U0ALICE');
    expect(listed.status).toBe('succeeded');
    expect(replyText(listed.reply)).toContain(
      'runbook dr restore --snapshot <snapshot> [--s3-key <s3-key>] [--version <version>] [--rebuild-host]',
    );
    expect(replyText(listed.reply)).not.toContain('Not available here');
  });

  it('plans the rebuild step with its exact launch on --rebuild-host --dry-run, and launches nothing', async () => {
    const s = setup();
    const outcome = await s.send('runbook dr restore --snapshot rds:x --rebuild-host --dry-run', 'U0ALICE');
    expect(outcome.status).toBe('succeeded');
    const plan = (outcome as { result?: unknown }).result as Plan;
    // Each step's line names the calls its plan makes (they follow, in step order).
    expect(plan.current).toContainEqual(['Step 2', expect.stringMatching(/^dr rebuild-host \(.*\bRunInstances\b/)]);
    const launch = plan.calls.find((call) => call.operation === 'RunInstances');
    expect(launch?.input).toMatchObject({
      ImageId: 'ami-0bbb2222',
      InstanceType: 't3.medium',
      SubnetId: 'subnet-0aaa',
    });
    expect(plan.calls.map((call) => call.operation)).toEqual(
      expect.arrayContaining(['DescribeImages', 'RunInstances', 'StopInstances', 'CreateTags']),
    );
    expect(m.ec2Mock.commandCalls(DescribeInstancesCommand)[0]?.args[0].input).toMatchObject({
      Filters: [{ Name: 'tag:radio-ops:role', Values: ['liquidsoap'] }, expect.anything()],
    });
    expect(m.ec2Mock.commandCalls(RunInstancesCommand)).toEqual([]);
    expect(JSON.stringify(plan)).toContain(HOST_ID);
  });
});
