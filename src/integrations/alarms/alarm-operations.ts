import { DescribeAlarmsCommand, type CloudWatchClient, type StateValue } from '@aws-sdk/client-cloudwatch';
import { awsCall } from '../aws/aws-errors.js';
import { describeAlarmsInput } from './alarm-inputs.js';

export { describeAlarmsInput } from './alarm-inputs.js';

/** A CloudWatch alarm state, as CloudWatch spells it. */
export type AlarmState = `${StateValue}`;

/** One metric or composite alarm from `DescribeAlarms`. */
export interface AlarmSummary {
  AlarmName: string;
  type: 'metric' | 'composite';
  StateValue?: AlarmState;
  /** CloudWatch's own words for the last transition; shown, never parsed. */
  StateReason?: string;
  /** When the alarm entered its current state. */
  StateUpdatedTimestamp?: Date;
  /** `namespace metric` for metric alarms (`AWS/RDS CPUUtilization`); the rule for composite ones. */
  what?: string;
  ActionsEnabled?: boolean;
}

/**
 * Read-only CloudWatch alarm verbs.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
 *
 * Errors: UserErrors in words (see `describeAwsError`); AccessDenied names `cloudwatch:DescribeAlarms`.
 */
export interface AlarmOperations {
  /** Metric and composite alarms, every page (`NextToken`), only those in `state` when given. */
  listAlarms(state?: AlarmState): Promise<AlarmSummary[]>;
}

/** Alarm verbs over `cloudwatch` (in the configured region). */
export function createAlarmOperations(cloudwatch: CloudWatchClient): AlarmOperations {
  return {
    async listAlarms(state) {
      const alarms: AlarmSummary[] = [];
      let NextToken: string | undefined;
      do {
        const input = { ...describeAlarmsInput(state), ...(NextToken ? { NextToken } : {}) };
        const page = await awsCall({ action: 'cloudwatch:DescribeAlarms', resource: 'alarm:*' }, () =>
          cloudwatch.send(new DescribeAlarmsCommand(input)),
        );
        for (const alarm of page.MetricAlarms ?? []) {
          const metric = alarm.MetricName ? `${alarm.Namespace ?? ''} ${alarm.MetricName}`.trim() : 'metric math';
          alarms.push({ ...common(alarm), type: 'metric', what: metric });
        }
        for (const alarm of page.CompositeAlarms ?? [])
          alarms.push({ ...common(alarm), type: 'composite', what: alarm.AlarmRule });
        NextToken = page.NextToken;
      } while (NextToken);
      return alarms;
    },
  };
}

function common(alarm: {
  AlarmName?: string;
  StateValue?: StateValue;
  StateReason?: string;
  StateUpdatedTimestamp?: Date;
  ActionsEnabled?: boolean;
}) {
  return {
    AlarmName: alarm.AlarmName ?? '(unnamed)',
    StateValue: alarm.StateValue,
    StateReason: alarm.StateReason,
    StateUpdatedTimestamp: alarm.StateUpdatedTimestamp,
    ActionsEnabled: alarm.ActionsEnabled,
  };
}
