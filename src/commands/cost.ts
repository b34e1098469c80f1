import { z } from 'zod';
import { awsDryRunOnly } from '../integrations/aws/aws-dry-run-only.js';
import { costAndUsageInput, costForecastInput, monthOf, RUNBOOK_ROWS } from '../integrations/cost/cost-inputs.js';
import type { MonthCosts } from '../integrations/cost/cost-operations.js';
import { defineCommand } from '../pipeline/command.js';
import { fields, note, table } from '../pipeline/reply.js';
import { awsReadPlan } from './aws-read-plan.js';

const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11')
  .refine((month) => month <= monthOf(new Date()), 'a month that has begun')
  .optional();

/** What `cost` read: [previous month, month], the forecast of the current month, and when Cost Explorer answered. */
export interface CostResult {
  months: [MonthCosts, MonthCosts];
  /** Only for the current month: spent so far + `GetCostForecast` to its end. */
  forecast?: { spent: number; toCome: number; unit: string };
  readAt: Date;
}

const usd = (amount: number) =>
  `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The runbook's rows (RDS, ElastiCache, S3, CloudFront, EC2, ECS), Other, and total, of one month. */
function rowsOf(costs: MonthCosts): Map<string, number> {
  const rows = new Map<string, number>(RUNBOOK_ROWS.map(({ row }) => [row, 0]));
  rows.set('Other', 0);
  let total = 0;
  for (const [service, amount] of Object.entries(costs.byService)) {
    const row = RUNBOOK_ROWS.find((candidate) => candidate.services.includes(service))?.row ?? 'Other';
    rows.set(row, (rows.get(row) ?? 0) + amount);
    total += amount;
  }
  return rows.set('total', total);
}

/**
 * `cost [--month 2026-11]`: the AWS bill by the runbook's rows for the month (default: this one) beside the
 * month before, from Cost Explorer (`GetCostAndUsage`, us-east-1), with `GetCostForecast` for the current
 * month. Each Cost Explorer request is billed, so answers are kept an hour in this process (a restart or
 * another replica asks again). API: https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
 */
export const costCommand = defineCommand({
  name: 'cost',
  usage: 'cost [--month 2026-11]',
  summary: "Show the AWS bill by the runbook's services, beside the month before, with this month's forecast",
  examples: ['cost', 'cost --month 2026-11'],
  positional: [],
  flags: { month: 'string' },
  needs: ['cost'],
  args: z.object({ month: Month }),
  risk: () => 'read',
  dryRunOnly: awsDryRunOnly,
  async plan({ args }) {
    const today = new Date();
    const month = args.month ?? monthOf(today);
    return awsReadPlan([
      { service: 'Cost Explorer', operation: 'GetCostAndUsage', input: costAndUsageInput(month) },
      ...(month === monthOf(today)
        ? [{ service: 'Cost Explorer', operation: 'GetCostForecast', input: costForecastInput(today) }]
        : []),
    ]);
  },
  async run({ args, integrations }): Promise<CostResult> {
    const today = new Date();
    const month = args.month ?? monthOf(today);
    const { value: months, readAt } = await integrations.cost.monthly(month);
    if (month !== monthOf(today)) return { months, readAt };
    const { value } = await integrations.cost.forecast(today);
    const spent = rowsOf(months[1]).get('total') ?? 0;
    return { months, readAt, forecast: { spent, toCome: value.amount, unit: value.unit } };
  },
  present({ months: [previous, month], forecast, readAt }) {
    const [before, now] = [rowsOf(previous), rowsOf(month)];
    const label = (m: MonthCosts) => `${m.month}${m.estimated ? ' (estimated)' : ''}`;
    return {
      summary: `AWS cost ${month.month}: ${usd(now.get('total') ?? 0)} (${previous.month}: ${usd(before.get('total') ?? 0)})`,
      visibility: 'in_channel',
      parts: [
        table(
          ['service', label(previous), label(month)],
          [...now.keys()].map((row) => [row, usd(before.get(row) ?? 0), usd(now.get(row) ?? 0)]),
        ),
        ...(forecast
          ? [
              fields([
                'Forecast for the month',
                `${usd(forecast.spent + forecast.toCome)} (${usd(forecast.spent)} so far + ${usd(forecast.toCome)} to come)`,
              ]),
            ]
          : []),
        note(
          `UnblendedCost in ${month.unit}, read at ${readAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (answers are kept an hour: each Cost Explorer request is billed).`,
        ),
      ],
    };
  },
});
