// Fixed runs for the golden renders of the runbook progress card (no clock, no random ids).
import { RadioConfig } from '../../src/config/radio-config.js';
import { errorReply } from '../../src/pipeline/error-reply.js';
import type { Reply } from '../../src/pipeline/reply.js';
import { buildRunbookRegistry } from '../../src/runbooks/runbook-registry.js';
import { unknownRunbook } from '../../src/runbooks/unknown-runbook.js';
import { runbookCard, runEndedNotice } from '../../src/runbooks/runbook-card.js';
import type { RunRow } from '../../src/runbooks/run-rows.js';
import type { StepRow } from '../../src/runbooks/step-rows.js';

const at = (minute: number, second = 0) => new Date(Date.UTC(2025, 2, 14, 21, minute, second));
export const NOW = at(20);

export const run = (status: RunRow['status'], currentStep: number): RunRow => ({
  id: 'run_01JQ3Z8W5K2M7N4P',
  request_id: '00000000-0000-4000-8000-000000000001',
  approval_id: 'apr_01JQ3Z8W5K2M7N4P6R8T0V2X4Y',
  runbook: 'new-channel',
  args: { slug: 'electro', name: 'Electro' },
  text: 'runbook new-channel electro --name Electro',
  requester_id: 'U0ALICE',
  requester_name: 'alice',
  source: 'slack',
  team_id: 'T0EXAMPLE',
  channel_id: 'C0EXAMPLE01',
  status,
  current_step: currentStep,
  message_channel: 'C0EXAMPLE01',
  message_ts: '1.0001',
  created_at: at(10),
  finished_at: status === 'succeeded' || status === 'aborted' ? at(19) : null,
});

export const step = (
  position: number,
  kind: StepRow['kind'],
  line: string,
  status: StepRow['status'],
  more: Partial<StepRow> = {},
): StepRow => ({
  run_id: 'run_01JQ3Z8W5K2M7N4P',
  position,
  kind,
  line,
  words: kind === 'manual' ? null : line.split(' '),
  own_approval: false,
  every_ms: kind === 'wait' ? 10_000 : null,
  timeout_ms: kind === 'wait' ? 900_000 : null,
  status,
  request_id: null,
  approval_id: null,
  deadline_at: null,
  last_state: null,
  result: null,
  error: null,
  decided_by: null,
  started_at: status === 'pending' ? null : at(10 + position),
  finished_at: ['succeeded', 'failed', 'skipped', 'unknown'].includes(status) ? at(10 + position, 12) : null,
  ...more,
});

const SNIPPET =
  'Add the mount to icecast.xml and reload Icecast:\n<mount type="normal">\n    <mount-name>/electro.mp3</mount-name>\n</mount>';

const SKIPPED = [
  step(0, 'command', 'db resize db.r6g.xlarge', 'succeeded'),
  step(1, 'wait', 'rds-available', 'skipped', { decided_by: 'U0CAROL' }),
  step(2, 'command', 'scale n8n 6', 'succeeded'),
];

/** The built-in runbooks as the default config checks them in. */
const builtIn = () => buildRunbookRegistry(RadioConfig.parse({})).runbooks.map(({ runbook }) => runbook);

export const RUNBOOK_GOLDEN_CASES: Record<string, () => Reply> = {
  'runbooks-list': () => buildRunbookRegistry(RadioConfig.parse({})).registry.get('runbooks')!.present(builtIn(), {}),
  'runbook-unknown': () => errorReply(unknownRunbook(['scale-upp'], builtIn())),
  'runbook-running': () =>
    runbookCard(
      run('running', 1),
      [
        step(0, 'command', 's3 prefix create audio/electro/', 'succeeded'),
        step(1, 'command', 'channel add electro --name Electro', 'running'),
        step(2, 'wait', 'on-air electro', 'pending'),
      ],
      NOW,
    ),
  'runbook-manual': () =>
    runbookCard(
      run('waiting', 1),
      [
        step(0, 'command', 'liquidsoap create-channel electro', 'succeeded'),
        step(1, 'manual', SNIPPET, 'waiting-person'),
        step(2, 'wait', 'on-air electro', 'pending'),
      ],
      NOW,
    ),
  'runbook-stopped': () =>
    runbookCard(
      run('stopped', 1),
      [
        step(0, 'command', 's3 prefix create audio/electro/', 'succeeded'),
        step(1, 'wait', 'on-air electro', 'failed', {
          error: 'did not hold within 15m; last: /electro.mp3 is not on air',
        }),
        step(2, 'command', 'invalidate electro', 'pending'),
      ],
      NOW,
    ),
  'runbook-done': () =>
    runbookCard(
      run('succeeded', 3),
      [
        step(0, 'command', 'db resize db.r6g.xlarge', 'succeeded'),
        step(1, 'wait', 'rds-available', 'succeeded'),
        step(2, 'command', 'scale n8n 6', 'succeeded'),
      ],
      NOW,
    ),
  // Past its last step by skipping one: never "done", and the skipped step shows no duration.
  'runbook-skipped': () => runbookCard(run('succeeded', 3), SKIPPED, NOW),
  'runbook-ended-notice': () =>
    runEndedNotice(run('succeeded', 3), [
      step(0, 'command', 's3 prefix create audio/electro/', 'succeeded'),
      step(1, 'wait', 'on-air electro', 'succeeded'),
    ]),
  'runbook-ended-skipped-notice': () => runEndedNotice(run('succeeded', 3), SKIPPED),
};
