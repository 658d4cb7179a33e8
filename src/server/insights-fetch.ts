import { windowForDays } from '../graph/date-windows';
import type { Breakdown, InsightsMetricData, InsightsResponse } from '../graph/graph-types';
import { addDays, endTimeOfDay, type IsoDay, pacificDayOf } from '../graph/pacific-days';
import { ApiError } from './api-errors';
import type { GraphClient, UpstreamMeter } from './graph-client';
import type { AccountInsightsPlan, MediaInsightsPlan } from './insights-plan';
import type { CachedResult, ResponseCache } from './response-cache';

const MINUTE = 60_000;
const SETTLED_TTL_MS = 12 * 60 * MINUTE;
const RECENT_TTL_MS = 5 * MINUTE;
const DEMOGRAPHICS_TTL_MS = 60 * MINUTE;
/** How long an answer that will not change (a permanent refusal) is given again without asking. */
const REFUSAL_TTL_MS = 24 * 60 * MINUTE;

export interface FetchContext {
  client: GraphClient;
  cache: ResponseCache;
  token: string;
  accountKey: string;
  meter: UpstreamMeter;
  now: Date;
}

export interface Fetched<T> {
  body: T;
  /** The least fresh of the parts: stale if any part was served from an expired copy. */
  cache: CachedResult<unknown>['status'];
  storedAt: number;
}

function cacheKey(path: string, params: Record<string, string>): string {
  return `${path}?${Object.entries(params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;
}

/** One `{data}` answer per cached Graph answer (no paging links): a hit is serialised once. */
const dataOnlyAnswers = new WeakMap<InsightsResponse, InsightsResponse>();
function dataOnly(response: InsightsResponse): InsightsResponse {
  let answer = dataOnlyAnswers.get(response);
  if (!answer) {
    answer = { data: response.data };
    dataOnlyAnswers.set(response, answer);
  }
  return answer;
}

const STATUS_RANK = { hit: 0, coalesced: 1, miss: 2, stale: 3 } as const;

export async function cachedGet<T>(
  ctx: FetchContext,
  path: string,
  params: Record<string, string>,
  ttlMs: number,
) {
  const key = cacheKey(path, params);
  // A refusal that will not change is answered again from memory: a repeat costs no call.
  const refused = ctx.cache.peek<ApiError>(`refused:${key}`);
  if (refused?.fresh) throw refused.value;
  try {
    return await ctx.cache.getOrFetch<T>(key, ttlMs, () =>
      ctx.client.get<T>({
        path,
        params,
        token: ctx.token,
        accountKey: ctx.accountKey,
        meter: ctx.meter,
      }),
    );
  } catch (error) {
    if (error instanceof ApiError && error.graph.permanent)
      ctx.cache.set(`refused:${key}`, error, REFUSAL_TTL_MS);
    throw error;
  }
}

export function combine<T>(parts: CachedResult<unknown>[], body: T): Fetched<T> {
  const worst = parts.reduce<CachedResult<unknown>['status']>(
    (w, p) => (STATUS_RANK[p.status] > STATUS_RANK[w] ? p.status : w),
    'hit',
  );
  return { body, cache: worst, storedAt: Math.min(...parts.map((p) => p.storedAt)) };
}

/**
 * The plan with only the metrics Instagram still provides for accounts; the others are marked in
 * the answer's `missing_metrics` (MetricAvailability).
 */
function withAvailableAccountMetrics(
  ctx: FetchContext,
  plan: AccountInsightsPlan,
  fetch: (plan: AccountInsightsPlan) => Promise<Fetched<InsightsResponse>>,
): Promise<Fetched<InsightsResponse>> {
  return ctx.client.availability.ask(
    { kind: 'account' },
    plan.metrics.map((m) => m.name),
    (names) => fetch({ ...plan, metrics: plan.metrics.filter((m) => names.includes(m.name)) }),
  );
}

/** Fetches a planned account insights request: one upstream call per window, windows in parallel. */
export function fetchAccountInsights(
  ctx: FetchContext,
  accountId: string,
  plan: AccountInsightsPlan,
): Promise<Fetched<InsightsResponse>> {
  return withAvailableAccountMetrics(ctx, plan, (available) =>
    fetchWindows(ctx, accountId, available),
  );
}

async function fetchWindows(
  ctx: FetchContext,
  accountId: string,
  plan: AccountInsightsPlan,
): Promise<Fetched<InsightsResponse>> {
  const base: Record<string, string> = {
    metric: plan.metrics.map((m) => m.name).join(','),
    period: plan.period,
    metric_type: plan.metricType,
    ...(plan.breakdown ? { breakdown: plan.breakdown } : {}),
  };
  const path = `${accountId}/insights`;
  if (plan.timeframe) {
    const part = await cachedGet<InsightsResponse>(
      ctx,
      path,
      { ...base, timeframe: plan.timeframe },
      DEMOGRAPHICS_TTL_MS,
    );
    return combine([part], dataOnly(part.value));
  }
  const closedBefore = addDays(pacificDayOf(ctx.now), -2);
  // A repeated request reuses the merged answer while every window of it is fresh.
  const mergedKey = `merged:${cacheKey(path, base)}:${plan.windows.map((w) => `${w.since}-${w.until}`).join(',')}`;
  const merged = ctx.cache.peek<Fetched<InsightsResponse>>(mergedKey);
  if (merged?.fresh) return { ...merged.value, cache: 'hit' };
  const parts = await Promise.all(
    plan.windows.map((w) =>
      cachedGet<InsightsResponse>(
        ctx,
        path,
        { ...base, since: String(w.since), until: String(w.until) },
        w.last < closedBefore ? SETTLED_TTL_MS : RECENT_TTL_MS,
      ),
    ),
  );
  const responses = parts.map((p) => p.value);
  const data =
    plan.metricType === 'time_series' ? mergeTimeSeries(responses) : sumTotals(responses);
  const result = combine(parts, { data });
  if (result.cache !== 'stale') {
    const settled = plan.windows.every((w) => w.last < closedBefore);
    ctx.cache.set(mergedKey, result, settled ? SETTLED_TTL_MS : RECENT_TTL_MS);
  }
  return result;
}

/** Joins windows in order: each end_time once, no paging links. */
function mergeTimeSeries(responses: InsightsResponse[]): InsightsMetricData[] {
  const byName = new Map<
    string,
    InsightsMetricData & { seen: Map<string, NonNullable<InsightsMetricData['values']>[number]> }
  >();
  for (const response of responses) {
    for (const entry of response.data) {
      let merged = byName.get(entry.name);
      if (!merged) {
        // Spreading the entry keeps the Graph API's key order (values before title).
        merged = { ...entry, values: [], seen: new Map() };
        byName.set(entry.name, merged);
      }
      for (const v of entry.values ?? []) merged.seen.set(v.end_time ?? '', v);
    }
  }
  return [...byName.values()].map(({ seen, ...entry }) => ({
    ...entry,
    values: [...seen.values()].sort((a, b) => (a.end_time ?? '').localeCompare(b.end_time ?? '')),
  }));
}

/** Adds up additive total_value metrics across windows, breakdown by breakdown. */
function sumTotals(responses: InsightsResponse[]): InsightsMetricData[] {
  const byName = new Map<string, InsightsMetricData>();
  for (const response of responses) {
    for (const entry of response.data) {
      const merged = byName.get(entry.name);
      if (!merged) {
        byName.set(entry.name, structuredClone(entry));
        continue;
      }
      const total = merged.total_value ?? {};
      total.value = (total.value ?? 0) + (entry.total_value?.value ?? 0);
      total.breakdowns = mergeBreakdowns(total.breakdowns, entry.total_value?.breakdowns);
      merged.total_value = total;
    }
  }
  return [...byName.values()];
}

function mergeBreakdowns(
  a: Breakdown[] | undefined,
  b: Breakdown[] | undefined,
): Breakdown[] | undefined {
  if (!a || !b) return a ?? b;
  return a.map((breakdown, i) => {
    const other = b[i];
    const sums = new Map(
      breakdown.results.map((r) => [r.dimension_values.join('\u0000'), { ...r }]),
    );
    for (const r of other?.results ?? []) {
      const key = r.dimension_values.join('\u0000');
      const existing = sums.get(key);
      if (existing) existing.value += r.value;
      else sums.set(key, { ...r });
    }
    return { dimension_keys: breakdown.dimension_keys, results: [...sums.values()] };
  });
}

/**
 * Media insights: a story changes by the minute, a post settles after its first week. Metrics
 * Instagram no longer provides for this kind of media are left out and marked.
 */
export function fetchMediaInsights(
  ctx: FetchContext,
  mediaId: string,
  plan: MediaInsightsPlan,
  media: { productType: string; mediaType?: string; timestamp: string },
): Promise<Fetched<InsightsResponse>> {
  return ctx.client.availability.ask(
    { kind: 'media', productType: media.productType, mediaType: media.mediaType ?? '' },
    plan.metrics.map((m) => m.name),
    (names) =>
      fetchMediaMetrics(
        ctx,
        mediaId,
        { ...plan, metrics: plan.metrics.filter((m) => names.includes(m.name)) },
        media,
      ),
  );
}

/** Whether this Graph GET's answer is in the cache, fresh: asking it costs nothing. */
export function isFreshInCache(
  ctx: FetchContext,
  path: string,
  params: Record<string, string>,
): boolean {
  return ctx.cache.peek(cacheKey(path, params))?.fresh === true;
}

/** Whether a post's insights for this plan, or Instagram's lasting refusal, are in the cache. */
export function mediaInsightsCached(
  ctx: FetchContext,
  mediaId: string,
  plan: MediaInsightsPlan,
): boolean {
  const params = {
    metric: plan.metrics.map((m) => m.name).join(','),
    ...(plan.breakdown ? { breakdown: plan.breakdown } : {}),
  };
  const key = cacheKey(`${mediaId}/insights`, params);
  return (
    isFreshInCache(ctx, `${mediaId}/insights`, params) ||
    ctx.cache.peek(`refused:${key}`)?.fresh === true
  );
}

async function fetchMediaMetrics(
  ctx: FetchContext,
  mediaId: string,
  plan: MediaInsightsPlan,
  media: { productType: string; timestamp: string },
): Promise<Fetched<InsightsResponse>> {
  const ageMs = ctx.now.getTime() - Date.parse(media.timestamp.replace(/\+0000$/, 'Z'));
  const ttl =
    media.productType === 'STORY'
      ? RECENT_TTL_MS
      : ageMs > 7 * 86_400_000
        ? 6 * 60 * MINUTE
        : 15 * MINUTE;
  const part = await cachedGet<InsightsResponse>(
    ctx,
    `${mediaId}/insights`,
    {
      metric: plan.metrics.map((m) => m.name).join(','),
      ...(plan.breakdown ? { breakdown: plan.breakdown } : {}),
    },
    Number.isFinite(ttl) ? ttl : 15 * MINUTE,
  );
  return combine([part], dataOnly(part.value));
}

/**
 * Daily values of total_value metrics: one upstream question per day (all metrics in it), days
 * already known come from the cache, the rest go out in batch requests.
 */
export function fetchDailyTotals(
  ctx: FetchContext,
  accountId: string,
  plan: AccountInsightsPlan,
  days: IsoDay[],
): Promise<Fetched<InsightsResponse>> {
  return withAvailableAccountMetrics(ctx, plan, (available) =>
    fetchDays(ctx, accountId, available, days),
  );
}

function fetchDays(
  ctx: FetchContext,
  accountId: string,
  plan: AccountInsightsPlan,
  days: IsoDay[],
): Promise<Fetched<InsightsResponse>> {
  const key = `daily:${accountId}:${plan.metrics.map((m) => m.name).join(',')}:${days[0]}:${days.length}`;
  let started = false;
  const shared = ctx.cache.coalesce(key, () => {
    started = true;
    return readDailyTotals(ctx, accountId, plan, days);
  });
  // A request that joined another's upstream calls is logged as coalesced, as getOrFetch does.
  return shared.then((fetched) =>
    started || fetched.cache !== 'miss' ? fetched : { ...fetched, cache: 'coalesced' },
  );
}

async function readDailyTotals(
  ctx: FetchContext,
  accountId: string,
  plan: AccountInsightsPlan,
  days: IsoDay[],
): Promise<Fetched<InsightsResponse>> {
  const path = `${accountId}/insights`;
  const metric = plan.metrics.map((m) => m.name).join(',');
  const closedBefore = addDays(pacificDayOf(ctx.now), -2);
  const asks = days.map((day) => {
    const w = windowForDays(day, day);
    const params = {
      metric,
      period: 'day',
      metric_type: 'total_value',
      since: String(w.since),
      until: String(w.until),
    };
    return {
      day,
      params,
      key: cacheKey(path, params),
      ttl: day < closedBefore ? SETTLED_TTL_MS : RECENT_TTL_MS,
    };
  });
  const found = new Map<IsoDay, { value: InsightsResponse; storedAt: number; stale: boolean }>();
  const missing: typeof asks = [];
  for (const ask of asks) {
    const copy = ctx.cache.peek<InsightsResponse>(ask.key);
    if (copy?.fresh)
      found.set(ask.day, { value: copy.value, storedAt: copy.storedAt, stale: false });
    else missing.push(ask);
  }
  let fetchedAny = false;
  if (missing.length > 0) {
    const calls = missing.map((ask) => ({
      path,
      params: ask.params,
      token: ctx.token,
      accountKey: ctx.accountKey,
      meter: ctx.meter,
    }));
    // A batch that fails as a whole (outage, timeout, throttled) fails each of its days, so
    // that days with an older copy are still answered from it below.
    const results = await ctx.client.batch<InsightsResponse>(calls).catch((error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return calls.map(() => ({ ok: false as const, error }));
    });
    results.forEach((result, i) => {
      const ask = missing[i] as (typeof missing)[number];
      if (result.ok) {
        ctx.cache.set(ask.key, result.body, ask.ttl);
        found.set(ask.day, { value: result.body, storedAt: ctx.now.getTime(), stale: false });
        fetchedAny = true;
        return;
      }
      const copy = ctx.cache.peek<InsightsResponse>(ask.key);
      if (copy && [429, 502, 503, 504].includes(result.error.status)) {
        found.set(ask.day, { value: copy.value, storedAt: copy.storedAt, stale: true });
        return;
      }
      throw result.error;
    });
  }
  const byName = new Map<string, InsightsMetricData>();
  for (const { day } of asks) {
    for (const entry of found.get(day)?.value.data ?? []) {
      let series = byName.get(entry.name);
      if (!series) {
        // Key order as the Graph API sends time series: name, period, values, title, description, id.
        series = {
          name: entry.name,
          period: entry.period,
          values: [],
          title: entry.title,
          description: entry.description,
          id: entry.id,
        };
        byName.set(entry.name, series);
      }
      if (entry.total_value?.value !== undefined)
        series.values?.push({ value: entry.total_value.value, end_time: endTimeOfDay(day) });
    }
  }
  const parts = [...found.values()];
  const stale = parts.some((p) => p.stale);
  if (parts.length === 0 && days.length > 0)
    throw new ApiError(502, {
      message: 'No day could be read from Instagram; try again shortly.',
      type: 'UpstreamUnavailable',
      code: 2,
      is_transient: true,
    });
  return {
    body: { data: [...byName.values()] },
    cache: stale ? 'stale' : fetchedAny ? 'miss' : 'hit',
    storedAt: Math.min(...parts.map((p) => p.storedAt)),
  };
}
