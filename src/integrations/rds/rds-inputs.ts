import type { RadioConfig } from '../../config/radio-config.js';

/** The exact input of `DescribeDBInstances` for the station instance (shown by dry-runs too). */
export const describeDbInstancesInput = (config: RadioConfig) => ({ DBInstanceIdentifier: config.rds.instance });

/** The exact input of the first `DescribeDBSnapshots` page; later pages add `Marker`. */
export const describeDbSnapshotsInput = (config: RadioConfig) => ({
  DBInstanceIdentifier: config.rds.instance,
  MaxRecords: 100,
});
