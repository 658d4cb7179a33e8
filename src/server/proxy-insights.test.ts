/**
 * Insights through the proxy, against the fake Graph API over real HTTP: the seed's two example
 * requests, long daily ranges cut into the fewest 30-day windows, and the cache that makes repeats
 * and concurrent duplicates cost nothing upstream.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WINDOW_DAYS, splitIntoWindows } from '../graph/date-windows';
import type { InsightsResponse } from '../graph/graph-types';
import {
  addDays,
  dayOfEndTime,
  daysBetween,
  endTimeOfDay,
  pacificDayStart,
  unixSeconds,
} from '../graph/pacific-days';
import {
  expectGraphError,
  expectSafeAnswers,
  type FakeUpstream,
  NO_FAULTS,
  NORTHWIND,
  requestLog,
  startFake,
  startTestStack,
  type TestStack,
} from './testing/test-stack';

const seedExample = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../fake-graph/testing/${name}`, import.meta.url), 'utf8'),
  ) as InsightsResponse;

/** Every day from first to last, inclusive. */
const daysFrom = (first: string, last: string) =>
  Array.from({ length: daysBetween(first, last) + 1 }, (_, i) => addDays(first, i));

/** The fewest windows of at most 30 days (2,592,000 s) that can hold the days first..last. */
const minimumCalls = (first: string, last: string) =>
  Math.ceil(
    (unixSeconds(pacificDayStart(addDays(last, 1))) - unixSeconds(pacificDayStart(first))) /
      (MAX_WINDOW_DAYS * 86_400),
  );

let upstream: FakeUpstream;
let stack: TestStack;
const stacks: TestStack[] = [];

beforeAll(async () => {
  upstream = await startFake();
  stack = await startTestStack({ upstream });
  stacks.push(stack);
  // Discovery (GET /me/accounts) and the account profiles, so each test counts only its own calls.
  expect((await stack.get('/api/accounts')).status).toBe(200);
}, 30_000);

afterEach(() => {
  upstream.fake.setFaults(NO_FAULTS);
});

afterAll(async () => {
  for (const s of stacks) await s.close();
  await upstream?.close();
});

describe("the seed's example requests", () => {
  it('account insights reach,profile_views with period=day answer in the Graph shape (v25: total_value)', async () => {
    const { calls, result } = await stack.counting(() =>
      stack.get<InsightsResponse>(
        `/api/${NORTHWIND}/insights?metric=reach,profile_views&period=day`,
      ),
    );
    expect(result.status).toBe(200);
    expect(calls).toBe(1);
    expect(result.headers.get('content-type')).toMatch(/application\/json/);
    expect(result.body.data.map((d) => d.name)).toEqual(['reach', 'profile_views']);
    for (const entry of result.body.data) {
      // profile_views has no daily time series since v21, so v25 answers both as total_value.
      expect(entry).toEqual({
        name: entry.name,
        period: 'day',
        title: expect.any(String),
        description: expect.any(String),
        id: `${NORTHWIND}/insights/${entry.name}/day`,
        total_value: { value: expect.any(Number) },
      });
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(0);
      expect(entry.total_value?.value).toBeGreaterThan(0);
    }
  });

  it('a daily time series (reach, period=day) has the seed example’s shape: values of {value, end_time}', async () => {
    const seed = seedExample('example-user-insights.json');
    const { calls, result } = await stack.counting(() =>
      stack.get<InsightsResponse>(`/api/${NORTHWIND}/insights?metric=reach&period=day`),
    );
    expect(result.status).toBe(200);
    expect(calls).toBe(1);
    const [reach] = result.body.data;
    expect(result.body.data).toHaveLength(1);
    // Same keys, in the same order, as the seed's entries.
    expect(Object.keys(reach ?? {})).toEqual(Object.keys(seed.data[0] ?? {}));
    expect(reach).toMatchObject({
      name: 'reach',
      period: 'day',
      title: expect.any(String),
      description: expect.any(String),
      id: `${NORTHWIND}/insights/reach/day`,
    });
    // By default the last two whole Pacific days (the fixed clock is 2026-11-20 in Los Angeles).
    expect(reach?.values).toEqual([
      { value: expect.any(Number), end_time: '2026-11-19T08:00:00+0000' },
      { value: expect.any(Number), end_time: '2026-11-20T08:00:00+0000' },
    ]);
    for (const v of reach?.values ?? []) expect(Object.keys(v)).toEqual(['value', 'end_time']);
    expect(result.body.paging).toBeUndefined();
  });

  it('impressions is refused with a message naming its replacement, and costs no upstream call', async () => {
    for (const path of [
      `/api/${NORTHWIND}/insights?metric=impressions&period=day`,
      `/api/${NORTHWIND}/insights?metric=impressions,reach,profile_views&period=day`,
    ]) {
      const { calls, result } = await stack.counting(() => stack.get(path));
      expect(result.status).toBe(400);
      expectGraphError(result.body, 100);
      expect(result.body.error.message).toBe(
        'impressions was retired in Graph API v22.0; use views',
      );
      expect(calls).toBe(0);
    }
  });

  it('media insights reach,total_interactions,views answer like the seed example: lifetime, values [{value}]', async () => {
    const seed = seedExample('example-media-insights.json');
    const media = await stack.get(`/api/${NORTHWIND}/media?limit=25`);
    expect(media.status).toBe(200);
    const post = media.body.data.find(
      (m: { media_product_type: string }) => m.media_product_type === 'FEED',
    );
    expect(post).toBeDefined();
    // The media was seen in its account's listing: no ownership lookup, one insights call.
    const { calls, result } = await stack.counting(() =>
      stack.get<InsightsResponse>(`/api/${post.id}/insights?metric=reach,total_interactions,views`),
    );
    expect(result.status).toBe(200);
    expect(calls).toBe(1);
    expect(result.body.data.map((d) => d.name)).toEqual(['reach', 'total_interactions', 'views']);
    for (const entry of result.body.data) {
      expect(Object.keys(entry)).toEqual(Object.keys(seed.data[0] ?? {}));
      expect(entry).toEqual({
        name: entry.name,
        period: 'lifetime',
        values: [{ value: expect.any(Number) }],
        title: expect.any(String),
        description: expect.any(String),
        id: `${post.id}/insights/${entry.name}/lifetime`,
      });
    }
    // Asked again: from the cache.
    const again = await stack.counting(() =>
      stack.get(`/api/${post.id}/insights?metric=reach,total_interactions,views`),
    );
    expect(again.calls).toBe(0);
    expect(again.result.body).toEqual(result.body);
  });

  it('media retired metrics are refused before any upstream call', async () => {
    const media = await stack.get(`/api/${NORTHWIND}/media?limit=5`);
    const id = media.body.data[0].id;
    const { calls, result } = await stack.counting(() =>
      stack.get(`/api/${id}/insights?metric=impressions`),
    );
    expect(result.status).toBe(400);
    expect(result.body.error.message).toBe('impressions was retired in Graph API v22.0; use views');
    expect(calls).toBe(0);
  });

  it('a media never listed costs one ownership lookup the first time, none afterwards', async () => {
    const fresh = await startTestStack({ upstream, accountIds: [NORTHWIND] });
    stacks.push(fresh);
    const id = upstream.fake.data
      .publishedMedia(NORTHWIND, upstream.clock.now())
      .find((m) => m.productType === 'REELS')?.id;
    expect(id).toBeDefined();
    const first = await fresh.counting(() => fresh.get(`/api/${id}/insights?metric=reach,views`));
    expect(first.result.status).toBe(200);
    expect(first.calls).toBe(2);
    expect(upstream.fake.getStats().byPath[`/v25.0/${id}`]).toBe(1);
    const other = await fresh.counting(() => fresh.get(`/api/${id}/insights?metric=shares`));
    expect(other.result.status).toBe(200);
    expect(other.calls).toBe(1);
    expect(upstream.fake.getStats().byPath[`/v25.0/${id}`]).toBe(1);
  });
});

describe('long daily ranges', () => {
  const ranges = [
    // 90 days across the November DST change: 30 Pacific days there last 30 days and an hour.
    { label: 'dates, across fall DST', first: '2026-08-18', last: '2026-11-15', unix: false },
    // 90 days across the March DST change, asked in Unix seconds.
    {
      label: 'Unix seconds, across spring DST',
      first: '2026-02-01',
      last: '2026-05-01',
      unix: true,
    },
    // 90 summer days, no DST change.
    { label: 'dates, no DST change', first: '2026-05-02', last: '2026-07-30', unix: false },
  ];

  it.each(ranges)(
    '90 days ($label): each Pacific day once, in order, for the fewest upstream calls',
    async ({ first, last, unix }) => {
      expect(daysBetween(first, last) + 1).toBe(90);
      const since = unix ? String(unixSeconds(pacificDayStart(first))) : first;
      const until = unix ? String(unixSeconds(pacificDayStart(addDays(last, 1)))) : last;
      const path = `/api/${NORTHWIND}/insights?metric=reach&period=day&since=${since}&until=${until}`;
      const { calls, graphCalls, result } = await stack.counting(() =>
        stack.get<InsightsResponse>(path),
      );
      expect(result.status).toBe(200);
      const values = result.body.data[0]?.values ?? [];
      expect(values.map((v) => dayOfEndTime(v.end_time ?? ''))).toEqual(daysFrom(first, last));
      expect(values.map((v) => v.end_time)).toEqual(daysFrom(first, last).map(endTimeOfDay));
      expect(values.every((v) => typeof v.value === 'number')).toBe(true);

      const windows = splitIntoWindows(first, last);
      expect(graphCalls).toBe(windows.length);
      expect(graphCalls).toBe(minimumCalls(first, last));
      expect(graphCalls).toBeLessThanOrEqual(Math.ceil(90 / MAX_WINDOW_DAYS) + 1);
      // The windows go out together: one batch request.
      expect(calls).toBe(1);
      // One Graph call per window, each within the Graph API's 30-day limit.
      const log = requestLog(stack).at(-1);
      expect(log).toMatchObject({ status: 200, cache: 'miss', upstream: windows.length });

      const again = await stack.counting(() => stack.get<InsightsResponse>(path));
      expect(again.calls).toBe(0);
      expect(again.result.body).toEqual(result.body);
      expect(requestLog(stack).at(-1)).toMatchObject({ cache: 'hit', upstream: 0 });
    },
  );

  it('the same range in the other notation is the same request: no upstream call', async () => {
    const [first, last] = ['2026-08-18', '2026-11-15'];
    const byDates = await stack.get(
      `/api/${NORTHWIND}/insights?metric=reach&period=day&since=${first}&until=${last}`,
    );
    const since = unixSeconds(pacificDayStart(first));
    const until = unixSeconds(pacificDayStart(addDays(last, 1)));
    const { calls, result } = await stack.counting(() =>
      stack.get(`/api/${NORTHWIND}/insights?metric=reach&period=day&since=${since}&until=${until}`),
    );
    expect(calls).toBe(0);
    expect(result.body).toEqual(byDates.body);
  });

  it('ten identical concurrent requests cost exactly as many upstream calls as one', async () => {
    upstream.fake.setFaults({ latencyMs: 600 });
    const [first, last] = ['2025-12-01', '2026-02-28'];
    const path = `/api/${NORTHWIND}/insights?metric=reach&period=day&since=${first}&until=${last}`;
    const logBefore = requestLog(stack).length;
    const { calls, graphCalls, result } = await stack.counting(() =>
      Promise.all(Array.from({ length: 10 }, () => stack.get<InsightsResponse>(path))),
    );
    const windows = splitIntoWindows(first, last).length;
    expect(windows).toBe(3);
    expect(graphCalls).toBe(windows);
    // The three windows in one batch request.
    expect(calls).toBe(1);
    expect(result.every((r) => r.status === 200)).toBe(true);
    for (const r of result) expect(r.body).toEqual(result[0]?.body);
    expect(result[0]?.body.data[0]?.values).toHaveLength(90);
    const logs = requestLog(stack).slice(logBefore);
    expect(logs).toHaveLength(10);
    expect(logs.filter((l) => l.cache === 'miss')).toHaveLength(1);
    expect(logs.filter((l) => l.cache === 'coalesced')).toHaveLength(9);
    expect(logs.reduce((sum, l) => sum + l.upstream, 0)).toBe(windows);
  });

  it('several time-series metrics share their windows: one call per window, not per metric', async () => {
    // follower_count reaches back 30 days, excluding today (2026-11-20): 2026-10-21 is the oldest.
    for (const [first, last] of [
      ['2026-10-21', '2026-11-19'],
      ['2026-11-05', '2026-11-18'],
    ] as const) {
      const { calls, graphCalls, result } = await stack.counting(() =>
        stack.get<InsightsResponse>(
          `/api/${NORTHWIND}/insights?metric=reach,follower_count&period=day&since=${first}&until=${last}`,
        ),
      );
      expect(result.status).toBe(200);
      const windows = splitIntoWindows(first, last).length;
      expect(graphCalls).toBe(windows);
      // Two windows or one: one HTTP call either way.
      expect(calls).toBe(1);
      expect(result.body.data.map((d) => d.name)).toEqual(['reach', 'follower_count']);
      for (const entry of result.body.data) {
        expect(entry.values?.map((v) => dayOfEndTime(v.end_time ?? ''))).toEqual(
          daysFrom(first, last),
        );
      }
    }
    // The first range crosses the DST change (30 days and an hour): two windows, still not four.
    expect(splitIntoWindows('2026-10-21', '2026-11-19')).toHaveLength(2);
  });

  it('sums additive totals across windows', async () => {
    const [first, last] = ['2026-06-01', '2026-08-29'];
    const whole = await stack.counting(() =>
      stack.get<InsightsResponse>(
        `/api/${NORTHWIND}/insights?metric=views&period=day&since=${first}&until=${last}`,
      ),
    );
    expect(whole.result.status).toBe(200);
    expect(whole.graphCalls).toBe(splitIntoWindows(first, last).length);
    expect(whole.calls).toBe(1);
    let sum = 0;
    for (const w of splitIntoWindows(first, last)) {
      const part = await stack.get<InsightsResponse>(
        `/api/${NORTHWIND}/insights?metric=views&period=day&since=${w.first}&until=${w.last}`,
      );
      sum += part.body.data[0]?.total_value?.value ?? 0;
    }
    expect(whole.result.body.data[0]?.total_value?.value).toBe(sum);
  });
});

describe('split=day: daily values of total_value metrics', () => {
  const split = (first: string, last: string, metric = 'views,profile_views') =>
    `/api/${NORTHWIND}/insights?metric=${metric}&period=day&since=${first}&until=${last}&split=day`;

  it('each day once, in order, from one batch request of up to 50 days', async () => {
    const [first, last] = ['2026-09-30', '2026-11-18'];
    expect(daysBetween(first, last) + 1).toBe(50);
    const entriesBefore = upstream.fake.getStats().batchEntries;
    const { calls, result } = await stack.counting(() =>
      stack.get<InsightsResponse>(split(first, last)),
    );
    expect(result.status).toBe(200);
    expect(calls).toBe(1);
    expect(upstream.fake.getStats().batchEntries - entriesBefore).toBe(50);
    expect(result.body.data.map((d) => d.name)).toEqual(['views', 'profile_views']);
    for (const entry of result.body.data) {
      expect(entry).toMatchObject({
        period: 'day',
        id: `${NORTHWIND}/insights/${entry.name}/day`,
        title: expect.any(String),
        description: expect.any(String),
      });
      expect(entry.total_value).toBeUndefined();
      expect(entry.values?.map((v) => dayOfEndTime(v.end_time ?? ''))).toEqual(
        daysFrom(first, last),
      );
    }
    // Each day is the same as a one-day total asked on its own, which is now in the cache.
    for (const day of ['2026-09-30', '2026-10-25', '2026-11-18']) {
      const one = await stack.counting(() =>
        stack.get<InsightsResponse>(
          `/api/${NORTHWIND}/insights?metric=views,profile_views&period=day&since=${day}&until=${day}`,
        ),
      );
      expect(one.calls).toBe(0);
      for (const [i, entry] of one.result.body.data.entries()) {
        const daily = result.body.data[i]?.values?.find((v) => v.end_time === endTimeOfDay(day));
        expect(daily?.value).toBe(entry.total_value?.value);
      }
    }
    const again = await stack.counting(() => stack.get(split(first, last)));
    expect(again.calls).toBe(0);
    expect(again.result.body).toEqual(result.body);
  });

  it('more than 50 days: one batch request per 50; days already known are not asked again', async () => {
    const { calls, result } = await stack.counting(() =>
      stack.get<InsightsResponse>(split('2026-07-01', '2026-09-30', 'views')),
    );
    expect(result.status).toBe(200);
    expect(calls).toBe(2);
    expect(result.body.data[0]?.values).toHaveLength(92);
    // Overlapping range: only its 10 new days go upstream, in one batch.
    const entriesBefore = upstream.fake.getStats().batchEntries;
    const overlap = await stack.counting(() =>
      stack.get<InsightsResponse>(split('2026-06-21', '2026-08-31', 'views')),
    );
    expect(overlap.calls).toBe(1);
    expect(upstream.fake.getStats().batchEntries - entriesBefore).toBe(10);
    expect(overlap.result.body.data[0]?.values?.map((v) => dayOfEndTime(v.end_time ?? ''))).toEqual(
      daysFrom('2026-06-21', '2026-08-31'),
    );
  });

  it('ten identical concurrent requests cost as much as one, and are logged as coalesced', async () => {
    upstream.fake.setFaults({ latencyMs: 600 });
    const path = split('2026-08-01', '2026-08-20', 'likes,comments');
    const logBefore = requestLog(stack).length;
    const { calls, result } = await stack.counting(() =>
      Promise.all(Array.from({ length: 10 }, () => stack.get(path))),
    );
    expect(calls).toBe(1);
    for (const r of result) expect(r.body).toEqual(result[0]?.body);
    const logs = requestLog(stack).slice(logBefore);
    expect(logs.filter((l) => l.cache === 'miss')).toHaveLength(1);
    expect(logs.filter((l) => l.cache === 'coalesced')).toHaveLength(9);
  });
});

it('every answer in this file carried the security headers and no secret', () => {
  expectSafeAnswers(stacks);
});
