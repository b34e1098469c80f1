import { GetCostAndUsageCommand, GetCostForecastCommand, type CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { awsCall } from '../aws/aws-errors.js';
import { costAndUsageInput, costForecastInput } from './cost-inputs.js';

/** Costs of one month by Cost Explorer `SERVICE`, in `unit` (USD). Amounts are as AWS reports them, unrounded. */
export interface MonthCosts {
  month: string;
  byService: Record<string, number>;
  unit: string;
  /** Cost Explorer marks a month whose costs are not final (`Estimated`). */
  estimated: boolean;
}

/** An answer and when it was read (answers are cached, so it may be up to an hour old). */
export interface Cached<T> {
  value: T;
  readAt: Date;
}

/** Cost Explorer (us-east-1) for `cost`. Every call is billed, so answers are kept an hour (see {@link answerCache}). */
export interface CostOperations {
  /** `GetCostAndUsage` for `month` (`YYYY-MM`) and the month before, paged by `NextPageToken`: [previous, month]. */
  monthly(month: string): Promise<Cached<[MonthCosts, MonthCosts]>>;
  /** `GetCostForecast` from `today` to the end of its month: the cost still to come (not what was spent before today). */
  forecast(today: Date): Promise<Cached<{ amount: number; unit: string }>>;
}

/**
 * A cache of answers by key for `ttlMs` in this process's memory only: a restart, or another replica, asks
 * Cost Explorer again (each request costs $0.01). Failures are not kept.
 */
export function answerCache(ttlMs = 3_600_000, now: () => number = Date.now) {
  const kept = new Map<string, { at: number; value: Promise<unknown> }>();
  return <T>(key: string, read: () => Promise<T>): Promise<Cached<T>> => {
    const hit = kept.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value as Promise<Cached<T>>;
    const at = now();
    const value = read().then((answer) => ({ value: answer, readAt: new Date(at) }));
    kept.set(key, { at, value });
    value.catch(() => kept.delete(key));
    return value;
  };
}

export function createCostOperations(
  ce: CostExplorerClient,
  cache: ReturnType<typeof answerCache> = answerCache(),
): CostOperations {
  const context = (action: string) => ({ action: `ce:${action}`, resource: '*' });
  return {
    monthly: (month) =>
      cache(`monthly ${month}`, async () => {
        const input = costAndUsageInput(month);
        const months = new Map<string, MonthCosts>();
        let NextPageToken: string | undefined;
        do {
          const page = await awsCall(context('GetCostAndUsage'), () =>
            ce.send(new GetCostAndUsageCommand({ ...input, ...(NextPageToken ? { NextPageToken } : {}) })),
          );
          for (const result of page.ResultsByTime ?? []) {
            const key = (result.TimePeriod?.Start ?? '').slice(0, 7);
            const costs = months.get(key) ?? { month: key, byService: {}, unit: 'USD', estimated: false };
            costs.estimated ||= result.Estimated ?? false;
            for (const group of result.Groups ?? []) {
              const metric = group.Metrics?.UnblendedCost;
              const service = group.Keys?.[0] ?? '(no service)';
              costs.byService[service] = (costs.byService[service] ?? 0) + Number(metric?.Amount ?? 0);
              costs.unit = metric?.Unit ?? costs.unit;
            }
            months.set(key, costs);
          }
          NextPageToken = page.NextPageToken;
        } while (NextPageToken);
        const previous = input.TimePeriod!.Start!.slice(0, 7);
        const empty = (m: string): MonthCosts => ({ month: m, byService: {}, unit: 'USD', estimated: false });
        return [months.get(previous) ?? empty(previous), months.get(month) ?? empty(month)] as [MonthCosts, MonthCosts];
      }),
    forecast: (today) =>
      cache(`forecast ${today.toISOString().slice(0, 10)}`, async () => {
        const output = await awsCall(context('GetCostForecast'), () =>
          ce.send(new GetCostForecastCommand(costForecastInput(today))),
        );
        return { amount: Number(output.Total?.Amount ?? 0), unit: output.Total?.Unit ?? 'USD' };
      }),
  };
}
