/**
 * /api/{id}/insights with the dashboard's own history, over real HTTP: after the backfill, settled
 * days come from the store and only recent ones from Graph; the merged answer equals Graph's day for
 * day; a range past Instagram's two years is answered for the days the store holds; during an
 * outage settled days are still served and the recent ones are marked.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newestSettledDay, oldestGraphDay } from '../graph/account-history';
import { addDays, endTimeOfDay, pacificDayOf } from '../graph/pacific-days';
import { type StoredStack, startStoredStack } from './testing/stored-stack';
import {
  type FakeUpstream,
  LUMEN,
  NORTHWIND,
  startFake,
  startTestStack,
  type TestStack,
} from './testing/test-stack';

let upstream: FakeUpstream;
let stored: StoredStack;
/** The same proxy without a store: every answer is Graph's. */
let plain: TestStack;

beforeAll(async () => {
  upstream = await startFake({ warm: [NORTHWIND, LUMEN] });
  stored = await startStoredStack({ upstream, accountIds: [NORTHWIND, LUMEN] });
  plain = await startTestStack({ upstream, accountIds: [NORTHWIND, LUMEN] });
  const backfill = stored.server.backfill;
  if (!backfill) throw new Error('the stored stack has no backfill');
  await backfill.runOnce();
  expect(backfill.status(NORTHWIND).state).toBe('done');
}, 120_000);

afterAll(async () => {
  await plain?.close();
  await stored?.close();
  await upstream?.close();
});

const today = () => pacificDayOf(upstream.clock.now());

/** Graph calls the request made, from the request log. */
function upstreamCallsOf(path: string): number {
  const line = [...stored.logs].reverse().find((l) => l.includes(path.slice(0, 60)));
  return line ? (JSON.parse(line) as { upstream: number }).upstream : Number.NaN;
}

/** Breakdown results in a stable order: Graph lists them in no particular one. */
// biome-ignore lint/suspicious/noExplicitAny: Graph-shaped answers
function sortedResults(data: any[]) {
  return data.map((entry) => {
    const breakdowns = entry.total_value?.breakdowns;
    if (!breakdowns) return entry;
    return {
      ...entry,
      total_value: {
        ...entry.total_value,
        // biome-ignore lint/suspicious/noExplicitAny: Graph-shaped answers
        breakdowns: breakdowns.map((b: any) => ({
          ...b,
          results: [...b.results].sort((x, y) =>
            String(x.dimension_values).localeCompare(String(y.dimension_values)),
          ),
        })),
      },
    };
  });
}

const queries = () => {
  const last = addDays(today(), -1);
  return {
    reach90: `metric=reach&period=day&metric_type=time_series&since=${addDays(last, -89)}&until=${last}`,
    daily60: `metric=views,accounts_engaged,total_interactions,profile_views,website_clicks&metric_type=total_value&split=day&since=${addDays(last, -59)}&until=${last}`,
    totals90: `metric=views,likes,comments,shares,saves&metric_type=total_value&since=${addDays(last, -89)}&until=${last}`,
    byProduct90: `metric=views,total_interactions&metric_type=total_value&breakdown=media_product_type&since=${addDays(last, -89)}&until=${last}`,
    byFollow90: `metric=views,follows_and_unfollows&metric_type=total_value&breakdown=follow_type&since=${addDays(last, -89)}&until=${last}`,
  };
};

it('the merged answer equals Graph’s day for day, and settled days cost no Graph call', async () => {
  for (const [name, query] of Object.entries(queries())) {
    const path = `/api/${NORTHWIND}/insights?${query}`;
    const mine = await stored.get(path);
    const graph = await plain.get(path);
    expect(mine.status, name).toBe(200);
    expect(graph.status, name).toBe(200);
    expect(sortedResults(mine.body.data), name).toEqual(sortedResults(graph.body.data));
    expect(mine.body.missing_days, name).toBeUndefined();
  }
  // Asked again on a server restarted with a cold cache: only the recent days go to Graph.
  await stored.restart();
  const reach = `/api/${NORTHWIND}/insights?${queries().reach90}`;
  expect((await stored.get(reach)).status).toBe(200);
  expect(upstreamCallsOf(reach)).toBe(1);
  const totals = `/api/${NORTHWIND}/insights?${queries().totals90}`;
  expect((await stored.get(totals)).status).toBe(200);
  expect(upstreamCallsOf(totals)).toBe(1);
  const breakdown = `/api/${NORTHWIND}/insights?${queries().byFollow90}`;
  expect((await stored.get(breakdown)).status).toBe(200);
  expect(upstreamCallsOf(breakdown)).toBe(1);
}, 60_000);

it('while Instagram is down, settled days are served and the recent ones are marked', async () => {
  await stored.restart();
  upstream.fake.faults.outage = true;
  try {
    const last = addDays(today(), -1);
    const path = `/api/${LUMEN}/insights?metric=reach&period=day&metric_type=time_series&since=${addDays(last, -27)}&until=${last}`;
    const answer = await stored.get(path);
    expect(answer.status).toBe(200);
    const values = answer.body.data[0].values as { end_time: string }[];
    expect(values.length).toBe(28 - 3);
    expect(answer.body.missing_days).toEqual([
      {
        first: addDays(newestSettledDay(today()), 1),
        last,
        reason: expect.stringMatching(/did not answer/),
      },
    ]);
    expect(answer.headers.get('x-cache')).toBe('STALE');
    // A total needs every day: it is not made up from part of them.
    const total = await stored.get(
      `/api/${LUMEN}/insights?metric=views&metric_type=total_value&since=${addDays(last, -27)}&until=${last}`,
    );
    expect(total.status).toBeGreaterThanOrEqual(500);
  } finally {
    upstream.fake.faults.outage = false;
  }
}, 60_000);

it('a day stored without a number (Instagram gave none) is left out of curves and totals, never counted as zero', async () => {
  const day = addDays(newestSettledDay(today()), -5);
  const history = stored.server.store.history;
  const [kept] = [...(history.values(LUMEN, ['views'], day, day).get('views') ?? [])];
  history.put(LUMEN, [{ metric: 'views', day, value: null }], upstream.clock.now());
  try {
    const daily = await stored.get(
      `/api/${LUMEN}/insights?metric=views&metric_type=total_value&split=day&since=${day}&until=${day}`,
    );
    expect(daily.status).toBe(200);
    expect(daily.body.data[0].values).toEqual([]);
    const total = await stored.get(
      `/api/${LUMEN}/insights?metric=views&metric_type=total_value&since=${day}&until=${day}`,
    );
    expect(total.status).toBe(200);
    expect(total.body.data).toEqual([]);
  } finally {
    history.put(LUMEN, [{ metric: 'views', day, value: kept?.[1] ?? null }], upstream.clock.now());
  }
});

it('a metric Instagram retires is marked as Graph marks it: its stored days still drawn, no total made of part of its days', async () => {
  await stored.restart();
  upstream.fake.setFaults({ retiredMetrics: ['account:reposts'] });
  try {
    const last = addDays(today(), -1);
    const since = addDays(last, -59);
    const totals = await stored.get(
      `/api/${LUMEN}/insights?metric=likes,reposts&metric_type=total_value&since=${since}&until=${last}`,
    );
    expect(totals.status).toBe(200);
    expect(totals.body.data.map((m: { name: string }) => m.name)).toEqual(['likes']);
    expect(totals.body.missing_metrics.map((m: { name: string }) => m.name)).toEqual(['reposts']);
    const daily = await stored.get(
      `/api/${LUMEN}/insights?metric=likes,reposts&metric_type=total_value&split=day&since=${since}&until=${last}`,
    );
    expect(daily.status).toBe(200);
    const reposts = daily.body.data.find((m: { name: string }) => m.name === 'reposts');
    // The settled days the history holds; the recent ones Instagram no longer gives.
    expect(reposts.values).toHaveLength(60 - 3);
    expect(daily.body.missing_metrics.map((m: { name: string }) => m.name)).toEqual(['reposts']);
  } finally {
    upstream.fake.setFaults({ retiredMetrics: [] });
  }
});

it('says how far the history reaches', async () => {
  const answer = await stored.get(`/api/${NORTHWIND}/history`);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ kept: true, state: 'done' });
  expect(answer.body.stored_days).toBe(answer.body.settled_days);
  expect((await plain.get(`/api/${NORTHWIND}/history`)).body).toMatchObject({ kept: false });
});

// Last: it moves the clock 100 days on, past every session.
it('a range past Instagram’s two years is answered for the days the store holds; the rest is marked, never zero', async () => {
  const storeBegan = oldestGraphDay(today());
  upstream.clock.advance(100 * 86_400_000);
  // Sessions end in the meantime: a new one, 100 days later.
  const cookie = `session=${stored.server.auth.startSession('stored-stack-owner')}`;
  const get = async (path: string) => {
    const response = await fetch(`${stored.url}${path}`, { headers: { cookie } });
    return { status: response.status, body: await response.json() };
  };
  try {
    // 61 days that Graph no longer keeps: the store holds those from storeBegan on.
    const since = addDays(storeBegan, -21);
    const until = addDays(storeBegan, 39);
    const path = `/api/${NORTHWIND}/insights?metric=reach&period=day&metric_type=time_series&since=${since}&until=${until}`;
    const answer = await get(path);
    expect(answer.status).toBe(200);
    const values = answer.body.data[0].values as { value: number; end_time: string }[];
    expect(values).toHaveLength(40);
    expect(values[0]?.end_time).toBe(endTimeOfDay(storeBegan));
    expect(answer.body.missing_days).toEqual([
      { first: since, last: addDays(storeBegan, -1), reason: expect.stringMatching(/two years/) },
    ]);
    // A total is not made of part of its days: it says where the history starts.
    const total = await get(
      `/api/${NORTHWIND}/insights?metric=views&metric_type=total_value&since=${since}&until=${until}`,
    );
    expect(total.status).toBe(400);
    expect(total.body.error.message).toContain(`since=${storeBegan}`);
    // Without a store, the same request is refused with what to change.
    const refused = await plain.get(path, {
      headers: { cookie: plain.cookieFor({ email: 'later@example.com', role: 'owner' }) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/two years/);
  } finally {
    upstream.clock.advance(-100 * 86_400_000);
  }
}, 60_000);
