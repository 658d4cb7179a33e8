import { type Context, Hono } from 'hono';
import type { InsightsMetricData } from '../graph/graph-types';
import { findAccountMetric, findMediaMetric, metricWording } from '../graph/metric-catalogue';
import {
  endTimeOfDay,
  type IsoDay,
  isIsoDay,
  pacificDayOf,
  toGraphTimestamp,
} from '../graph/pacific-days';
import { parseGraphVersion } from '../graph/versions';
import type { AccountDirectory } from './account-directory';
import { badRequest, notFound } from './api-errors';
import type { ApiEnv } from './api-routes';
import { assertCanSee, assertDaysAllowed } from './auth/access';
import { readQuery } from './query-params';
import type { InsightsStore } from './store/insights-store';

export interface StoredRoutesDeps {
  store: InsightsStore;
  directory: AccountDirectory;
  graphVersion: string;
  now: () => Date;
}

const DEMOGRAPHIC_METRICS = ['follower_demographics', 'engaged_audience_demographics'];
const DEMOGRAPHIC_BREAKDOWNS = ['age', 'gender', 'country', 'city'];
const TIMEFRAMES = ['this_month', 'this_week'];
const MAX_ARCHIVE_PAGE = 100;
const DEFAULT_ARCHIVE_PAGE = 25;

function readId(id: string): string {
  if (!/^\d{1,25}$/.test(id))
    throw notFound(`There is no route /api/${id.slice(0, 40)}: Instagram ids are numbers.`);
  return id;
}

/** since/until as a Pacific day or Unix seconds (as the insights routes take them), as days. */
function readDayRange(query: Record<string, string>): { first?: IsoDay; last?: IsoDay } {
  const read = (name: 'since' | 'until'): IsoDay | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (isIsoDay(value)) return value;
    if (/^\d{1,11}$/.test(value)) {
      // As in the Graph API, until is exclusive: the day that ends at it is the last one.
      const seconds = Number(value);
      return name === 'since' ? pacificDayOf(seconds * 1000) : pacificDayOf(seconds * 1000 - 1);
    }
    throw badRequest(
      `${name} must be a day as YYYY-MM-DD (a US Pacific day) or Unix seconds, not "${value.slice(0, 40)}".`,
    );
  };
  const first = read('since');
  const last = read('until');
  if (first && last && first > last) throw badRequest('since must not be after until.');
  return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
}

const iso = (value: string | undefined) => (value ? toGraphTimestamp(new Date(value)) : undefined);

/**
 * Read-only routes over the store, in the Graph API's shapes, that never call Instagram:
 * `/{ig-user-id}/stored/follower_count`, `/stored/online_followers`, `/stored/demographics` and
 * `/{ig-user-id}/stories/archive`. Mounted under /api before its catch-all.
 */
export function createStoredRoutes(deps: StoredRoutesDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const version = parseGraphVersion(deps.graphVersion) ?? 25;

  /** The same rule as everywhere: only the accounts this server shows (403 otherwise). */
  const allow = async (c: Context<ApiEnv>, id: string) => {
    assertCanSee(c, id);
    await deps.directory.tokenFor(id, c.get('meter'));
  };

  /** A share viewer's range: within its link's days, which also bound a range left open. */
  const sharedRange = (c: Context<ApiEnv>, range: { first?: IsoDay; last?: IsoDay }) => {
    const viewer = c.get('viewer');
    if (viewer?.kind !== 'share') return range;
    const bounded = {
      first: range.first ?? viewer.days.first,
      last: range.last ?? viewer.days.last,
    };
    assertDaysAllowed(c, bounded.first, bounded.last);
    return bounded;
  };

  for (const metric of ['follower_count', 'online_followers'] as const) {
    routes.get(`/:id/stored/${metric}`, async (c) => {
      const id = readId(c.req.param('id'));
      const range = sharedRange(c, readDayRange(readQuery(new URL(c.req.url), ['since', 'until'])));
      await allow(c, id);
      const catalogue = findAccountMetric(metric);
      const period = metric === 'follower_count' ? 'day' : 'lifetime';
      const rows = deps.store.dailyValues<number | Record<string, number>>(id, metric, range);
      const first = deps.store.firstDay(id, metric);
      const entry: InsightsMetricData = {
        name: metric,
        period,
        values: rows.map((r) => ({ value: r.value, end_time: endTimeOfDay(r.day) })),
        ...(catalogue ? metricWording(catalogue, version) : { title: metric, description: metric }),
        id: `${id}/insights/${metric}/${period}`,
      };
      c.header('Cache-Control', 'no-store');
      return c.json({
        data: [entry],
        stored_since: first ?? null,
        stored_since_end_time: first ? endTimeOfDay(first) : null,
      });
    });
  }

  routes.get('/:id/stored/demographics', async (c) => {
    const id = readId(c.req.param('id'));
    const query = readQuery(new URL(c.req.url), [
      'metric',
      'breakdown',
      'timeframe',
      'since',
      'until',
    ]);
    const metric = query.metric ?? 'follower_demographics';
    if (!DEMOGRAPHIC_METRICS.includes(metric))
      throw badRequest(`metric must be one of ${DEMOGRAPHIC_METRICS.join(', ')}.`);
    const breakdown = query.breakdown;
    if (!breakdown || !DEMOGRAPHIC_BREAKDOWNS.includes(breakdown))
      throw badRequest(`Give one breakdown: ${DEMOGRAPHIC_BREAKDOWNS.join(', ')}.`);
    const timeframe = query.timeframe ?? 'this_month';
    if (!TIMEFRAMES.includes(timeframe))
      throw badRequest(`timeframe must be ${TIMEFRAMES.join(' or ')}.`);
    const range = sharedRange(c, readDayRange(query));
    await allow(c, id);
    const key = { metric, breakdown, timeframe };
    const rows = deps.store.demographics(id, key, range);
    const first = deps.store.firstDemographicsDay(id, key);
    const catalogue = findAccountMetric(metric);
    c.header('Cache-Control', 'no-store');
    return c.json({
      data: [
        {
          name: metric,
          period: 'lifetime',
          breakdown,
          timeframe,
          values: rows.map((r) => ({
            // The answer Instagram gave on that Pacific day, dated by the day's end.
            end_time: endTimeOfDay(r.day),
            total_value: { breakdowns: [{ dimension_keys: [breakdown], results: r.results }] },
          })),
          ...(catalogue
            ? metricWording(catalogue, version)
            : { title: metric, description: metric }),
          id: `${id}/insights/${metric}/lifetime`,
        },
      ],
      stored_since: first ?? null,
      stored_since_end_time: first ? endTimeOfDay(first) : null,
    });
  });

  routes.get('/:id/stories/archive', async (c) => {
    const id = readId(c.req.param('id'));
    const query = readQuery(new URL(c.req.url), ['limit', 'after']);
    if (query.limit !== undefined && !/^(100|[1-9]\d?)$/.test(query.limit))
      throw badRequest(`limit must be a whole number from 1 to ${MAX_ARCHIVE_PAGE}.`);
    const limit = query.limit ? Number(query.limit) : DEFAULT_ARCHIVE_PAGE;
    let after: { endedAt: string; id: string } | undefined;
    if (query.after !== undefined) {
      const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(query.after)
        ? Buffer.from(query.after, 'base64url').toString()
        : '';
      const match = /^a:(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(\d{1,25})$/.exec(decoded);
      if (!match?.[1] || !match[2])
        throw badRequest('after must be a cursor taken from paging.cursors of an earlier answer.');
      after = { endedAt: match[1], id: match[2] };
    }
    await allow(c, id);
    const stories = deps.store.storyArchive(id, deps.now(), {
      limit: limit + 1,
      ...(after ? { after } : {}),
    });
    const page = stories.slice(0, limit);
    const order = (name: string) => {
      const i = ORDER.indexOf(name);
      return i < 0 ? ORDER.length : i;
    };
    const data = page.map((s) => {
      const sources = new Set(s.metrics.map((m) => m.source));
      return {
        id: s.id,
        media_product_type: 'STORY',
        ...(s.mediaType ? { media_type: s.mediaType } : {}),
        ...(s.postedAt ? { timestamp: iso(s.postedAt) } : {}),
        ...(s.expiresAt ? { expired_at: iso(s.expiresAt) } : {}),
        ...(s.finalReceivedAt ? { final_received_at: iso(s.finalReceivedAt) } : {}),
        // Where the numbers come from: the final webhook, the last hourly snapshot, or both.
        source:
          sources.size === 0
            ? null
            : sources.has('webhook')
              ? sources.has('hourly_snapshot')
                ? 'webhook+hourly_snapshot'
                : 'webhook'
              : 'hourly_snapshot',
        insights: {
          data: [...s.metrics]
            .sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name))
            .map((m) => {
              const catalogue = findMediaMetric(m.name);
              return {
                name: m.name,
                period: 'lifetime',
                // -1: Instagram withholds counts under 5 in its webhooks.
                values: [{ value: m.value < 0 ? null : m.value }],
                ...(catalogue
                  ? { title: catalogue.title, description: catalogue.description }
                  : { title: m.name, description: m.name }),
                id: `${s.id}/insights/${m.name}/lifetime`,
                source: m.source,
                captured_at: iso(m.capturedAt),
                ...(m.value < 0 ? { withheld: true } : {}),
              };
            }),
        },
      };
    });
    const cursor = (s: { endedAt: string; id: string }) =>
      Buffer.from(`a:${s.endedAt}|${s.id}`).toString('base64url');
    const firstItem = page[0];
    const lastItem = page[page.length - 1];
    const paging =
      firstItem && lastItem
        ? {
            cursors: { before: cursor(firstItem), after: cursor(lastItem) },
            ...(stories.length > limit
              ? {
                  next: `/api/${id}/stories/archive?${new URLSearchParams({
                    limit: String(limit),
                    after: cursor(lastItem),
                  })}`,
                }
              : {}),
          }
        : {};
    c.header('Cache-Control', 'no-store');
    return c.json({ data, paging });
  });

  return routes;
}

/** The order story metrics are listed in: the Graph API's, then the webhook's own names. */
const ORDER = [
  'views',
  'facebook_views',
  'impressions',
  'reach',
  'replies',
  'navigation',
  'taps_forward',
  'taps_back',
  'exits',
  'shares',
  'total_interactions',
  'follows',
  'profile_visits',
  'profile_activity',
  'link_clicks',
  'reposts',
];
