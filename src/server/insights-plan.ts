import { EARLIEST_DAY } from '../graph/account-history';
import {
  type DayWindow,
  MAX_HISTORY_DAYS,
  MAX_SPLIT_DAYS,
  MAX_WINDOW_DAYS,
  RECENT_ONLY_DAYS,
  splitIntoWindows,
} from '../graph/date-windows';
import {
  type AccountMetric,
  type AccountPeriod,
  accountMetricsFor,
  appliesToMedia,
  countsUniqueAccounts,
  findAccountMetric,
  findMediaMetric,
  isMetricLive,
  type LoginType,
  type MediaMetric,
  type MetricType,
  mediaMetricsOffered,
  offeredWith,
  TIMEFRAMES,
} from '../graph/metric-catalogue';
import {
  addDays,
  daysBetween,
  type IsoDay,
  isIsoDay,
  pacificDayOf,
  pacificDayStart,
  unixSeconds,
} from '../graph/pacific-days';
import { badRequest } from './api-errors';
import { readNameList } from './query-params';

/** Daily values a split=day request may cover when the history answers them (ten years). */
const MAX_HISTORY_SPLIT_DAYS = 3_660;

export const ACCOUNT_INSIGHTS_PARAMS = [
  'metric',
  'period',
  'metric_type',
  'breakdown',
  'timeframe',
  'since',
  'until',
  'split',
] as const;
export const MEDIA_INSIGHTS_PARAMS = ['metric', 'period', 'breakdown'] as const;

export interface AccountInsightsPlan {
  metrics: AccountMetric[];
  period: AccountPeriod;
  metricType: MetricType;
  breakdown?: string;
  timeframe?: string;
  /** Windows of at most 30 days, in order; absent for demographics. */
  windows: DayWindow[];
  /** The last day covered ends before the API's 48-hour lag: its numbers are settled. */
  settled: boolean;
  /** With `split=day`: the days whose totals are asked one at a time. */
  splitDays?: IsoDay[];
}

function retiredMetricMessage(metric: {
  name: string;
  retiredIn?: number;
  replacedBy?: string;
}): string {
  return `${metric.name} was retired in Graph API v${metric.retiredIn}.0; use ${metric.replacedBy ?? 'another metric'}`;
}

function readTime(name: 'since' | 'until', value: string): number {
  if (/^\d{1,11}$/.test(value)) return Number(value);
  if (isIsoDay(value)) {
    // A day means the whole Pacific day: since from its start, until through its end.
    return unixSeconds(pacificDayStart(name === 'since' ? value : addDays(value, 1)));
  }
  throw badRequest(
    `${name} must be a day as YYYY-MM-DD (a US Pacific day) or Unix seconds, not "${value.slice(0, 40)}".`,
  );
}

/** Checks an account insights request and decides its upstream windows, before any upstream call. */
export function planAccountInsights(
  query: Record<string, string>,
  version: number,
  now: Date,
  /** The oldest day the dashboard's own history holds for the account, if older than Graph's. */
  historyFrom?: IsoDay,
): AccountInsightsPlan {
  if (!query.metric)
    throw badRequest('Give at least one metric, e.g. metric=reach,follower_count.');
  const metrics = readNameList('metric', query.metric).map((name) => {
    const metric = findAccountMetric(name);
    if (metric && !isMetricLive(metric, version)) throw badRequest(retiredMetricMessage(metric));
    if (!metric) {
      throw badRequest(
        `Unknown account metric "${name}". Use one of: ${accountMetricsFor(version)
          .map((m) => m.name)
          .join(', ')}.`,
      );
    }
    return metric;
  });

  const period = (query.period ?? metrics[0]?.periods[0]) as AccountPeriod;
  for (const m of metrics) {
    if (!m.periods.includes(period)) {
      throw badRequest(
        `${m.name} is given for period ${m.periods.join(' or ')}, not ${period}.${query.period ? '' : ' Ask it in a separate request.'}`,
      );
    }
  }

  let metricType: MetricType;
  if (query.metric_type && query.metric_type !== 'default') {
    if (query.metric_type !== 'time_series' && query.metric_type !== 'total_value') {
      throw badRequest('metric_type must be time_series or total_value.');
    }
    metricType = query.metric_type;
  } else {
    metricType = metrics.every((m) => m.metricTypes.includes('time_series'))
      ? 'time_series'
      : 'total_value';
  }
  const wrongType = metrics.filter((m) => !m.metricTypes.includes(metricType));
  if (wrongType.length) {
    throw badRequest(
      `${wrongType.map((m) => m.name).join(', ')} ${wrongType.length > 1 ? 'are' : 'is'} only given as metric_type=${wrongType[0]?.metricTypes[0]}; ask ${wrongType.length > 1 ? 'them' : 'it'} in a separate request.`,
    );
  }

  let breakdown: string | undefined;
  if (query.breakdown) {
    if (metricType !== 'total_value')
      throw badRequest('breakdown works only with metric_type=total_value.');
    const parts = readNameList('breakdown', query.breakdown);
    for (const m of metrics) {
      const bad = parts.find((b) => !(m.breakdowns as readonly string[]).includes(b));
      if (bad) {
        throw badRequest(
          `${m.name} cannot be broken down by ${bad}. ${m.breakdowns.length ? `It accepts: ${m.breakdowns.join(', ')}.` : 'It has no breakdowns.'}`,
        );
      }
      const ageGender = parts.length === 2 && parts.includes('age') && parts.includes('gender');
      if (parts.length > 1 && !(m.demographic && ageGender))
        throw badRequest('Ask one breakdown at a time (age,gender is the only pair).');
    }
    breakdown = parts.join(',');
  }

  const demographic = metrics.filter((m) => m.demographic);
  if (demographic.length > 0) {
    if (demographic.length !== metrics.length)
      throw badRequest('Ask demographics in a request of their own.');
    if (!query.timeframe || !(TIMEFRAMES as readonly string[]).includes(query.timeframe)) {
      throw badRequest('Demographics need timeframe=this_week or timeframe=this_month.');
    }
    if (!breakdown)
      throw badRequest('Demographics need a breakdown: age, gender, country, city or age,gender.');
    if (query.since || query.until)
      throw badRequest('Demographics ignore since and until; use timeframe instead.');
    if (query.split !== undefined)
      throw badRequest('Demographics come as one total per timeframe: remove split.');
    return {
      metrics,
      period,
      metricType,
      breakdown,
      timeframe: query.timeframe,
      windows: [],
      settled: false,
    };
  }
  if (query.timeframe)
    throw badRequest(
      'timeframe applies only to follower_demographics and engaged_audience_demographics.',
    );

  const today = pacificDayOf(now);
  const defaultDays = metricType === 'time_series' ? 2 : 1;
  const until = query.until ? readTime('until', query.until) : unixSeconds(pacificDayStart(today));
  const since = query.since ? readTime('since', query.since) : until - defaultDays * 86_400;
  if (since >= until) throw badRequest('since must be before until.');
  if (until > unixSeconds(pacificDayStart(addDays(today, 1))))
    throw badRequest(`until must not be after today (${today}, US Pacific).`);
  const graphOldest = addDays(today, -MAX_HISTORY_DAYS + 1);
  // With a history of its own, the dashboard answers older days it holds and marks the others.
  const oldest = historyFrom && historyFrom < graphOldest ? EARLIEST_DAY : graphOldest;
  if (since < unixSeconds(pacificDayStart(oldest))) {
    throw badRequest(
      oldest === graphOldest
        ? `Instagram keeps account insights for two years: use since=${oldest} or later.`
        : `Instagram's first day was ${oldest}: use since=${oldest} or later.`,
    );
  }
  const recentOnly = metrics.find((m) => m.last30DaysOnly);
  const oldestRecent = addDays(today, -RECENT_ONLY_DAYS);
  if (recentOnly && since < unixSeconds(pacificDayStart(oldestRecent))) {
    throw badRequest(
      `${recentOnly.name} reaches back only ${RECENT_ONLY_DAYS} days, excluding today: use since=${oldestRecent} or later.`,
    );
  }
  // The days the Graph API would answer for: those whose end falls in (since, until].
  const first = pacificDayOf(since * 1000);
  const last = addDays(pacificDayOf(until * 1000), -1);
  if (last < first) throw badRequest('The range covers no whole day; widen since and until.');
  if (query.split !== undefined) {
    if (query.split !== 'day') throw badRequest('split may only be day.');
    if (metricType !== 'total_value' || period !== 'day')
      throw badRequest('split=day is for total_value metrics with period=day.');
    if (breakdown)
      throw badRequest(
        'split=day gives daily values without breakdowns; ask breakdowns for the whole range.',
      );
    const count = daysBetween(first, last) + 1;
    // With a history, stored days cost no Graph call: only the days it lacks are limited (later).
    const maxDays = historyFrom ? MAX_HISTORY_SPLIT_DAYS : MAX_SPLIT_DAYS;
    if (count > maxDays)
      throw badRequest(`split=day covers at most ${maxDays} days; shorten the range.`);
    const splitDays = Array.from({ length: count }, (_, i) => addDays(first, i));
    return {
      metrics,
      period,
      metricType,
      windows: [],
      settled: last < addDays(today, -2),
      splitDays,
    };
  }
  const windows = splitIntoWindows(first, last);
  if (windows.length > 1 && metricType === 'total_value') {
    const unique = metrics.find((m) => countsUniqueAccounts(m.name));
    if (unique) {
      throw badRequest(
        `${unique.name} counts unique accounts, which Instagram totals over at most ${MAX_WINDOW_DAYS} days; ask for ${MAX_WINDOW_DAYS} days or fewer, or for its daily values with metric_type=time_series.`,
      );
    }
  }
  // Windows that fit the API as asked keep the caller's exact since/until.
  if (windows.length === 1 && windows[0]) windows[0] = { ...windows[0], since, until };
  return {
    metrics,
    period,
    metricType,
    ...(breakdown ? { breakdown } : {}),
    windows,
    settled: last < addDays(today, -2),
  };
}

export interface MediaInsightsPlan {
  metrics: MediaMetric[];
  breakdown?: string;
}

/**
 * Checks a media insights request against the media's product and media type and the login its
 * account is read through; all the metrics they offer by default.
 */
export function planMediaInsights(
  query: Record<string, string>,
  version: number,
  media: { productType: string; mediaType?: string },
  login: LoginType = 'facebook',
): MediaInsightsPlan {
  const { productType, mediaType } = media;
  if (query.period && query.period !== 'lifetime')
    throw badRequest('Media insights have period=lifetime only.');
  const available = mediaMetricsOffered(version, login, productType, mediaType);
  const kind =
    mediaType && mediaType !== 'CAROUSEL_ALBUM' ? `${productType} ${mediaType}` : productType;
  const metrics = query.metric
    ? readNameList('metric', query.metric).map((name) => {
        const metric = findMediaMetric(name);
        if (metric && !isMetricLive(metric, version))
          throw badRequest(retiredMetricMessage(metric));
        if (metric && appliesToMedia(metric, productType, mediaType) && !offeredWith(metric, login))
          throw badRequest(
            `${name} comes only with Facebook Login; this account is connected with Instagram Login. For this media use: ${available.map((m) => m.name).join(', ')}.`,
          );
        if (!metric || !appliesToMedia(metric, productType, mediaType)) {
          throw badRequest(
            `${metric ? `${name} is not available for ${kind} media` : `Unknown media metric "${name}"`}. For this media use: ${available.map((m) => m.name).join(', ')}.`,
          );
        }
        return metric;
      })
    : available;
  if (query.breakdown) {
    const withBreakdown = metrics.filter((m) => m.breakdown === query.breakdown);
    if (withBreakdown.length === 0) {
      const options = metrics.flatMap((m) =>
        m.breakdown ? [`${m.breakdown} (for ${m.name})`] : [],
      );
      throw badRequest(
        `breakdown=${query.breakdown.slice(0, 40)} does not apply here. ${options.length ? `Use ${options.join(' or ')}.` : 'None of these metrics has a breakdown.'}`,
      );
    }
    return { metrics, breakdown: query.breakdown };
  }
  return { metrics };
}
