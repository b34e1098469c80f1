import type { AlarmState } from './alarm-operations.js';

/** The exact input of the first `DescribeAlarms` page; later pages add `NextToken`. */
export const describeAlarmsInput = (state?: AlarmState) => ({
  AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] as ('MetricAlarm' | 'CompositeAlarm')[],
  MaxRecords: 100,
  ...(state ? { StateValue: state } : {}),
});
