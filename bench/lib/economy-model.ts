/**
 * How many Graph API calls the data a page asked for needs at the least, and how many a naive client
 * would make, computed from the /api requests the page sent (not from what the proxy did).
 *
 * Counted in the units Instagram's rate limit counts: every GET, and every entry of a batch.
 * - Account insights: metrics that share period, metric_type, breakdown and range go in one call,
 *   and a range needs one call per window of at most 30 days (src/graph/date-windows.ts). Daily
 *   values of total_value metrics (split=day) need one call per day: the API totals a range only.
 * - Media insights: one call per breakdown asked (all metrics without a breakdown in one), also
 *   for each post of a list asked with `insights=lifetime`.
 * - Objects: one call per profile, media object, media list page or stories list; the list of
 *   accounts needs one me/accounts call. Picture bytes come from Instagram's CDN, not the Graph API.
 * `asAsked` is the same count without merging across the page's requests: what a perfect proxy would
 * spend on the requests as the app sends them. The naive client makes one call per metric per window (per day for daily values) and reads each
 * object once. Field expansion and `ids=` lookups, which can fold several objects into one call,
 * are not counted as savings by either figure.
 */
import { planAccountInsights } from '../../src/server/insights-plan';

export interface PageRequest {
  /** Path and query as the browser sent them, e.g. `/api/123/insights?metric=reach`. */
  url: string;
  status: number;
  /** For media insights: how many metrics the answer carried. */
  metricsAnswered?: number;
  /** For a list asked with `insights=lifetime`: how many posts carried their insights. */
  postsWithInsights?: number;
}

export interface CallModel {
  minimum: number;
  /** The minimum for the requests as the page groups them: no merging across its requests. */
  asAsked: number;
  naive: number;
  /** What the minimum is made of, e.g. `insights 178…: 2 windows × 1 group`. */
  parts: string[];
}

export function modelCalls(
  requests: readonly PageRequest[],
  accountIds: ReadonlySet<string>,
  now: Date,
): CallModel {
  const minimumKeys = new Set<string>();
  const naiveKeys = new Set<string>();
  const parts: string[] = [];
  const seen = new Set<string>();
  let asAsked = 0;
  /** Account insights asks, grouped: key without metric → metric names. */
  const groups = new Map<string, { units: string[]; metrics: Set<string>; label: string }>();

  for (const request of requests) {
    if (request.status !== 200 || seen.has(request.url)) continue;
    seen.add(request.url);
    const url = new URL(request.url, 'http://127.0.0.1');
    const segments = url.pathname.split('/').filter(Boolean).slice(1);
    const [id = '', edge] = segments;
    const object = (key: string) => {
      minimumKeys.add(key);
      naiveKeys.add(key);
    };
    if (id === 'health' || edge === 'picture') continue;
    if (id === 'accounts') {
      object('me/accounts');
      for (const account of accountIds) object(`profile ${account}`);
      continue;
    }
    const isAccount = accountIds.has(id);
    if (!edge) {
      object(isAccount ? `profile ${id}` : `media ${id}`);
      continue;
    }
    if (edge === 'media' || edge === 'stories' || edge === 'collaborative_media') {
      const cursor = url.searchParams.get('after') ?? url.searchParams.get('before') ?? '';
      object(`${edge} ${id} ${cursor}`);
      // Each post's insights: one call (a batch entry) per post, all metrics in it.
      for (let i = 0; i < (request.postsWithInsights ?? 0); i++) {
        minimumKeys.add(`media insights ${edge} ${id} ${cursor} #${i}`);
        naiveKeys.add(`media insights ${edge} ${id} ${cursor} #${i}`);
        asAsked++;
      }
      continue;
    }
    if (edge !== 'insights') continue;
    if (!isAccount) {
      const breakdown = url.searchParams.get('breakdown') ?? '';
      minimumKeys.add(`media insights ${id} ${breakdown}`);
      asAsked++;
      const metrics =
        url.searchParams.get('metric')?.split(',') ??
        Array.from({ length: request.metricsAnswered ?? 1 }, (_, i) => `#${i}`);
      for (const m of metrics) naiveKeys.add(`media insights ${id} ${breakdown} ${m}`);
      continue;
    }
    const query = Object.fromEntries(url.searchParams);
    const plan = planAccountInsights(query, 25, now);
    const units = plan.splitDays
      ? plan.splitDays.map((day) => `day ${day}`)
      : plan.timeframe
        ? [`timeframe ${plan.timeframe}`]
        : plan.windows.map((w) => `window ${w.since}-${w.until}`);
    asAsked += units.length;
    const shape = [id, plan.period, plan.metricType, plan.breakdown ?? '', plan.timeframe ?? ''];
    const key = [...shape, plan.splitDays ? 'split' : '', units.join(',')].join('|');
    const group = groups.get(key) ?? {
      units,
      metrics: new Set<string>(),
      label: `${plan.metricType}${plan.breakdown ? ` by ${plan.breakdown}` : ''}${plan.splitDays ? ' per day' : ''}`,
    };
    for (const m of plan.metrics) group.metrics.add(m.name);
    groups.set(key, group);
  }

  let minimum = minimumKeys.size;
  let naive = naiveKeys.size;
  if (minimumKeys.size) parts.push(`${minimumKeys.size} object/list/media-insights reads`);
  for (const group of groups.values()) {
    minimum += group.units.length;
    naive += group.units.length * group.metrics.size;
    parts.push(`${group.label}: ${group.units.length} × [${[...group.metrics].join(',')}]`);
  }
  const objects = [...minimumKeys].filter((k) => !k.startsWith('media insights')).length;
  return { minimum, asAsked: asAsked + objects, naive, parts };
}
