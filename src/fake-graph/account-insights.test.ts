/**
 * `GET /{ig-user-id}/insights` of the fake: time series, total values, breakdowns, demographics,
 * paging windows, range rules, version differences and the errors the real API sends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { splitIntoWindows, windowForDays } from '../graph/date-windows';
import { BREAKDOWN_VALUES } from '../graph/metric-catalogue';
import {
  addDays,
  dayOfEndTime,
  endTimeOfDay,
  pacificDayOf,
  pacificDayStart,
  unixSeconds,
} from '../graph/pacific-days';
import { FakeGraph } from './fake-graph';
import {
  expectGraphError,
  fixedClock,
  type GraphAnswer,
  graph,
  LUMEN,
  NORTHWIND,
  SUMMER_NOW,
  setupMswGraph,
  TINY,
  TOKEN,
  V22_ACCOUNT_METRICS,
  WINTER_NOW,
} from './testing/graph-test-client';

const msw = setupMswGraph();
const NOW = new Date(WINTER_NOW);
const TODAY = pacificDayOf(NOW); // 2026-11-20
const YESTERDAY = addDays(TODAY, -1);
const fake = new FakeGraph({ now: fixedClock(WINTER_NOW) });

interface Point {
  value: number;
  end_time: string;
}
type Results = { dimension_values: string[]; value: number }[];

const insights = (id: string, query: string, version = 'v25.0') =>
  graph(`${version}/${id}/insights?${query}`);
const range = (first: string, last: string) => {
  const w = windowForDays(first, last);
  return `since=${w.since}&until=${w.until}`;
};
const expectParamError = (answer: GraphAnswer, message: string) =>
  expectGraphError(answer, { status: 400, code: 100, message });
const sum = (results: Results) => results.reduce((s, r) => s + r.value, 0);

describe('time series (winter clock 2026-11-20)', () => {
  beforeAll(() => msw.serveFake(fake));

  it('gives each day once, in order, with end_time at the end of the Pacific day', async () => {
    // 2026-10-25 .. 2026-11-19 spans the DST change on 2026-11-01 (26 days and an hour).
    const res = await insights(
      NORTHWIND,
      `metric=reach&period=day&${range('2026-10-25', YESTERDAY)}`,
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data', 'paging']);
    const [entry] = res.body.data;
    expect(Object.keys(entry)).toEqual(['name', 'period', 'values', 'title', 'description', 'id']);
    expect(entry).toMatchObject({
      name: 'reach',
      period: 'day',
      title: 'Accounts reached',
      id: `${NORTHWIND}/insights/reach/day`,
    });
    const values = entry.values as Point[];
    const days = Array.from({ length: 26 }, (_, i) => addDays('2026-10-25', i));
    expect(values.map((v) => v.end_time)).toEqual(days.map(endTimeOfDay));
    expect(values.map((v) => dayOfEndTime(v.end_time))).toEqual(days);
    for (const v of values) {
      expect(Object.keys(v)).toEqual(['value', 'end_time']);
      expect(Number.isInteger(v.value) && v.value > 0).toBe(true);
    }
    const ends = values.map((v) => v.end_time);
    expect(ends).toContain('2026-11-01T07:00:00+0000'); // 2026-10-31, still summer time
    expect(ends).toContain('2026-11-02T08:00:00+0000'); // 2026-11-01, the 25-hour day
    expect(ends.at(-1)).toBe('2026-11-20T08:00:00+0000');
  });

  it('has no value for today yet', async () => {
    const res = await insights(TINY, `metric=reach&period=day&${range('2026-11-10', TODAY)}`);
    const ends = (res.body.data[0].values as Point[]).map((v) => dayOfEndTime(v.end_time));
    expect(ends.at(-1)).toBe(YESTERDAY);
    expect(ends).not.toContain(TODAY);
  });

  it('has no value for days before the account existed', async () => {
    // northwind.coffee starts on 2016-03-01; in January 2018 that is within the two years.
    msw.serveFake(new FakeGraph({ now: fixedClock('2018-01-12T20:00:00Z') }));
    try {
      const early = await insights(
        NORTHWIND,
        `metric=reach&period=day&${range('2016-02-20', '2016-03-04')}`,
      );
      expect(early.status, JSON.stringify(early.body)).toBe(200);
      expect((early.body.data[0].values as Point[]).map((v) => dayOfEndTime(v.end_time))).toEqual([
        '2016-03-01',
        '2016-03-02',
        '2016-03-03',
        '2016-03-04',
      ]);
    } finally {
      msw.serveFake(fake);
    }
  });

  it('answers for the last two complete days without since and until', async () => {
    const res = await insights(NORTHWIND, 'metric=reach,follower_count&period=day');
    expect(res.status).toBe(200);
    // Like the seed example: no paging without an explicit since/until.
    expect(Object.keys(res.body)).toEqual(['data']);
    for (const entry of res.body.data)
      expect((entry.values as Point[]).map((v) => v.end_time)).toEqual([
        '2026-11-19T08:00:00+0000',
        '2026-11-20T08:00:00+0000',
      ]);
  });

  it('also gives reach by week and by 28 days, as unique counts over the days', async () => {
    const q = range('2026-11-10', '2026-11-16');
    const day = await insights(NORTHWIND, `metric=reach&period=day&${q}`);
    const week = await insights(NORTHWIND, `metric=reach&period=week&${q}`);
    const days28 = await insights(NORTHWIND, `metric=reach&period=days_28&${q}`);
    const daily = (day.body.data[0].values as Point[]).map((v) => v.value);
    const weekly = week.body.data[0];
    expect(weekly.id).toBe(`${NORTHWIND}/insights/reach/week`);
    expect(weekly.period).toBe('week');
    const lastWeek = (weekly.values as Point[]).at(-1) as Point;
    expect(lastWeek.end_time).toBe(endTimeOfDay('2026-11-16'));
    expect(lastWeek.value).toBeGreaterThanOrEqual(Math.max(...daily));
    expect(lastWeek.value).toBeLessThanOrEqual(daily.reduce((a, b) => a + b, 0));
    const last28 = (days28.body.data[0].values as Point[]).at(-1) as Point;
    expect(last28.value).toBeGreaterThan(lastWeek.value);
  });

  it('gives online_followers per hour, keyed "0" to "23"', async () => {
    const res = await insights(
      LUMEN,
      `metric=online_followers&period=lifetime&${range('2026-11-17', YESTERDAY)}`,
    );
    expect(res.status).toBe(200);
    const [entry] = res.body.data;
    expect(entry.id).toBe(`${LUMEN}/insights/online_followers/lifetime`);
    expect(entry.period).toBe('lifetime');
    const values = entry.values as { value: Record<string, number>; end_time: string }[];
    expect(values.map((v) => v.end_time)).toEqual(
      ['2026-11-17', '2026-11-18', '2026-11-19'].map(endTimeOfDay),
    );
    for (const v of values) {
      expect(Object.keys(v.value)).toEqual(Array.from({ length: 24 }, (_, h) => String(h)));
      for (const n of Object.values(v.value)) expect(Number.isInteger(n) && n >= 0).toBe(true);
      // Fewer followers online at night (01-05 Pacific) than at the account's peak hour.
      expect(Math.max(...Object.values(v.value))).toBeGreaterThan(2 * (v.value['3'] ?? 0));
    }
  });

  it('drops breakdowns from a time series', async () => {
    const res = await insights(
      NORTHWIND,
      `metric=reach&period=day&metric_type=time_series&breakdown=media_product_type&${range('2026-11-18', YESTERDAY)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data[0]).not.toHaveProperty('total_value');
    expect(res.body.data[0].values).toHaveLength(2);
  });
});

describe('end_time in summer (clock 2026-07-15)', () => {
  const summer = new FakeGraph({ now: fixedClock(SUMMER_NOW) });
  beforeAll(() => msw.serveFake(summer));

  it('ends summer days at T07:00:00+0000', async () => {
    const res = await insights(TINY, 'metric=reach&period=day');
    expect(res.status).toBe(200);
    expect((res.body.data[0].values as Point[]).map((v) => v.end_time)).toEqual([
      '2026-07-14T07:00:00+0000',
      '2026-07-15T07:00:00+0000',
    ]);
    const month = await insights(
      TINY,
      `metric=reach&period=day&${range('2026-06-15', '2026-07-14')}`,
    );
    const ends = (month.body.data[0].values as Point[]).map((v) => v.end_time);
    expect(ends).toHaveLength(30);
    for (const end of ends) expect(end).toMatch(/T07:00:00\+0000$/);
  });
});

describe('paging windows', () => {
  beforeAll(() => msw.serveFake(fake));

  it('links to the previous and next windows of the same length, with the token', async () => {
    const w = windowForDays('2026-11-06', '2026-11-12');
    const res = await insights(
      NORTHWIND,
      `metric=reach,follower_count&period=day&since=${w.since}&until=${w.until}`,
    );
    const { previous, next } = res.body.paging as { previous: string; next: string };
    expect(Object.keys(res.body.paging)).toEqual(['previous', 'next']);
    for (const [link, shift] of [
      [previous, -7 * 86_400],
      [next, 7 * 86_400],
    ] as const) {
      const url = new URL(link);
      expect(url.origin + url.pathname).toBe(
        `https://graph.facebook.com/v25.0/${NORTHWIND}/insights`,
      );
      expect(url.searchParams.get('access_token')).toBe(TOKEN);
      expect(url.searchParams.get('metric')).toBe('reach,follower_count');
      expect(url.searchParams.get('period')).toBe('day');
      expect(Number(url.searchParams.get('since'))).toBe(w.since + shift);
      expect(Number(url.searchParams.get('until'))).toBe(w.until + shift);
    }
  });

  it('walks back through the history without gap or duplicate, across the DST change', async () => {
    const first = windowForDays('2026-11-01', YESTERDAY); // 19 days, one of them 25 hours long
    let res = await insights(
      NORTHWIND,
      `metric=reach&period=day&since=${first.since}&until=${first.until}`,
    );
    const seen: string[] = [];
    for (let page = 0; page < 4; page++) {
      expect(res.status).toBe(200);
      const days = (res.body.data[0].values as Point[]).map((v) => dayOfEndTime(v.end_time));
      expect(days.length).toBeGreaterThanOrEqual(18);
      seen.unshift(...days);
      res = await graph(res.body.paging.previous);
    }
    const expected = Array.from({ length: seen.length }, (_, i) => addDays(seen[0] as string, i));
    expect(seen).toEqual(expected);
    expect(seen.at(-1)).toBe(YESTERDAY);
  });

  it('walks forward to today and then answers empty windows', async () => {
    const start = windowForDays('2026-10-30', '2026-11-05');
    const first = await insights(
      LUMEN,
      `metric=reach&period=day&since=${start.since}&until=${start.until}`,
    );
    const next = await graph(first.body.paging.next);
    const nextDays = (next.body.data[0].values as Point[]).map((v) => dayOfEndTime(v.end_time));
    expect(nextDays[0]).toBe('2026-11-06');
    expect(nextDays).toHaveLength(7);
    let res = next;
    for (let i = 0; i < 3; i++) res = await graph(res.body.paging.next);
    expect(res.status).toBe(200);
    expect(res.body.data[0].values).toEqual([]);
  });

  it('windows from splitIntoWindows are all accepted and together give every day once', async () => {
    const windows = splitIntoWindows('2026-08-01', YESTERDAY);
    const days: string[] = [];
    for (const w of windows) {
      const res = await insights(
        LUMEN,
        `metric=reach&period=day&since=${w.since}&until=${w.until}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      days.push(...(res.body.data[0].values as Point[]).map((v) => dayOfEndTime(v.end_time)));
    }
    expect(days).toEqual(Array.from({ length: days.length }, (_, i) => addDays('2026-08-01', i)));
    expect(days.at(-1)).toBe(YESTERDAY);
  });
});

describe('total_value', () => {
  beforeAll(() => msw.serveFake(fake));
  const day = range(YESTERDAY, YESTERDAY);

  it('gives {value} without a breakdown, and no values array', async () => {
    const res = await insights(
      NORTHWIND,
      `metric=views,reach,accounts_engaged,total_interactions,likes,comments,shares,saves,replies,reposts,profile_views,website_clicks,profile_links_taps,follows_and_unfollows&metric_type=total_value&period=day&${day}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('paging');
    expect(res.body.data).toHaveLength(14);
    for (const entry of res.body.data) {
      expect(Object.keys(entry)).toEqual([
        'name',
        'period',
        'title',
        'description',
        'id',
        'total_value',
      ]);
      expect(entry.id).toBe(`${NORTHWIND}/insights/${entry.name}/day`);
      expect(Object.keys(entry.total_value)).toEqual(['value']);
      expect(Number.isInteger(entry.total_value.value)).toBe(true);
    }
    const byName = Object.fromEntries(
      res.body.data.map((e: { name: string; total_value: { value: number } }) => [
        e.name,
        e.total_value.value,
      ]),
    );
    expect(byName.views).toBeGreaterThan(0);
    expect(byName.accounts_engaged).toBeLessThanOrEqual(byName.reach);
  });

  it.each([
    ['media_product_type', 'views'],
    ['media_product_type', 'reach'],
    ['media_product_type', 'total_interactions'],
    ['media_product_type', 'likes'],
    ['media_product_type', 'comments'],
    ['media_product_type', 'shares'],
    ['media_product_type', 'saves'],
    ['follow_type', 'reach'],
    ['follow_type', 'views'],
    ['follow_type', 'follows_and_unfollows'],
    ['contact_button_type', 'profile_links_taps'],
  ] as const)(
    'breaks down by %s for %s, and the parts add up to the value',
    async (breakdown, metric) => {
      const res = await insights(
        LUMEN,
        `metric=${metric}&metric_type=total_value&period=day&breakdown=${breakdown}&${range('2026-11-12', YESTERDAY)}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const tv = res.body.data[0].total_value;
      expect(Object.keys(tv)).toEqual(['value', 'breakdowns']);
      expect(tv.breakdowns).toHaveLength(1);
      expect(tv.breakdowns[0].dimension_keys).toEqual([breakdown]);
      const results = tv.breakdowns[0].results as Results;
      expect(results.length).toBeGreaterThan(0);
      expect(sum(results)).toBe(tv.value);
      for (const r of results) {
        expect(BREAKDOWN_VALUES[breakdown]).toContain(r.dimension_values[0]);
        expect(r.dimension_values).toHaveLength(1);
        expect(r.value).toBeGreaterThan(0);
      }
    },
  );

  it('gives the same total with and without a breakdown', async () => {
    const q = `metric_type=total_value&period=day&${range('2026-11-05', '2026-11-18')}`;
    const plain = await insights(NORTHWIND, `metric=views,reach&${q}`);
    const split = await insights(NORTHWIND, `metric=views,reach&${q}&breakdown=media_product_type`);
    expect(
      split.body.data.map((e: { total_value: { value: number } }) => e.total_value.value),
    ).toEqual(plain.body.data.map((e: { total_value: { value: number } }) => e.total_value.value));
    // Reels and stories both played a part in the demo account's views.
    const names = (split.body.data[0].total_value.breakdowns[0].results as Results).map(
      (r) => r.dimension_values[0],
    );
    expect(names).toEqual(expect.arrayContaining(['POST', 'CAROUSEL_CONTAINER', 'REEL', 'STORY']));
  });

  it('rejects a breakdown the metric does not have', async () => {
    expectParamError(
      await insights(
        NORTHWIND,
        `metric=likes&metric_type=total_value&period=day&breakdown=follow_type&${day}`,
      ),
      '(#100) The following metric (likes) does not support the breakdown (follow_type)',
    );
  });
});

describe('demographics', () => {
  beforeAll(() => msw.serveFake(fake));
  const q = (metric: string, breakdown: string, timeframe = 'this_month') =>
    `metric=${metric}&period=lifetime&metric_type=total_value&timeframe=${timeframe}&breakdown=${breakdown}`;

  it.each([
    ['age', BREAKDOWN_VALUES.age as readonly string[]],
    ['gender', BREAKDOWN_VALUES.gender as readonly string[]],
    ['country', undefined],
    ['city', undefined],
  ] as const)(
    'breaks follower_demographics down by %s, top 45 at most, no value',
    async (breakdown, allowed) => {
      const res = await insights(LUMEN, q('follower_demographics', breakdown));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [entry] = res.body.data;
      expect(Object.keys(entry)).toEqual([
        'name',
        'period',
        'title',
        'description',
        'id',
        'total_value',
      ]);
      expect(entry.id).toBe(`${LUMEN}/insights/follower_demographics/lifetime`);
      expect(entry.period).toBe('lifetime');
      expect(entry.total_value).not.toHaveProperty('value');
      const [b] = entry.total_value.breakdowns;
      expect(b.dimension_keys).toEqual([breakdown]);
      const results = b.results as Results;
      expect(results.length).toBeGreaterThan(1);
      expect(results.length).toBeLessThanOrEqual(45);
      if (allowed) for (const r of results) expect(allowed).toContain(r.dimension_values[0]);
      const values = results.map((r) => r.value);
      expect(values).toEqual([...values].sort((x, y) => y - x));
    },
  );

  it('keeps only the top 45 cities of an account followed in 50+ cities', async () => {
    const res = await insights(LUMEN, q('follower_demographics', 'city'));
    const results = res.body.data[0].total_value.breakdowns[0].results as Results;
    expect(results).toHaveLength(45);
    expect(results[0]?.dimension_values).toEqual(['São Paulo, São Paulo']);
  });

  it('combines age and gender', async () => {
    const res = await insights(
      NORTHWIND,
      q('engaged_audience_demographics', 'age,gender', 'this_week'),
    );
    expect(res.status).toBe(200);
    const [b] = res.body.data[0].total_value.breakdowns;
    expect(b.dimension_keys).toEqual(['age', 'gender']);
    for (const r of b.results as Results) {
      expect(r.dimension_values).toHaveLength(2);
      expect(BREAKDOWN_VALUES.age).toContain(r.dimension_values[0]);
      expect(BREAKDOWN_VALUES.gender).toContain(r.dimension_values[1]);
    }
  });

  it('ignores since and until', async () => {
    const old = unixSeconds(pacificDayStart('2020-01-01'));
    const res = await insights(
      LUMEN,
      `${q('follower_demographics', 'country')}&since=${old}&until=${old + 90 * 86_400}`,
    );
    expect(res.status).toBe(200);
    const plain = await insights(LUMEN, q('follower_demographics', 'country'));
    expect(res.body).toEqual(plain.body);
  });

  it('requires a timeframe and a breakdown', async () => {
    expectParamError(
      await insights(
        LUMEN,
        'metric=follower_demographics&period=lifetime&metric_type=total_value&breakdown=age',
      ),
      '(#100) The following metric (follower_demographics) requires the parameter timeframe: this_week or this_month',
    );
    expectParamError(
      await insights(
        LUMEN,
        'metric=follower_demographics&period=lifetime&metric_type=total_value&timeframe=this_month',
      ),
      '(#100) The following metric (follower_demographics) requires the parameter breakdown: one of age, city, country, gender',
    );
  });
});

describe('errors', () => {
  beforeAll(() => msw.serveFake(fake));
  const nowSeconds = unixSeconds(NOW);

  it('names the index of an unknown metric and lists the live metrics', async () => {
    expectParamError(
      await insights(NORTHWIND, 'metric=reach,clicks&period=day'),
      `(#100) metric[1] must be one of the following values: ${V22_ACCOUNT_METRICS}`,
    );
    expectParamError(
      await insights(NORTHWIND, 'metric=nope&period=day'),
      `(#100) metric[0] must be one of the following values: ${V22_ACCOUNT_METRICS}`,
    );
  });

  it('rejects a retired metric like an unknown one, at its index', async () => {
    expectParamError(
      await insights(
        NORTHWIND,
        'metric=reach,views,impressions&period=day&metric_type=total_value',
      ),
      `(#100) metric[2] must be one of the following values: ${V22_ACCOUNT_METRICS}`,
    );
  });

  it('asks for metric_type=total_value for total-value-only metrics', async () => {
    expectParamError(
      await insights(NORTHWIND, 'metric=views&period=day'),
      '(#100) The following metrics (views) should be specified with parameter metric_type=total_value',
    );
    expectParamError(
      await insights(NORTHWIND, 'metric=reach,views,likes&period=day'),
      '(#100) The following metrics (views, likes) should be specified with parameter metric_type=total_value',
    );
  });

  it('rejects metric_type=total_value for time-series-only metrics, and the other way round', async () => {
    expectParamError(
      await insights(NORTHWIND, 'metric=follower_count&period=day&metric_type=total_value'),
      '(#100) The following metric (follower_count) is incompatible with the metric type (total_value)',
    );
    expectParamError(
      await insights(NORTHWIND, 'metric=views&period=day&metric_type=time_series'),
      '(#100) The following metric (views) is incompatible with the metric type (time_series)',
    );
  });

  it('rejects more than 30 days between since and until', async () => {
    const w = windowForDays('2026-09-01', '2026-10-01'); // 31 days, no DST change
    expectParamError(
      await insights(NORTHWIND, `metric=reach&period=day&since=${w.since}&until=${w.until}`),
      '(#100) There cannot be more than 30 days (2592000 s) between since and until',
    );
    // total_value is held to 30 days too (the fake's default; see limitTotalValueRange).
    expectParamError(
      await insights(
        NORTHWIND,
        `metric=views&metric_type=total_value&period=day&since=${w.since}&until=${w.until}`,
      ),
      '(#100) There cannot be more than 30 days (2592000 s) between since and until',
    );
    // Exactly 30 days is fine.
    const ok = await insights(
      NORTHWIND,
      `metric=reach&period=day&since=${w.since}&until=${w.since + 2_592_000}`,
    );
    expect(ok.status).toBe(200);
  });

  it('rejects 30 Pacific days across the November DST change (30 days and an hour)', async () => {
    const since = unixSeconds(pacificDayStart('2026-10-15'));
    const until = unixSeconds(pacificDayStart('2026-11-14'));
    expect(until - since).toBe(2_592_000 + 3_600);
    expectParamError(
      await insights(NORTHWIND, `metric=reach&period=day&since=${since}&until=${until}`),
      '(#100) There cannot be more than 30 days (2592000 s) between since and until',
    );
    // The same days cut by splitIntoWindows are accepted.
    for (const w of splitIntoWindows('2026-10-15', '2026-11-13')) {
      const res = await insights(
        NORTHWIND,
        `metric=reach&period=day&since=${w.since}&until=${w.until}`,
      );
      expect(res.status).toBe(200);
    }
  });

  it('rejects since older than two years', async () => {
    const since = nowSeconds - 731 * 86_400;
    expectParamError(
      await insights(NORTHWIND, `metric=reach&period=day&since=${since}&until=${since + 86_400}`),
      '(#100) since param is not valid. Metrics data is available for the last 2 years',
    );
    const inside = nowSeconds - 729 * 86_400;
    const ok = await insights(
      NORTHWIND,
      `metric=reach&period=day&since=${inside}&until=${inside + 5 * 86_400}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.data[0].values.length).toBeGreaterThanOrEqual(4);
  });

  it('rejects follower_count and online_followers outside the last 30 days', async () => {
    for (const metric of ['follower_count', 'online_followers']) {
      const period = metric === 'follower_count' ? 'day' : 'lifetime';
      const old = windowForDays(addDays(TODAY, -40), addDays(TODAY, -35));
      expectParamError(
        await insights(
          NORTHWIND,
          `metric=${metric}&period=${period}&since=${old.since}&until=${old.until}`,
        ),
        `(#100) (${metric}) metric only supports querying data for the last 30 days excluding the current day`,
      );
    }
    const recent = windowForDays(addDays(TODAY, -30), addDays(TODAY, -20));
    const ok = await insights(
      NORTHWIND,
      `metric=follower_count&period=day&since=${recent.since}&until=${recent.until}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.data[0].values).toHaveLength(11);
  });

  it('refuses follower metrics for the account under 100 followers', async () => {
    expectParamError(
      await insights(TINY, 'metric=follower_count&period=day'),
      '(#100) The following metric (follower_count) is only available for accounts with 100 or more followers',
    );
    expectParamError(
      await insights(
        TINY,
        'metric=follower_demographics&period=lifetime&metric_type=total_value&timeframe=this_week&breakdown=age',
      ),
      '(#100) The following metric (follower_demographics) is only available for accounts with 100 or more followers',
    );
    // Other metrics work for it.
    expect((await insights(TINY, 'metric=reach&period=day')).status).toBe(200);
  });

  it('needs the metric and period parameters and sane timestamps', async () => {
    expectParamError(
      await insights(NORTHWIND, 'period=day'),
      '(#100) The parameter metric is required',
    );
    expectParamError(
      await insights(NORTHWIND, 'metric=reach'),
      '(#100) The parameter period is required',
    );
    expectParamError(
      await insights(NORTHWIND, 'metric=reach&period=year'),
      '(#100) period must be one of the following values: day, week, days_28, month, lifetime, total_over_range',
    );
    expectParamError(
      await insights(NORTHWIND, 'metric=reach&period=day&since=yesterday'),
      '(#100) The parameter since must be a Unix timestamp',
    );
    expectParamError(
      await insights(
        NORTHWIND,
        `metric=reach&period=day&since=${nowSeconds}&until=${nowSeconds - 10}`,
      ),
      '(#100) The since timestamp must be before the until timestamp',
    );
  });
});

describe('version differences', () => {
  beforeAll(() => msw.serveFake(fake));
  const lastDays = range('2026-11-17', YESTERDAY);

  it.each(['v19.0', 'v21.0'])('%s accepts impressions with the seed wording', async (version) => {
    const res = await insights(
      NORTHWIND,
      `metric=impressions,reach&period=day&${lastDays}`,
      version,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [impressions, reach] = res.body.data;
    expect(impressions).toMatchObject({
      name: 'impressions',
      title: 'Impressions',
      description: "Total number of times the Business Account's media objects have been viewed",
    });
    expect(reach).toMatchObject({
      title: 'Reach',
      description:
        "Total number of times the Business Account's media objects have been uniquely viewed",
    });
    // Impressions count every view, reach unique accounts.
    for (const [i, v] of (impressions.values as Point[]).entries())
      expect(v.value).toBeGreaterThanOrEqual((reach.values as Point[])[i]?.value ?? Infinity);
  });

  it.each(['v22.0', 'v23.0', 'v24.0', 'v25.0', 'v26.0'])(
    '%s rejects impressions',
    async (version) => {
      expectParamError(
        await insights(NORTHWIND, `metric=reach,impressions&period=day&${lastDays}`, version),
        `(#100) metric[1] must be one of the following values: ${V22_ACCOUNT_METRICS}`,
      );
    },
  );

  it('runs a call without a version on the oldest live version (v22)', async () => {
    const res = await graph(`${NORTHWIND}/insights?metric=impressions&period=day`);
    expectParamError(
      res,
      `(#100) metric[0] must be one of the following values: ${V22_ACCOUNT_METRICS}`,
    );
    const ok = await graph(`${NORTHWIND}/insights?metric=reach&period=day&${lastDays}`);
    expect(ok.status).toBe(200);
    expect(ok.body.data[0].title).toBe('Accounts reached');
    expect(ok.body.paging.next).toContain('/v22.0/');
  });

  it('lists impressions among the valid metrics before v22', async () => {
    const res = await insights(NORTHWIND, 'metric=clicks&period=day', 'v19.0');
    expectParamError(
      res,
      `(#100) metric[0] must be one of the following values: ${V22_ACCOUNT_METRICS}, impressions`,
    );
  });

  it('gives profile_views as a time series in v19, and only as total_value in v21+ (v25)', async () => {
    const v19 = await insights(NORTHWIND, `metric=profile_views&period=day&${lastDays}`, 'v19.0');
    expect(v19.status).toBe(200);
    expect(v19.body.data[0]).toMatchObject({ name: 'profile_views', title: 'Profile Views' });
    expect(v19.body.data[0].values).toHaveLength(3);
    for (const version of ['v21.0', 'v25.0'])
      expectParamError(
        await insights(NORTHWIND, `metric=profile_views&period=day&${lastDays}`, version),
        '(#100) The following metrics (profile_views) should be specified with parameter metric_type=total_value',
      );
    const v25 = await insights(
      NORTHWIND,
      `metric=profile_views&metric_type=total_value&period=day&${lastDays}`,
    );
    expect(v25.status).toBe(200);
    expect(v25.body.data[0].title).toBe('Profile views');
    // The v25 total over three days is the sum of the v19 daily values.
    expect(v25.body.data[0].total_value.value).toBe(
      (v19.body.data[0].values as Point[]).reduce((s, v) => s + v.value, 0),
    );
  });
});

describe('the uncertain total_value range rule', () => {
  const lenient = new FakeGraph({ now: fixedClock(WINTER_NOW), limitTotalValueRange: false });
  beforeAll(() => msw.serveFake(lenient));

  it('can let total_value ask for more than 30 days while time series stay limited', async () => {
    const w = windowForDays('2026-08-01', '2026-10-31');
    const total = await insights(
      TINY,
      `metric=views&metric_type=total_value&period=day&since=${w.since}&until=${w.until}`,
    );
    expect(total.status).toBe(200);
    expect(total.body.data[0].total_value.value).toBeGreaterThan(0);
    expectParamError(
      await insights(TINY, `metric=reach&period=day&since=${w.since}&until=${w.until}`),
      '(#100) There cannot be more than 30 days (2592000 s) between since and until',
    );
  });
});
