import { countsUniqueAccounts } from '../../../../graph/metric-catalogue';
import type { AccountInsightsParams } from '../../../api/get-account-insights';
import { rangeParams } from '../../../lib/account-insights-requests';
import type { DateRange } from '../../../lib/date-range';

export interface BreakdownSpec {
  key: string;
  metric: string;
  breakdown: 'media_product_type' | 'follow_type';
  /** What the breakdown splits by, for the card title ("Views by content type"). */
  by?: string;
  /** Header of the label column. */
  labelHeader: string;
  /** Counts unique accounts (UNIQUE_COUNT_METRICS): needs a range Instagram can total at once. */
  unique: boolean;
  labels?: Readonly<Record<string, string>>;
}

const BREAKDOWN_CARDS: readonly Omit<BreakdownSpec, 'unique'>[] = [
  {
    key: 'views-product',
    metric: 'views',
    breakdown: 'media_product_type',
    by: 'content type',
    labelHeader: 'Content type',
  },
  {
    key: 'views-follow',
    metric: 'views',
    breakdown: 'follow_type',
    by: 'follower status',
    labelHeader: 'Audience',
  },
  {
    key: 'interactions-product',
    metric: 'total_interactions',
    breakdown: 'media_product_type',
    by: 'content type',
    labelHeader: 'Content type',
  },
  {
    key: 'reach-follow',
    metric: 'reach',
    breakdown: 'follow_type',
    by: 'follower status',
    labelHeader: 'Audience',
  },
  {
    key: 'follows-follow',
    metric: 'follows_and_unfollows',
    breakdown: 'follow_type',
    labelHeader: 'Change',
    labels: { FOLLOWER: 'Follows', NON_FOLLOWER: 'Unfollows' },
  },
];

export const BREAKDOWNS: readonly BreakdownSpec[] = BREAKDOWN_CARDS.map((spec) => ({
  ...spec,
  unique: countsUniqueAccounts(spec.metric),
}));

/**
 * Breakdowns by the same dimension share one request, so one Graph call per window answers several
 * cards; unique counts (reach) go alone, since they cannot be totalled over longer ranges.
 */
export const breakdownParams = (spec: BreakdownSpec, range: DateRange): AccountInsightsParams => ({
  metric: spec.unique
    ? spec.metric
    : BREAKDOWNS.filter((b) => b.breakdown === spec.breakdown && !b.unique)
        .map((b) => b.metric)
        .join(','),
  metric_type: 'total_value',
  breakdown: spec.breakdown,
  ...rangeParams(range),
});
