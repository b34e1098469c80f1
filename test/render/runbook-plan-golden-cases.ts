// Golden renders of a runbook where AWS can only be planned (issue 17): its dry-run plan (each step's calls,
// the manual step's snippet, the outline, the "Dry run only" banner) and its progress card with the banner.
import { presentPlan } from '../../src/pipeline/present-plan.js';
import type { Reply } from '../../src/pipeline/reply.js';
import { runbookCard } from '../../src/runbooks/runbook-card.js';
import { stepsPlan } from '../../src/runbooks/steps-plan.js';
import { NOW, run, step } from './runbook-golden-cases.js';

const BANNER =
  'Dry run only: no AWS credentials were found (set AWS_PROFILE or AWS_ACCESS_KEY_ID, or aws.mode: live). Steps 1 and 4 only plan here and change nothing.';
const command = (line: string) => ({ kind: 'command' as const, line, words: line.split(' '), ownApproval: false });
const putObject = (Key: string) => ({
  service: 'S3',
  operation: 'PutObject',
  input: { Bucket: 'radio-audio-bucket', Key, Body: '' },
});

function dryRunPlan(): Reply {
  const plan = stepsPlan([
    {
      step: command('s3 prefix create audio/electro/'),
      plan: { current: [], calls: [putObject('audio/electro/')], warnings: [], state: {} },
    },
    {
      step: command('channel add electro --name Electro'),
      later: 'Adding channels is not set up in this process: set RADIO_DATABASE_WRITE_URL.',
    },
    {
      step: {
        kind: 'manual',
        line: 'Add the mount to icecast.xml and reload Icecast:\n<mount type="normal">\n    <mount-name>/electro</mount-name>\n</mount>',
        ownApproval: false,
      },
    },
    { step: command('invalidate electro'), later: 'There is no channel `electro`.' },
  ]);
  return presentPlan('runbook new-channel', { ...plan, warnings: [BANNER, ...plan.warnings] });
}

export const RUNBOOK_PLAN_GOLDEN_CASES: Record<string, () => Reply> = {
  'runbook-dry-run-plan-only': dryRunPlan,
  'runbook-card-plan-only': () =>
    runbookCard(
      run('stopped', 1),
      [
        step(0, 'command', 's3 prefix create audio/electro/', 'succeeded', {
          result: 'Dry run of s3 prefix create: 1 call(s) would be made; nothing was changed',
        }),
        step(1, 'command', 'channel add electro --name Electro', 'failed', {
          error: 'Adding channels is not set up in this process: set RADIO_DATABASE_WRITE_URL.',
        }),
      ],
      NOW,
      BANNER,
    ),
};
