/**
 * Account insights answered from the dashboard's own history for settled days and from Graph for
 * the rest, merged into Graph's shape. Days neither can give (older than Instagram's two years
 * and never stored; recent ones while Instagram fails) are listed in `missing_days` with the
 * reason, never filled with zeros.
 */
import {
  breakdownRow,
  HISTORY_BREAKDOWNS,
  HISTORY_SERIES_METRICS,
  HISTORY_TOTAL_METRICS,
  newestSettledDay,
  oldestGraphDay,
} from '../graph/account-history';
import { MAX_SPLIT_DAYS, splitIntoWindows } from '../graph/date-windows';
import type { InsightsMetricData, InsightsResponse, MissingMetric } from '../graph/graph-types';
import { countsUniqueAccounts, findAccountMetric } from '../graph/metric-catalogue';
import {
  addDays,
  dayOfEndTime,
  earlierDay,
  endTimeOfDay,
  type IsoDay,
  pacificDayOf,
} from '../graph/pacific-days';
import { ApiError, badRequest } from './api-errors';
import {
  combine,
  type FetchContext,
  type Fetched,
  fetchAccountInsights,
  fetchDailyTotals,
} from './insights-fetch';
import type { AccountInsightsPlan } from './insights-plan';
import type { HistoryStore } from './store/history-store';

type MissingDays = NonNullable<InsightsResponse['missing_days']>[number];

/** Graph's failures during which stored days are still worth answering with. */
const OUTAGE_STATUSES = new Set([429, 502, 503, 504]);

const BEYOND_GRAPH =
  'Instagram keeps two years of account insights, and the dashboard had not stored these days.';
const GRAPH_FAILED = 'Instagram did not answer for these recent days; try again shortly.';

/** The days a plan covers, first to last. */
function planDays(plan: AccountInsightsPlan): { first: IsoDay; last: IsoDay } | undefined {
  if (plan.splitDays) {
    const first = plan.splitDays[0];
    const last = plan.splitDays[plan.splitDays.length - 1];
    return first && last ? { first, last } : undefined;
  }
  const first = plan.windows[0]?.first;
  const last = plan.windows[plan.windows.length - 1]?.last;
  return first && last ? { first, last } : undefined;
}

/** Consecutive runs of days (given in order). */
function runsOf(days: IsoDay[]): { first: IsoDay; last: IsoDay }[] {
  const runs: { first: IsoDay; last: IsoDay }[] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run && addDays(run.last, 1) === day) run.last = day;
    else runs.push({ first: day, last: day });
  }
  return runs;
}

function daysFrom(first: IsoDay, last: IsoDay): IsoDay[] {
  const days: IsoDay[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Whether the history can answer this plan: the metrics it keeps, by day, without breakdowns. */
export function historyCanAnswer(plan: AccountInsightsPlan): boolean {
  if (plan.period !== 'day' || plan.timeframe) return false;
  const names = plan.metrics.map((m) => m.name);
  if (plan.breakdown) {
    // Range totals of a breakdown the history keeps per day, for metrics that add up.
    const kept = HISTORY_BREAKDOWNS.find((b) => b.breakdown === plan.breakdown);
    return (
      plan.metricType === 'total_value' &&
      !plan.splitDays &&
      Boolean(kept) &&
      names.every((n) => (kept?.metrics as readonly string[] | undefined)?.includes(n))
    );
  }
  if (plan.metricType === 'time_series')
    return names.every((n) => (HISTORY_SERIES_METRICS as readonly string[]).includes(n));
  if (!names.every((n) => (HISTORY_TOTAL_METRICS as readonly string[]).includes(n))) return false;
  // Unique accounts do not add up over days: their range totals are Instagram's to give.
  return Boolean(plan.splitDays) || !names.some(countsUniqueAccounts);
}

function wordingOf(name: string, id: string, period: string) {
  const metric = findAccountMetric(name);
  return {
    title: metric?.title ?? name,
    description: metric?.description ?? '',
    id: `${id}/insights/${name}/${period}`,
  };
}

/** The settled days of the range for which the history holds every one of `rows`. */
function settledDaysHeld(
  history: HistoryStore,
  accountId: string,
  rows: readonly string[],
  range: { first: IsoDay; last: IsoDay },
  today: IsoDay,
): Set<IsoDay> {
  const newestSettled = newestSettledDay(today);
  if (range.first > newestSettled) return new Set();
  return new Set(
    history.storedDays(accountId, rows, range.first, earlierDay(newestSettled, range.last)),
  );
}

/** Metrics Instagram no longer provides (#16), marked as Graph's answers marked them. */
function noLongerProvided(parts: readonly Fetched<InsightsResponse>[]): Map<string, MissingMetric> {
  const metrics = new Map<string, MissingMetric>();
  for (const part of parts) for (const m of part.body.missing_metrics ?? []) metrics.set(m.name, m);
  return metrics;
}

/** The least fresh of Graph's parts; the stored days count as fresh. */
function freshnessOf(parts: readonly Fetched<InsightsResponse>[], now: Date) {
  const fromStore = { value: null, status: 'hit' as const, storedAt: now.getTime() };
  return combine(
    [...parts.map((p) => ({ value: null, status: p.cache, storedAt: p.storedAt })), fromStore],
    null,
  );
}

/**
 * Answers a plan historyCanAnswer accepted: settled days the store holds come from it, the other
 * days from Graph (through the cache), and days older than Graph's two years only from the store.
 */
export async function answerWithHistory(
  ctx: FetchContext,
  accountId: string,
  plan: AccountInsightsPlan,
  history: HistoryStore,
): Promise<Fetched<InsightsResponse>> {
  const range = planDays(plan);
  if (!range) throw badRequest('The range covers no whole day; widen since and until.');
  if (plan.breakdown) return answerBreakdown(ctx, accountId, plan, plan.breakdown, history, range);
  const today = pacificDayOf(ctx.now);
  const names = plan.metrics.map((m) => m.name);
  const stored = settledDaysHeld(history, accountId, names, range, today);
  const values = history.values(accountId, names, range.first, range.last);
  const oldestGraph = oldestGraphDay(today);
  const missing: MissingDays[] = [];
  const toAsk: IsoDay[] = [];
  for (const day of daysFrom(range.first, range.last)) {
    if (stored.has(day)) continue;
    if (day < oldestGraph) {
      const last = missing[missing.length - 1];
      if (last && last.reason === BEYOND_GRAPH && addDays(last.last, 1) === day) last.last = day;
      else missing.push({ first: day, last: day, reason: BEYOND_GRAPH });
    } else toAsk.push(day);
  }

  if (plan.splitDays && toAsk.length > MAX_SPLIT_DAYS)
    throw badRequest(
      `Daily curves ask Instagram at most ${MAX_SPLIT_DAYS} days the history does not hold yet (${toAsk.length} here); narrow the range, or wait until the history is stored.`,
    );
  const beyond = missing[0];
  if (beyond && plan.metricType === 'total_value' && !plan.splitDays)
    throw badRequest(
      `A total needs every day of its range, and the dashboard's history holds none before ${addDays(beyond.last, 1)}: use since=${addDays(beyond.last, 1)} or later.`,
    );

  // What Graph gives for the other days: daily values by metric and day, or range totals.
  const graphDays = new Map<string, Map<IsoDay, number>>(names.map((n) => [n, new Map()]));
  const graphTotals = new Map<string, number>();
  const graphEntries = new Map<string, InsightsMetricData>();
  let parts: Fetched<InsightsResponse>[] = [];
  let outage = false;
  if (toAsk.length > 0) {
    try {
      parts = plan.splitDays
        ? [await fetchDailyTotals(ctx, accountId, plan, toAsk)]
        : await Promise.all(
            runsOf(toAsk).map((run) =>
              fetchAccountInsights(ctx, accountId, {
                ...plan,
                windows: splitIntoWindows(run.first, run.last),
              }),
            ),
          );
    } catch (error) {
      const daily = plan.metricType === 'time_series' || Boolean(plan.splitDays);
      if (
        !(error instanceof ApiError) ||
        !OUTAGE_STATUSES.has(error.status) ||
        stored.size === 0 ||
        !daily
      )
        throw error;
      // Settled days are still shown; the recent ones are marked.
      for (const run of runsOf(toAsk)) missing.push({ ...run, reason: GRAPH_FAILED });
      outage = true;
    }
  }
  const noLonger = noLongerProvided(parts);
  for (const part of parts) {
    for (const entry of part.body.data) {
      graphEntries.set(entry.name, entry);
      const total = entry.total_value?.value;
      if (typeof total === 'number')
        graphTotals.set(entry.name, (graphTotals.get(entry.name) ?? 0) + total);
      for (const v of entry.values ?? [])
        if (v.end_time && typeof v.value === 'number')
          graphDays.get(entry.name)?.set(dayOfEndTime(v.end_time), v.value);
    }
  }
  const freshness = freshnessOf(parts, ctx.now);

  const period = 'day';
  const data: InsightsMetricData[] = [];
  for (const name of names) {
    const graphEntry = graphEntries.get(name);
    const base = {
      name,
      period,
      ...wordingOf(name, accountId, period),
      ...(graphEntry
        ? { title: graphEntry.title, description: graphEntry.description, id: graphEntry.id }
        : {}),
    };
    const own = values.get(name) ?? new Map<IsoDay, number | null>();
    if (plan.metricType === 'total_value' && !plan.splitDays) {
      let total: number | undefined;
      for (const day of stored) {
        const v = own.get(day);
        if (typeof v === 'number') total = (total ?? 0) + v;
      }
      const graphTotal = graphTotals.get(name);
      if (graphTotal !== undefined) total = (total ?? 0) + graphTotal;
      // A metric with no value on any day is not available, not zero; nor is a total that
      // lacks the days Instagram no longer gives it for.
      if (total === undefined || noLonger.has(name)) continue;
      data.push({
        name,
        period,
        title: base.title,
        description: base.description,
        total_value: { value: total },
        id: base.id,
      });
      continue;
    }
    const series: { value: number; end_time: string }[] = [];
    for (const day of daysFrom(range.first, range.last)) {
      const v = stored.has(day) ? own.get(day) : graphDays.get(name)?.get(day);
      if (typeof v === 'number') series.push({ value: v, end_time: endTimeOfDay(day) });
    }
    if (series.length === 0 && noLonger.has(name)) continue;
    // Key order as Graph sends time series: name, period, values, title, description, id.
    data.push({
      name,
      period,
      values: series,
      title: base.title,
      description: base.description,
      id: base.id,
    });
  }
  return {
    body: {
      data,
      ...(noLonger.size > 0 ? { missing_metrics: [...noLonger.values()] } : {}),
      ...(missing.length > 0 ? { missing_days: missing } : {}),
    },
    cache: outage ? 'stale' : freshness.cache,
    storedAt: freshness.storedAt,
  };
}

/**
 * A breakdown's range totals: the stored days' values added up per breakdown value, and
 * Instagram's totals for the days the history does not hold yet (the recent ones).
 */
async function answerBreakdown(
  ctx: FetchContext,
  accountId: string,
  plan: AccountInsightsPlan,
  breakdown: string,
  history: HistoryStore,
  range: { first: IsoDay; last: IsoDay },
): Promise<Fetched<InsightsResponse>> {
  const today = pacificDayOf(ctx.now);
  const names = plan.metrics.map((m) => m.name);
  const markers = names.map((n) => breakdownRow(n, breakdown));
  const stored = settledDaysHeld(history, accountId, markers, range, today);
  const toAsk = daysFrom(range.first, range.last).filter((day) => !stored.has(day));
  const oldestGraph = oldestGraphDay(today);
  const lacking = toAsk.find((day) => day < oldestGraph);
  if (lacking) {
    const from = addDays(toAsk.filter((day) => day < oldestGraph).pop() ?? lacking, 1);
    throw badRequest(
      `A total needs every day of its range, and the dashboard's history holds none before ${from}: use since=${from} or later.`,
    );
  }
  const parts = await Promise.all(
    runsOf(toAsk).map((run) =>
      fetchAccountInsights(ctx, accountId, {
        ...plan,
        windows: splitIntoWindows(run.first, run.last),
      }),
    ),
  );
  const noLonger = noLongerProvided(parts);
  const data: InsightsMetricData[] = [];
  for (const name of names) {
    if (noLonger.has(name)) continue;
    let total: number | undefined;
    const byValue = new Map<string, number>();
    const add = (value: string, n: number) => byValue.set(value, (byValue.get(value) ?? 0) + n);
    const own = history.values(accountId, [breakdownRow(name, breakdown)], range.first, range.last);
    for (const [day, v] of own.get(breakdownRow(name, breakdown)) ?? [])
      if (stored.has(day) && typeof v === 'number') total = (total ?? 0) + v;
    const prefix = `${breakdownRow(name, breakdown)}/`;
    for (const [row, days] of history.valuesStartingWith(
      accountId,
      prefix,
      range.first,
      range.last,
    ))
      for (const [day, v] of days)
        if (stored.has(day) && typeof v === 'number') add(row.slice(prefix.length), v);
    let graphEntry: InsightsMetricData | undefined;
    for (const part of parts) {
      const entry = part.body.data.find((d) => d.name === name);
      if (!entry) continue;
      graphEntry = entry;
      if (typeof entry.total_value?.value === 'number')
        total = (total ?? 0) + entry.total_value.value;
      for (const result of entry.total_value?.breakdowns?.[0]?.results ?? [])
        if (result.dimension_values[0] !== undefined) add(result.dimension_values[0], result.value);
    }
    // A metric with no value on any day is not available, not zero.
    if (total === undefined) continue;
    const wording = wordingOf(name, accountId, 'day');
    data.push({
      name,
      period: 'day',
      title: graphEntry?.title ?? wording.title,
      description: graphEntry?.description ?? wording.description,
      total_value: {
        value: total,
        breakdowns: [
          {
            dimension_keys: [breakdown],
            results: [...byValue].map(([value, n]) => ({ dimension_values: [value], value: n })),
          },
        ],
      },
      id: graphEntry?.id ?? wording.id,
    });
  }
  const freshness = freshnessOf(parts, ctx.now);
  return {
    body: { data, ...(noLonger.size > 0 ? { missing_metrics: [...noLonger.values()] } : {}) },
    cache: freshness.cache,
    storedAt: freshness.storedAt,
  };
}
