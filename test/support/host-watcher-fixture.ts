// The mocked station host a host watcher test looks at, with the follow-up runner the poller would give it.
import { beforeEach } from 'vitest';
import type { FollowUpRunner, FollowUpStep } from '../../src/operations/follow-up-audit.js';
import { mockedHost } from './host-fixtures.js';

/**
 * mockedHost(`yaml`), reset before each test, plus `followUp` (records each step in `audited`, then does it) and
 * `writes()`: the EC2 calls sent so far other than those named in `reads`, as `[command name, input]` pairs.
 * Call at the top level of a test file.
 */
export function watchedHost(yaml: Record<string, unknown> = {}, reads: string[] = ['DescribeInstancesCommand']) {
  const m = mockedHost(yaml);
  /** The follow-up steps `followUp` was given, in order, since this test began. */
  const audited: FollowUpStep[] = [];
  const followUp: FollowUpRunner = async (step, work) => {
    audited.push(step);
    return work();
  };
  beforeEach(() => {
    m.reset();
    audited.length = 0;
  });
  const writes = () =>
    m.ec2Mock
      .calls()
      .filter((call) => !reads.includes(call.args[0].constructor.name))
      .map((call) => [call.args[0].constructor.name, call.args[0].input]);
  return { ...m, audited, followUp, writes };
}
