// Fixed inputs for the golden renders (test/render/golden.unit.test.ts): no clock, no random ids, no services.
import { alarmCard } from '../../src/alarms/alarm-card.js';
import type { CardRow } from '../../src/alarms/alarm-store.js';
import { threadReply } from '../../src/alarms/card-sync.js';
import { parseAlarmMessage } from '../../src/alarms/parse-alarm-message.js';
import { approvalCard } from '../../src/approvals/approval-card.js';
import { approvalPlanThread, requesterNotice } from '../../src/approvals/approval-thread.js';
import type { ApprovalRecord } from '../../src/approvals/approval-record.js';
import { dbSlowQueriesCommand } from '../../src/commands/db-slow-queries.js';
import { hlsCommand } from '../../src/commands/hls.js';
import { hostLogsCommand } from '../../src/commands/host-logs.js';
import type { Plan } from '../../src/pipeline/command.js';
import { errorReply } from '../../src/pipeline/error-reply.js';
import { presentPlan } from '../../src/pipeline/present-plan.js';
import { replyPointingToThread, threadMessages } from '../../src/render/thread-output.js';
import type { Reply, ReplyButton } from '../../src/pipeline/reply.js';
import { UserError } from '../../src/pipeline/user-error.js';
import { commandRunner } from '../support/command-runner.js';
import { RUNBOOK_GOLDEN_CASES } from './runbook-golden-cases.js';
import { RUNBOOK_PLAN_GOLDEN_CASES } from './runbook-plan-golden-cases.js';
import { alarmMessageFixture, snsFixture } from '../support/sns-signing.js';
import { channelCard, onAirEvent, type OnAirChange } from '../../src/station/on-air-transition.js';

const NOW = new Date('2025-03-14T21:20:00.000Z');
const APPROVAL_ID = 'apr_01JQ3Z8W5K2M7N4P6R8T0V2X4Y';
const sns = { MessageId: 'm-golden', Subject: 'ALARM', Timestamp: '2025-03-14T21:15:37.468Z' };
const transitionOf = (message: string) => parseAlarmMessage(message, sns).transition;
const playbook: ReplyButton[] = [
  { label: 'Slow queries', action: 'run', value: 'run_00000000000000000001' },
  { label: 'DB status', action: 'run', value: 'run_00000000000000000002' },
];

/** `ecs scale stream 0`: below the service's minimum, and Application Auto Scaling manages it. */
const scalePlan: Plan = {
  current: [
    ['Service', 'radio-prod/stream'],
    ['desiredCount', '2 -> 0 tasks'],
    ['runningCount', '2 tasks'],
  ],
  calls: [
    {
      service: 'ECS',
      operation: 'UpdateService',
      input: { cluster: 'radio-prod', service: 'radio-stream', desiredCount: 0 },
    },
  ],
  warnings: [
    'Application Auto Scaling manages `radio-stream` (MinCapacity 1, MaxCapacity 4 tasks): it may set desiredCount back.',
  ],
  escalate: { risk: 'destructive', because: '0 tasks is below the minimum of 1 for `stream`' },
  state: { from: 2, to: 0 },
};

const approval = (overrides: Partial<ApprovalRecord>): ApprovalRecord => ({
  id: APPROVAL_ID,
  request_id: '00000000-0000-4000-8000-000000000001',
  command: 'ecs scale',
  args: { service: 'stream', count: '0' },
  text: 'ecs scale stream 0 --reason "night *maintenance* window"',
  reason: 'night *maintenance* window',
  plan: scalePlan,
  requester_id: 'U0ALICE',
  requester_name: 'alice',
  source: 'slack',
  team_id: 'T0EXAMPLE',
  channel_id: 'C0EXAMPLE01',
  message_channel: 'C0EXAMPLE01',
  message_ts: '1741987200.000100',
  quorum: 1,
  status: 'pending',
  created_at: new Date('2025-03-14T21:10:00.000Z'),
  expires_at: new Date('2025-03-14T21:40:00.000Z'),
  decided_at: null,
  decided_by: null,
  decision_reason: null,
  result: null,
  error: null,
  approvers: [],
  ...overrides,
});

const longPlanApproval = approval({
  command: 'db kill-idle',
  args: { older: 0 },
  text: 'db kill-idle --older 0s',
  reason: null,
  plan: {
    current: [
      ['Idle longer than', '0s'],
      ['Sessions', '45'],
    ],
    calls: Array.from({ length: 45 }, (_, i) => ({
      service: 'PostgreSQL',
      operation: 'pg_terminate_backend',
      input: { pid: 4100 + i, backend_start: '2025-03-14T20:00:00.000Z', state: 'idle in transaction' },
    })),
    warnings: [],
    state: [],
  },
});

const card = (state: string, at: string): CardRow => ({
  alarm_key: 'us-east-1/123456789012/radio-db-cpu-high',
  channel_id: 'C0EXAMPLE01',
  message_ts: '1741987200.000200',
  state,
  state_change_time: new Date(at),
  transition: transitionOf(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? ''),
  version: 3,
  rendered_version: 2,
});

/** The on-air watcher's card for rap: off air (source and HLS), then back. */
const onAir = (change: Pick<OnAirChange, 'state' | 'old' | 'at' | 'reason'>) =>
  onAirEvent({
    ...change,
    card: channelCard('rap'),
    metric: 'OnAir',
    dimensions: [{ name: 'Channel', value: 'rap' }],
    description:
      "radio-ops checks every 30s that a source is on /rap.mp3 in Icecast and that rap's HLS playlist advances (S3 origin and edge): two failed checks in a row raise this card, one good check clears it.",
    everyMs: 30_000,
  }).transition;
const onAirButtons: ReplyButton[] = [
  { label: 'Status', action: 'run', value: 'run_00000000000000000011' },
  { label: 'HLS rap', action: 'run', value: 'run_00000000000000000012' },
  { label: 'Skip rap', action: 'run', value: 'run_00000000000000000013' },
  { label: 'Kill source rap', action: 'run', value: 'run_00000000000000000014' },
];

/** `host logs liquidsoap --lines 150`: 150 journal lines, more than the answer shows (its thread holds them). */
const longHostLogs = () =>
  hostLogsCommand.present(
    {
      InstanceId: 'i-0abc1234def567890',
      CommandId: 'cmd-0f1e2d3c',
      Status: 'Success',
      StatusDetails: 'Success',
      ResponseCode: 0,
      StandardOutputContent: Array.from(
        { length: 150 },
        (_, i) =>
          `2025-03-14T20:${String(Math.floor(i / 3)).padStart(2, '0')}:${String((i * 20) % 60).padStart(2, '0')}+0000 radio liquidsoap[812]: [rap:3] <source> *line* ${i} & ok`,
      ).join('\n'),
      StandardErrorContent: '',
    },
    { unit: 'liquidsoap', since: '1h', lines: 150 },
  );

/** The representative replies, by golden file name. */
export const GOLDEN_CASES: Record<string, () => Reply | Promise<Reply>> = {
  help: async () => (await commandRunner({}).run('help')).reply,
  'help-command': async () => (await commandRunner({}).run('help db slow-queries')).reply,
  'db-slow-queries': () =>
    dbSlowQueriesCommand.present(
      [
        {
          pid: 4242,
          database: 'radio',
          user: 'n8n',
          application: 'n8n',
          client: '10.0.1.17',
          durationMs: 754_000,
          state: 'active',
          waitEvent: 'Lock: transactionid',
          queryId: '-812345678901234567',
          query: "UPDATE tracks SET play_count = play_count + 1 WHERE slug = 'late-night_jazz'",
        },
        {
          pid: 4310,
          database: 'radio',
          user: 'radio_app',
          application: 'psql',
          client: 'local',
          durationMs: 331_000,
          state: 'active',
          query: "SELECT *\nFROM listens\nWHERE at > now() - interval '7 days'",
        },
      ],
      { min: 300_000, full: false },
    ),
  // Issue 14: the origin advances but CloudFront's copy does not (the edge is the stale layer).
  'hls-edge-stale': () =>
    hlsCommand.present(
      {
        slug: 'rap',
        checkedAt: NOW,
        object: 's3://radio-audio-bucket/hls/rap/live.m3u8',
        url: 'https://d111111abcdef8.cloudfront.net/hls/rap/live.m3u8',
        origin: {
          object: 's3://radio-audio-bucket/hls/rap/live.m3u8',
          lastModified: new Date(NOW.getTime() - 1_000),
          mediaSequence: 1042,
          targetDuration: 2,
          notAdvancedForMs: 1_000,
          endList: false,
          verdict: 'fresh',
        },
        edge: {
          url: 'https://d111111abcdef8.cloudfront.net/hls/rap/live.m3u8',
          mediaSequence: 1031,
          targetDuration: 2,
          gets: [0, 2_000, 3_000].map((ms) => ({
            at: new Date(NOW.getTime() + ms),
            mediaSequence: 1031,
            lastSequence: 1034,
            age: 19 + ms / 1000,
          })),
          advanced: false,
          notAdvancedForMs: 22_000,
          age: 22,
          cacheControl: 'max-age=60',
          xCache: 'Hit from cloudfront',
          verdict: 'critical',
        },
        verdict: 'critical',
        stale: 'edge',
      },
      { channel: 'rap' },
    ),
  'dry-run-plan': () => presentPlan('ecs scale', scalePlan),
  'approval-pending': () => approvalCard(approval({}), NOW, ['U0BOB', 'S0ONCALL']),
  // Issue 12, fault 9: 45 sessions without a reason; the card summarizes, the thread has every call.
  'approval-long-plan': () => approvalCard(longPlanApproval, NOW, ['U0BOB']),
  'approval-long-plan-thread': () => approvalPlanThread(longPlanApproval)[0]!,
  // Issue 12, fault 13: the requester is mentioned when their request is rejected.
  'approval-rejected-notice': () =>
    requesterNotice(approval({ status: 'rejected', decided_by: 'U0BOB', decision_reason: 'not during the show' }))!,
  'approval-succeeded': () =>
    approvalCard(approval({ status: 'succeeded', decided_by: 'U0BOB', decided_at: NOW, approvers: ['U0BOB'] }), NOW),
  'approval-refused': () =>
    approvalCard(
      approval({
        status: 'refused',
        decided_by: 'U0BOB',
        decided_at: NOW,
        approvers: ['U0BOB'],
        error: 'Not run: desiredCount of `stream` is now 3, not the 2 shown when this was approved (2 -> 0).',
      }),
      NOW,
    ),
  'alarm-alarm': () =>
    alarmCard({
      transition: transitionOf(snsFixture('notification-cloudwatch-alarm-rds-cpu').Message ?? ''),
      buttons: playbook,
    }),
  'alarm-ok': () =>
    alarmCard({
      transition: transitionOf(snsFixture('notification-alarm-ok').Message ?? ''),
      buttons: [],
      resolvedAfterMs: 50 * 60_000 + 3_000,
    }),
  'on-air-alarm': () =>
    alarmCard({
      transition: onAir({
        state: 'ALARM',
        old: 'OK',
        at: Date.parse('2025-03-14T21:01:00.000Z'),
        reason:
          "rap is off air: no source on /rap.mp3 since 2025-03-14 21:00:30 UTC (2 checks in a row)\nrap's HLS origin is stale: s3://radio-audio-bucket/hls/rap/live.m3u8 has not advanced for 34s (target duration 6 s) since 2025-03-14 21:00:30 UTC (2 checks in a row)",
      }),
      buttons: onAirButtons,
    }),
  'on-air-ok': () =>
    alarmCard({
      transition: onAir({
        state: 'OK',
        old: 'ALARM',
        at: Date.parse('2025-03-14T21:03:00.000Z'),
        reason: 'rap is on air: a source is on /rap.mp3 since 2025-03-14 21:02:41 UTC, and its HLS advances',
      }),
      buttons: [],
      resolvedAfterMs: 120_000,
    }),
  'alarm-composite': () => alarmCard({ transition: transitionOf(alarmMessageFixture('composite')), buttons: [] }),
  'alarm-metric-math': () =>
    alarmCard({ transition: transitionOf(alarmMessageFixture('metric-math')), buttons: playbook }),
  'alarm-thread': () =>
    threadReply(card('OK', '2025-03-14T22:05:41.093Z'), [
      {
        message_id: 'm-1',
        old_state: 'OK',
        new_state: 'ALARM',
        state_change_time: new Date('2025-03-14T21:15:37.412Z'),
      },
      {
        message_id: 'm-2',
        old_state: 'ALARM',
        new_state: 'INSUFFICIENT_DATA',
        state_change_time: new Date('2025-03-14T21:40:00.000Z'),
      },
    ]),
  'error-usage': () =>
    errorReply(new UserError('unknown_command', 'Unknown command `db slow`.', ['Did you mean `db slow-queries`?'])),
  'error-reference': () => errorReply(new UserError('unavailable', 'Something went wrong. Reference: 1a2b3c4d')),
  // As any Slack path without threads draws it (inline, trimmed), the answer above its thread, and the thread's first message.
  'host-logs-long': longHostLogs,
  'host-logs-long-answer': () => replyPointingToThread(longHostLogs()),
  'host-logs-long-thread': () => threadMessages(longHostLogs())[0]!,
  ...RUNBOOK_GOLDEN_CASES,
  ...RUNBOOK_PLAN_GOLDEN_CASES,
};
