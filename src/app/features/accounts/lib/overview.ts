import { addDays, type IsoDay } from '../../../../graph/pacific-days';
import type { AccountInsightsParams } from '../../../api/get-account-insights';
import type { DateRange } from '../../../lib/date-range';

export const OVERVIEW_DAYS = 28;

/** The last 28 days (today excluded, its numbers are not in yet) and the 28 days before them. */
export function overviewPeriods(today: IsoDay): { current: DateRange; previous: DateRange } {
  return {
    current: { from: addDays(today, -OVERVIEW_DAYS), to: addDays(today, -1) },
    previous: { from: addDays(today, -2 * OVERVIEW_DAYS), to: addDays(today, -OVERVIEW_DAYS - 1) },
  };
}

/** Reach and views totals of a period, in one request. */
export const overviewTotalsParams = (range: DateRange): AccountInsightsParams => ({
  metric: 'reach,views',
  metric_type: 'total_value',
  since: range.from,
  until: range.to,
});

/** Daily reach of a period, for the sparkline. */
export const overviewReachParams = (range: DateRange): AccountInsightsParams => ({
  metric: 'reach',
  period: 'day',
  metric_type: 'time_series',
  since: range.from,
  until: range.to,
});
