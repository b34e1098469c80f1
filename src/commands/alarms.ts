import { z } from 'zod';
import { describeAlarmsInput } from '../integrations/alarms/alarm-inputs.js';
import type { AlarmSummary } from '../integrations/alarms/alarm-operations.js';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { defineCommand } from '../pipeline/command.js';
import { codeSpan, note, rich, table, text } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';
import { utcWithAge } from './utc-with-age.js';

const STATES = ['ALARM', 'INSUFFICIENT_DATA', 'OK'] as const;
const MAX_ROWS = 40;

const Args = z.object({
  state: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(STATES))
    .optional(),
});

interface AlarmsResult {
  state?: (typeof STATES)[number];
  /** By state (ALARM, INSUFFICIENT_DATA, OK), then the most recent transition first. */
  alarms: AlarmSummary[];
  at: Date;
}

/** `alarms [--state ALARM]`: CloudWatch metric and composite alarms by state, with reason and since when. */
export const alarmsCommand = defineCommand({
  name: 'alarms',
  usage: 'alarms [--state ALARM|INSUFFICIENT_DATA|OK]',
  summary: 'List CloudWatch alarms by state, with the reason and since when',
  examples: ['alarms', 'alarms --state ALARM'],
  positional: [],
  flags: { state: 'string' },
  needs: ['alarms'],
  args: Args,
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  plan: async ({ args }) =>
    awsReadPlan([{ service: 'CloudWatch', operation: 'DescribeAlarms', input: describeAlarmsInput(args.state) }]),
  async run({ args, integrations }): Promise<AlarmsResult> {
    const alarms = await integrations.alarms.listAlarms(args.state);
    const rank = (alarm: AlarmSummary) => STATES.indexOf(alarm.StateValue as (typeof STATES)[number]);
    const time = (alarm: AlarmSummary) => alarm.StateUpdatedTimestamp?.getTime() ?? 0;
    alarms.sort((a, b) => rank(a) - rank(b) || time(b) - time(a));
    return { state: args.state, alarms, at: new Date() };
  },
  present({ state, alarms, at }) {
    const counts = STATES.map((s) => [s, alarms.filter((alarm) => alarm.StateValue === s).length] as const).filter(
      ([, n]) => n > 0,
    );
    const summary = counts.length
      ? counts.map(([s, n]) => `${n} ${s}`).join(', ')
      : `No alarms${state ? ` in ${state}` : ''}`;
    if (alarms.length === 0) return { summary, visibility: 'in_channel', parts: [text(`${summary}.`)] };
    return {
      summary: `CloudWatch alarms: ${summary}`,
      visibility: 'in_channel',
      parts: [
        text(`CloudWatch alarms${state ? ` in ${state}` : ''}: ${summary}.`),
        table(
          ['StateValue', 'AlarmName', 'type', 'since (StateUpdatedTimestamp)', 'StateReason'],
          alarms
            .slice(0, MAX_ROWS)
            .map((a) => [
              a.StateValue ?? '-',
              a.AlarmName,
              a.type === 'metric' ? (a.what ?? 'metric') : 'composite',
              utcWithAge(a.StateUpdatedTimestamp, at),
              a.StateReason ?? '-',
            ]),
        ),
        ...(alarms.length > MAX_ROWS
          ? [note(rich`Showing ${MAX_ROWS} of ${alarms.length}; ${codeSpan('alarms --state ALARM')} narrows it.`)]
          : []),
      ],
    };
  },
});
