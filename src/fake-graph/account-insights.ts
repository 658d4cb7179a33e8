import { MAX_HISTORY_DAYS, MAX_WINDOW_DAYS, RECENT_ONLY_DAYS } from '../graph/date-windows';
import type { Breakdown, InsightsMetricData, InsightsResponse } from '../graph/graph-types';
import {
  ACCOUNT_PERIODS,
  type AccountMetric,
  type AccountPeriod,
  accountMetricsFor,
  BREAKDOWN_VALUES,
  countsUniqueAccounts,
  findAccountMetric,
  isMetricLive,
  type MetricType,
  metricWording,
  TIMEFRAMES,
} from '../graph/metric-catalogue';
import {
  addDays,
  endTimeOfDay,
  type IsoDay,
  pacificDayEnd,
  pacificDayOf,
  pacificDayStart,
} from '../graph/pacific-days';
import { type AccountModel, PRODUCT_KEYS } from './demo-data/account-model';
import type { DemoAccountProfile } from './demo-data/demo-accounts';
import type { SeededNoise } from './demo-data/random';
import { splitInteger } from './demo-data/random';
import { type FakeGraphError, graphErrors } from './graph-errors';

const METRIC_TYPE_VALUES = ['default', 'time_series', 'total_value'] as const;
const MAX_RANGE_SECONDS = MAX_WINDOW_DAYS * 86_400;
const TWO_YEARS_MS = MAX_HISTORY_DAYS * 86_400_000;
/** How much of the day-to-day overlap in audiences a multi-day unique count keeps. */
const UNIQUE_OVERLAP = 0.35;

export interface AccountInsightsRequest {
  accountId: string;
  version: number;
  query: URLSearchParams;
  now: Date;
  model: AccountModel;
  noise: SeededNoise;
  /** Builds a paging link for the same request with other since/until. */
  pagingUrl: (since: number, until: number) => string;
  /** (uncertain) whether total_value requests are held to the 30-day window too. */
  limitTotalValueRange: boolean;
  /** Metrics retired through the fake's faults (unknown to the API from then on). */
  retired?: (name: string) => boolean;
}

type Result = { ok: true; body: InsightsResponse } | { ok: false; error: FakeGraphError };
const fail = (error: FakeGraphError): Result => ({ ok: false, error });

function effectiveMetricTypes(metric: AccountMetric, version: number): readonly MetricType[] {
  if (metric.timeSeriesUntil !== undefined && version < metric.timeSeriesUntil)
    return ['time_series', 'total_value'];
  return metric.metricTypes;
}

function parseTimestamp(value: string | null): number | undefined | 'invalid' {
  if (value === null) return undefined;
  return /^\d{1,12}$/.test(value) ? Number(value) : 'invalid';
}

/** A multi-day count of unique accounts: never more than the sum, never less than the best day. */
function uniqueOverDays(values: number[]): number {
  if (values.length === 0) return 0;
  const max = Math.max(...values);
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.round(max + UNIQUE_OVERLAP * (sum - max));
}

export function answerAccountInsights(req: AccountInsightsRequest): Result {
  const { query, version, now, model } = req;
  const metricParam = query.get('metric');
  if (!metricParam) return fail(graphErrors.missingParameter('metric'));
  const names = metricParam.split(',').map((m) => m.trim());
  const retired = req.retired ?? (() => false);
  const liveNames = accountMetricsFor(version)
    .map((m) => m.name)
    .filter((name) => !retired(name));
  const metrics: AccountMetric[] = [];
  for (const [i, name] of names.entries()) {
    const metric = findAccountMetric(name);
    if (!metric || !isMetricLive(metric, version) || retired(name))
      return fail(graphErrors.mustBeOneOf(`metric[${i}]`, liveNames));
    metrics.push(metric);
  }
  const period = query.get('period');
  if (!period) return fail(graphErrors.missingParameter('period'));
  if (!ACCOUNT_PERIODS.includes(period as AccountPeriod))
    return fail(graphErrors.mustBeOneOf('period', ACCOUNT_PERIODS));
  const metricTypeParam = query.get('metric_type') ?? 'default';
  if (!(METRIC_TYPE_VALUES as readonly string[]).includes(metricTypeParam)) {
    return fail(graphErrors.mustBeOneOf('metric_type', METRIC_TYPE_VALUES));
  }
  if (metricTypeParam === 'default') {
    const needTotal = metrics
      .filter((m) => !effectiveMetricTypes(m, version).includes('time_series'))
      .map((m) => m.name);
    if (needTotal.length > 0) return fail(graphErrors.metricTypeRequired(needTotal));
  } else {
    const wrong = metrics.find(
      (m) => !effectiveMetricTypes(m, version).includes(metricTypeParam as MetricType),
    );
    if (wrong) return fail(graphErrors.metricTypeIncompatible(wrong.name, metricTypeParam));
  }
  const metricType: MetricType = metricTypeParam === 'total_value' ? 'total_value' : 'time_series';
  for (const metric of metrics) {
    if (!metric.periods.includes(period as AccountPeriod)) {
      return fail(graphErrors.periodIncompatible(metric.name, period, metric.periods));
    }
    if (
      metricType === 'total_value' &&
      period !== 'day' &&
      period !== 'lifetime' &&
      !metric.demographic
    ) {
      return fail(graphErrors.periodIncompatible(metric.name, period, ['day']));
    }
  }

  const breakdownParam = query.get('breakdown');
  const breakdowns =
    metricType === 'total_value' && breakdownParam
      ? breakdownParam.split(',').map((b) => b.trim())
      : [];
  for (const metric of metrics) {
    for (const b of breakdowns) {
      if (!(metric.breakdowns as readonly string[]).includes(b))
        return fail(graphErrors.breakdownIncompatible(metric.name, b));
    }
    const combined =
      breakdowns.length > 1 &&
      !(
        metric.demographic &&
        breakdowns.length === 2 &&
        breakdowns.includes('age') &&
        breakdowns.includes('gender')
      );
    if (combined) return fail(graphErrors.breakdownIncompatible(metric.name, breakdowns.join(',')));
  }

  const demographic = metrics.filter((m) => m.demographic);
  const timeframe = query.get('timeframe');
  if (demographic.length > 0) {
    const first = demographic[0] as AccountMetric;
    if (!timeframe) return fail(graphErrors.timeframeRequired(first.name));
    if (!TIMEFRAMES.includes(timeframe as (typeof TIMEFRAMES)[number]))
      return fail(graphErrors.mustBeOneOf('timeframe', TIMEFRAMES));
    if (breakdowns.length === 0)
      return fail(graphErrors.breakdownRequired(first.name, first.breakdowns));
  }

  const sinceParam = parseTimestamp(query.get('since'));
  const untilParam = parseTimestamp(query.get('until'));
  if (sinceParam === 'invalid') return fail(graphErrors.invalidTimestamp('since'));
  if (untilParam === 'invalid') return fail(graphErrors.invalidTimestamp('until'));
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const defaultSpan = metricType === 'time_series' ? 2 * 86_400 : 86_400;
  const until = untilParam ?? (sinceParam !== undefined ? sinceParam + defaultSpan : nowSeconds);
  const since = sinceParam ?? until - defaultSpan;
  if (demographic.length === 0) {
    if (since >= until) return fail(graphErrors.sinceAfterUntil());
    if (
      (metricType === 'time_series' || req.limitTotalValueRange) &&
      until - since > MAX_RANGE_SECONDS
    ) {
      return fail(graphErrors.rangeTooLong());
    }
    if (since * 1000 < now.getTime() - TWO_YEARS_MS) return fail(graphErrors.sinceTooOld());
    const today = pacificDayOf(now);
    const recentOnly = metrics.find((m) => m.last30DaysOnly);
    if (recentOnly && since * 1000 < pacificDayStart(addDays(today, -RECENT_ONLY_DAYS)).getTime()) {
      return fail(graphErrors.last30DaysOnly(recentOnly.name));
    }
  }
  const lastComplete = addDays(pacificDayOf(now), -1);
  const followersNow = model.daily.followers[model.indexOf(lastComplete)] ?? 0;
  const small = metrics.find((m) => m.needs100Followers);
  if (small && followersNow < 100) return fail(graphErrors.needs100Followers(small.name));

  // Days whose end_time falls in (since, until]; today has no value yet (the API lags).
  const days: IsoDay[] = [];
  for (
    let day = pacificDayOf(since * 1000);
    pacificDayEnd(day).getTime() <= until * 1000;
    day = addDays(day, 1)
  ) {
    if (
      pacificDayEnd(day).getTime() / 1000 > since &&
      day <= lastComplete &&
      model.indexOf(day) >= 0
    )
      days.push(day);
  }

  const data: InsightsMetricData[] = [];
  for (const metric of metrics) {
    const { title, description } = metricWording(metric, version);
    const id = `${req.accountId}/insights/${metric.name}/${period}`;
    // Key order as the API sends it: name, period, values, title, description, id (total_value last).
    if (metric.demographic) {
      const breakdown = demographicBreakdown(
        req,
        metric,
        timeframe as string,
        breakdowns,
        lastComplete,
      );
      data.push({
        name: metric.name,
        period,
        title,
        description,
        id,
        total_value: { breakdowns: [breakdown] },
      });
    } else if (metricType === 'time_series') {
      const values = days.map((day) => ({
        value: timeSeriesValue(model, metric.name, period as AccountPeriod, day),
        end_time: endTimeOfDay(day),
      }));
      data.push({ name: metric.name, period, values, title, description, id });
    } else if (days.length > 0) {
      const total_value = totalValue(model, metric.name, days, breakdowns[0]);
      data.push({ name: metric.name, period, title, description, id, total_value });
    }
  }
  const body: InsightsResponse = { data };
  // Paging links for the adjacent windows of an explicit since/until. Without them the answer has
  // the seed example's shape: `data` only.
  const explicitRange = sinceParam !== undefined || untilParam !== undefined;
  if (metricType === 'time_series' && demographic.length === 0 && explicitRange) {
    const span = until - since;
    body.paging = {
      previous: req.pagingUrl(since - span, until - span),
      next: req.pagingUrl(since + span, until + span),
    };
  }
  return { ok: true, body };
}

function dayTotal(model: AccountModel, metric: string, i: number): number {
  const d = model.daily;
  const sumProducts = (arrays: Record<string, Int32Array>) =>
    PRODUCT_KEYS.reduce((s, k) => s + (arrays[k]?.[i] ?? 0), 0);
  switch (metric) {
    case 'views':
    case 'impressions':
      return sumProducts(d.views);
    case 'reach':
      return d.reach[i] ?? 0;
    case 'accounts_engaged':
      return d.accountsEngaged[i] ?? 0;
    case 'likes':
      return sumProducts(d.likes);
    case 'comments':
      return sumProducts(d.comments);
    case 'shares':
      return sumProducts(d.shares);
    case 'saves':
      return sumProducts(d.saves);
    case 'total_interactions':
      return (
        sumProducts(d.likes) +
        sumProducts(d.comments) +
        sumProducts(d.shares) +
        sumProducts(d.saves)
      );
    case 'replies':
      return d.replies[i] ?? 0;
    case 'reposts':
      return d.reposts[i] ?? 0;
    case 'profile_views':
      return d.profileViews[i] ?? 0;
    case 'website_clicks':
      return d.websiteClicks[i] ?? 0;
    case 'profile_links_taps':
      return d.profileLinksTaps[i] ?? 0;
    case 'follower_count':
      return d.follows[i] ?? 0;
    case 'follows_and_unfollows':
      return (d.follows[i] ?? 0) + (d.unfollows[i] ?? 0);
    default:
      return 0;
  }
}

function timeSeriesValue(
  model: AccountModel,
  metric: string,
  period: AccountPeriod,
  day: IsoDay,
): number | Record<string, number> {
  const i = model.indexOf(day);
  if (metric === 'online_followers') return onlineFollowers(model, day);
  if (metric === 'reach' && (period === 'week' || period === 'days_28')) {
    const length = period === 'week' ? 7 : 28;
    const values: number[] = [];
    for (let k = 0; k < length && i - k >= 0; k++) values.push(model.daily.reach[i - k] ?? 0);
    return uniqueOverDays(values);
  }
  return dayTotal(model, metric, i);
}

/** Followers online in each Pacific hour of the day: a daily rhythm around the account's peak. */
function onlineFollowers(model: AccountModel, day: IsoDay): Record<string, number> {
  const followers = model.daily.followers[model.indexOf(day)] ?? 0;
  const peak = model.profile.onlinePeakHour;
  const byHour: Record<string, number> = {};
  for (let h = 0; h < 24; h++) {
    const distance = Math.min(Math.abs(h - peak), 24 - Math.abs(h - peak));
    const night = h >= 1 && h <= 5 ? 0.35 : 1;
    const share = (0.06 + 0.22 * Math.exp(-(distance * distance) / 18)) * night;
    byHour[String(h)] = Math.round(
      followers * share * (0.92 + 0.16 * hashUnit(model.profile.id, day, h)),
    );
  }
  return byHour;
}

function hashUnit(...key: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of key.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

function breakdownOf(key: string, entries: [string, number][]): Breakdown {
  return {
    dimension_keys: [key],
    results: entries
      .filter(([, v]) => v > 0)
      .map(([k, v]) => ({ dimension_values: [k], value: v })),
  };
}

function totalValue(
  model: AccountModel,
  metric: string,
  days: IsoDay[],
  breakdown: string | undefined,
) {
  const idx = days.map((d) => model.indexOf(d));
  const sumOf = (arr: Int32Array) => idx.reduce((s, i) => s + (arr[i] ?? 0), 0);
  const dailyTotals = idx.map((i) => dayTotal(model, metric, i));
  const unique = countsUniqueAccounts(metric);
  const value = unique ? uniqueOverDays(dailyTotals) : dailyTotals.reduce((a, b) => a + b, 0);
  if (!breakdown) return { value };
  const d = model.daily;
  // Counts that add up are split day by day and added, as Instagram's would: a range's split is
  // the sum of its days'. Unique accounts are split over the range as a whole.
  const split = (weightsOn: (days: readonly number[]) => number[]): number[] => {
    if (unique) return splitInteger(value, weightsOn(idx));
    const sums: number[] = [];
    idx.forEach((i, n) => {
      splitInteger(dailyTotals[n] ?? 0, weightsOn([i])).forEach((part, k) => {
        sums[k] = (sums[k] ?? 0) + part;
      });
    });
    return sums;
  };
  if (breakdown === 'media_product_type') {
    const source = {
      views: d.views,
      reach: d.views,
      likes: d.likes,
      comments: d.comments,
      shares: d.shares,
      saves: d.saves,
    }[metric as 'views'];
    const weightsOn = (day: readonly number[]) =>
      PRODUCT_KEYS.map((k) =>
        day.reduce(
          (sum, i) =>
            sum +
            (source
              ? (source[k][i] ?? 0)
              : (d.likes[k][i] ?? 0) +
                (d.comments[k][i] ?? 0) +
                (d.shares[k][i] ?? 0) +
                (d.saves[k][i] ?? 0)),
          0,
        ),
      );
    const parts = split(weightsOn);
    return {
      value,
      breakdowns: [
        breakdownOf(
          'media_product_type',
          PRODUCT_KEYS.map((k, i) => [k, parts[i] ?? 0]),
        ),
      ],
    };
  }
  if (breakdown === 'follow_type') {
    if (metric === 'follows_and_unfollows') {
      return {
        value,
        breakdowns: [
          breakdownOf('follow_type', [
            ['FOLLOWER', sumOf(d.follows)],
            ['NON_FOLLOWER', sumOf(d.unfollows)],
          ]),
        ],
      };
    }
    const parts = split((day) => {
      const share =
        day.reduce((sum, i) => sum + (d.reachFollowerShare[i] ?? 0), 0) / Math.max(1, day.length);
      return [share, 1 - share - 0.02, 0.02];
    });
    return {
      value,
      breakdowns: [
        breakdownOf(
          'follow_type',
          BREAKDOWN_VALUES.follow_type.map((k, i) => [k, parts[i] ?? 0]),
        ),
      ],
    };
  }
  // contact_button_type
  const parts = splitInteger(value, [1, 3, 3, 2, 0, 1, 0]);
  return {
    value,
    breakdowns: [
      breakdownOf(
        'contact_button_type',
        BREAKDOWN_VALUES.contact_button_type.map((k, i) => [k, parts[i] ?? 0]),
      ),
    ],
  };
}

const AGES = BREAKDOWN_VALUES.age;
const MAX_DEMOGRAPHIC_RESULTS = 45;

function demographicBreakdown(
  req: AccountInsightsRequest,
  metric: AccountMetric,
  timeframe: string,
  breakdowns: string[],
  lastComplete: IsoDay,
): Breakdown {
  const { model, noise } = req;
  const profile: DemoAccountProfile = model.profile;
  const last = model.indexOf(lastComplete);
  const span = timeframe === 'this_week' ? 7 : 30;
  let population: number;
  if (metric.name === 'follower_demographics') {
    population = Math.round((model.daily.followers[last] ?? 0) * 0.96);
  } else {
    const source =
      metric.name === 'engaged_audience_demographics'
        ? model.daily.accountsEngaged
        : model.daily.reach;
    const recent: number[] = [];
    for (let k = 0; k < span && last - k >= 0; k++) recent.push(source[last - k] ?? 0);
    population = Math.round(uniqueOverDays(recent) * 0.9);
  }
  const jitter = (key: string) =>
    noise.between(0.85, 1.15, profile.id, metric.name, timeframe, key);
  const genderWeights: Record<string, number> = {
    F: profile.womenShare,
    M: 0.97 - profile.womenShare,
    U: 0.03,
  };
  let entries: [string[], number][];
  const key = breakdowns.slice().sort().join(',');
  if (key === 'age,gender') {
    entries = AGES.flatMap((age, a) =>
      (['F', 'M', 'U'] as const).map((g): [string[], number] => [
        [age, g],
        (profile.ageWeights[a] ?? 0) * (genderWeights[g] ?? 0) * jitter(age + g),
      ]),
    );
  } else if (key === 'age') {
    entries = AGES.map((age, a) => [[age], (profile.ageWeights[a] ?? 0) * jitter(age)]);
  } else if (key === 'gender') {
    entries = Object.entries(genderWeights).map(([g, w]) => [[g], w * jitter(g)]);
  } else if (key === 'country') {
    entries = profile.countries.map(([c, w]) => [[c], w * jitter(c)]);
  } else {
    entries = profile.cities.map(([c, w]) => [[c], w * jitter(c)]);
  }
  const parts = splitInteger(
    population,
    entries.map(([, w]) => w),
  );
  const results = entries
    .map(([dims], i) => ({ dimension_values: dims, value: parts[i] ?? 0 }))
    .filter((r) => r.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, MAX_DEMOGRAPHIC_RESULTS);
  return { dimension_keys: key === 'age,gender' ? ['age', 'gender'] : breakdowns, results };
}
