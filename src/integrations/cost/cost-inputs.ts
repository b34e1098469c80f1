import type { GetCostAndUsageCommandInput, GetCostForecastCommandInput } from '@aws-sdk/client-cost-explorer';

/** `YYYY-MM` of a UTC date. */
export const monthOf = (at: Date): string => at.toISOString().slice(0, 7);

/** The first day (`YYYY-MM-DD`) of `month` shifted by `delta` months. */
export function firstDay(month: string, delta = 0): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number - 1 + delta, 1)).toISOString().slice(0, 10);
}

/**
 * `GetCostAndUsage` of `month` and the month before, MONTHLY, `UnblendedCost` grouped by `SERVICE` (End is
 * exclusive: the first day of the next month). Source: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
 */
export const costAndUsageInput = (month: string): GetCostAndUsageCommandInput => ({
  TimePeriod: { Start: firstDay(month, -1), End: firstDay(month, 1) },
  Granularity: 'MONTHLY',
  Metrics: ['UnblendedCost'],
  GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
});

/**
 * `GetCostForecast` from `today` to the end of its month (the forecast must start today or later).
 * Source: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostForecast.html
 */
export const costForecastInput = (today: Date): GetCostForecastCommandInput => ({
  TimePeriod: { Start: today.toISOString().slice(0, 10), End: firstDay(monthOf(today), 1) },
  Metric: 'UNBLENDED_COST',
  Granularity: 'MONTHLY',
});

/** The runbook's rows, by Cost Explorer's `SERVICE` names; anything else is `Other`. */
export const RUNBOOK_ROWS: readonly { row: string; services: readonly string[] }[] = [
  { row: 'RDS', services: ['Amazon Relational Database Service'] },
  { row: 'ElastiCache', services: ['Amazon ElastiCache'] },
  { row: 'S3', services: ['Amazon Simple Storage Service'] },
  { row: 'CloudFront', services: ['Amazon CloudFront'] },
  { row: 'EC2', services: ['Amazon Elastic Compute Cloud - Compute', 'EC2 - Other'] },
  { row: 'ECS', services: ['Amazon Elastic Container Service'] },
];
