/**
 * The store's read routes: Graph-shaped answers from the store alone (no upstream call), the day
 * stored history begins, ranges, the story archive's paging, and the same validation and account
 * rules as the other routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, endTimeOfDay, pacificDayOf } from '../graph/pacific-days';
import type { SnapshotScheduler } from './snapshot-scheduler';
import { type StoredStack, startStoredStack } from './testing/stored-stack';
import { type FakeUpstream, FIXED_NOW, LUMEN, NORTHWIND, startFake } from './testing/test-stack';
import { webhookSignature } from './webhooks';

let upstream: FakeUpstream;
let stack: StoredStack;
const TODAY = pacificDayOf(new Date(FIXED_NOW));

beforeAll(async () => {
  upstream = await startFake();
  stack = await startStoredStack({ upstream, accountIds: [NORTHWIND, LUMEN] });
  await (stack.server.scheduler as SnapshotScheduler).runOnce();
  // Three final story notifications for the archive's paging.
  for (let i = 0; i < 3; i++) {
    const body = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: NORTHWIND,
          time: 1_763_600_000 + i,
          changes: [
            { field: 'story_insights', value: { media_id: `1799000000000000${i}`, reach: 10 + i } },
          ],
        },
      ],
    });
    await stack.postWebhook(body, webhookSignature(body, 'appsecret0123456789abcdef01234567'));
    upstream.clock.advance(1_000);
  }
});

afterAll(async () => {
  await stack?.close();
  await upstream?.close();
});

/** GETs a path and checks it cost no upstream call. */
async function read(path: string) {
  const before = upstream.requests();
  const answer = await stack.get(path);
  expect(upstream.requests() - before, path).toBe(0);
  return answer;
}

describe('/api/{ig-user-id}/stored/follower_count', () => {
  it('every stored day in the Graph time-series shape, with the day stored history begins', async () => {
    const answer = await read(`/api/${NORTHWIND}/stored/follower_count`);
    expect(answer.status).toBe(200);
    const first = addDays(TODAY, -30);
    expect(answer.body).toMatchObject({
      stored_since: first,
      stored_since_end_time: endTimeOfDay(first),
    });
    const [entry] = answer.body.data;
    expect(entry).toMatchObject({
      name: 'follower_count',
      period: 'day',
      title: expect.any(String),
      description: expect.any(String),
      id: `${NORTHWIND}/insights/follower_count/day`,
    });
    expect(entry.values).toHaveLength(30);
    expect(entry.values[0]).toEqual({ value: expect.any(Number), end_time: endTimeOfDay(first) });
    // The same numbers as the Graph API's own answer for these days.
    const live = await stack.get(
      `/api/${NORTHWIND}/insights?metric=follower_count&period=day&since=${first}&until=${addDays(TODAY, -1)}`,
    );
    expect(entry.values).toEqual(live.body.data[0].values);
  });

  it('since and until (days or Unix seconds) pick the days', async () => {
    const from = addDays(TODAY, -10);
    const to = addDays(TODAY, -8);
    const byDay = await read(`/api/${NORTHWIND}/stored/follower_count?since=${from}&until=${to}`);
    expect(byDay.body.data[0].values.map((v: { end_time: string }) => v.end_time)).toEqual([
      endTimeOfDay(from),
      endTimeOfDay(addDays(from, 1)),
      endTimeOfDay(to),
    ]);
    expect(byDay.body.stored_since).toBe(addDays(TODAY, -30));
    const since = Date.parse(endTimeOfDay(addDays(from, -1)).replace('+0000', 'Z')) / 1000;
    const until = Date.parse(endTimeOfDay(to).replace('+0000', 'Z')) / 1000;
    const bySeconds = await read(
      `/api/${NORTHWIND}/stored/follower_count?since=${since}&until=${until}`,
    );
    expect(bySeconds.body.data[0].values).toEqual(byDay.body.data[0].values);
  });

  it('an account with nothing stored: empty values, stored_since null', async () => {
    const other = await startStoredStack({ upstream, accountIds: [NORTHWIND] });
    try {
      const answer = await other.get(`/api/${NORTHWIND}/stored/follower_count`);
      expect(answer.status).toBe(200);
      expect(answer.body.data[0].values).toEqual([]);
      expect(answer.body.stored_since).toBeNull();
    } finally {
      await other.close();
    }
  });
});

describe('/api/{ig-user-id}/stored/online_followers', () => {
  it('values keyed by hour, one per stored day', async () => {
    const answer = await read(
      `/api/${NORTHWIND}/stored/online_followers?since=${addDays(TODAY, -3)}`,
    );
    expect(answer.status).toBe(200);
    const [entry] = answer.body.data;
    expect(entry).toMatchObject({ name: 'online_followers', period: 'lifetime' });
    expect(entry.values).toHaveLength(3);
    expect(Object.keys(entry.values[0].value)).toEqual(
      Array.from({ length: 24 }, (_, h) => String(h)),
    );
  });
});

describe('/api/{ig-user-id}/stored/demographics', () => {
  it('one Graph total_value breakdown per stored day', async () => {
    const answer = await read(
      `/api/${NORTHWIND}/stored/demographics?metric=follower_demographics&breakdown=country&timeframe=this_week`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.stored_since).toBe(TODAY);
    const [entry] = answer.body.data;
    expect(entry).toMatchObject({
      name: 'follower_demographics',
      period: 'lifetime',
      breakdown: 'country',
      timeframe: 'this_week',
      id: `${NORTHWIND}/insights/follower_demographics/lifetime`,
    });
    expect(entry.values).toHaveLength(1);
    const [value] = entry.values;
    expect(value.end_time).toBe(endTimeOfDay(TODAY));
    expect(value.total_value.breakdowns[0].dimension_keys).toEqual(['country']);
    expect(value.total_value.breakdowns[0].results.length).toBeGreaterThan(0);
    // The numbers Instagram gave that day.
    const live = await stack.get(
      `/api/${NORTHWIND}/insights?metric=follower_demographics&period=lifetime&metric_type=total_value&breakdown=country&timeframe=this_week`,
    );
    expect(value.total_value.breakdowns[0].results).toEqual(
      live.body.data[0].total_value.breakdowns[0].results,
    );
  });

  it('metric and timeframe have defaults; breakdown is required', async () => {
    expect(
      (await read(`/api/${NORTHWIND}/stored/demographics?breakdown=age`)).body.data[0],
    ).toMatchObject({ name: 'follower_demographics', timeframe: 'this_month' });
    const missing = await read(`/api/${NORTHWIND}/stored/demographics`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/breakdown/);
  });
});

describe('/api/{ig-user-id}/stories/archive', () => {
  it('expired stories newest first, each number with its source, paged with cursors', async () => {
    const first = await read(`/api/${NORTHWIND}/stories/archive?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.data.map((s: { id: string }) => s.id)).toEqual([
      '17990000000000002',
      '17990000000000001',
    ]);
    expect(first.body.data[0]).toMatchObject({
      media_product_type: 'STORY',
      source: 'webhook',
      insights: {
        data: [
          {
            name: 'reach',
            period: 'lifetime',
            values: [{ value: 12 }],
            source: 'webhook',
            id: '17990000000000002/insights/reach/lifetime',
          },
        ],
      },
    });
    expect(first.body.paging.next).toMatch(/^\/api\/\d+\/stories\/archive\?limit=2&after=/);
    const second = await read(first.body.paging.next);
    expect(second.body.data.map((s: { id: string }) => s.id)).toEqual(['17990000000000000']);
    expect(second.body.paging.next).toBeUndefined();
  });

  it('another allowed account has its own archive', async () => {
    const answer = await read(`/api/${LUMEN}/stories/archive`);
    expect(answer.body).toEqual({ data: [], paging: {} });
  });
});

describe('validation, as on every route', () => {
  it('400 for a bad parameter, 403 for an account not shown, 404 for a non-numeric id', async () => {
    const cases: [string, number, RegExp][] = [
      [`/api/${NORTHWIND}/stored/follower_count?since=yesterday`, 400, /since must be a day/],
      [`/api/${NORTHWIND}/stored/follower_count?since=2026-11-10&until=2026-11-01`, 400, /since/],
      [`/api/${NORTHWIND}/stored/follower_count?metric=reach`, 400, /Unknown parameter "metric"/],
      [`/api/${NORTHWIND}/stored/follower_count?access_token=x`, 400, /Do not send access_token/],
      [`/api/${NORTHWIND}/stored/demographics?breakdown=age&metric=reach`, 400, /metric must be/],
      [`/api/${NORTHWIND}/stored/demographics?breakdown=age&timeframe=last_year`, 400, /timeframe/],
      [`/api/${NORTHWIND}/stored/demographics?breakdown=age,gender`, 400, /breakdown/],
      [`/api/${NORTHWIND}/stories/archive?limit=0`, 400, /limit/],
      [`/api/${NORTHWIND}/stories/archive?after=bogus`, 400, /cursor/],
      ['/api/17841452007713306/stored/follower_count', 403, /not one of the accounts/],
      ['/api/17841452007713306/stories/archive', 403, /not one of the accounts/],
      ['/api/abc/stored/follower_count', 404, /Instagram ids are numbers/],
      [`/api/${NORTHWIND}/stored/reach`, 404, /There is no route/],
    ];
    for (const [path, status, message] of cases) {
      const answer = await stack.get(path);
      expect(answer.status, path).toBe(status);
      expect(answer.body.error.message, path).toMatch(message);
    }
  });

  it('POST is refused as everywhere under /api', async () => {
    // From the dashboard's own page, signed in: still not a method these routes take.
    const response = await fetch(`${stack.url}/api/${NORTHWIND}/stored/follower_count`, {
      method: 'POST',
      headers: { cookie: stack.cookie, origin: stack.url },
    });
    expect(response.status).toBe(405);
  });
});
