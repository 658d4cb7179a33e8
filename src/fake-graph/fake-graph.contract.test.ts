/**
 * The fake Graph API's contract as a client sees it through `fetch`: the seed's examples, accounts
 * and users, errors, batch requests, stats, rate limits and injected faults.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGraph } from './fake-graph';
import {
  expectGraphError,
  fixedClock,
  GRAPH,
  graph,
  graphBatch,
  HARBOR,
  keyPaths,
  LUMEN,
  loadFixtureCopy,
  loadSeedExample,
  MESA,
  NORTHWIND,
  parseJsonHeader,
  setupMswGraph,
  skeleton,
  TINY,
  TOKEN,
  WINTER_NOW,
} from './testing/graph-test-client';

const msw = setupMswGraph();

const UNKNOWN_OBJECT = (id: string) =>
  `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`;

describe("the seed's examples (clock 2018-01-12)", () => {
  const fake = new FakeGraph({ now: fixedClock('2018-01-12T20:00:00Z') });
  beforeAll(() => msw.serveFake(fake));

  it('keeps the fixture copies equal to the shared seed files', () => {
    for (const name of ['example-user-insights.json', 'example-media-insights.json'] as const) {
      const seed = loadSeedExample(name);
      expect(loadFixtureCopy(name)).toEqual(seed.json);
    }
  });

  it('answers GET /v19.0/17841405822304914/insights?metric=impressions,reach,profile_views&period=day in the seed shape', async () => {
    const seed = loadSeedExample('example-user-insights.json').json;
    const res = await graph(
      'v19.0/17841405822304914/insights?metric=impressions,reach,profile_views&period=day',
    );
    expect(res.status).toBe(200);
    // Same keys in the same order at every level.
    expect(keyPaths(res.body)).toEqual(keyPaths(seed));
    // Same names, periods, titles, descriptions and end_time values; ids name our account.
    const expected = JSON.parse(
      JSON.stringify(skeleton(seed)).replaceAll('instagram_business_account_id', NORTHWIND),
    );
    expect(JSON.stringify(skeleton(res.body))).toBe(JSON.stringify(expected));
    const ends = res.body.data.flatMap((d: { values: { end_time: string }[] }) =>
      d.values.map((v) => v.end_time),
    );
    expect(new Set(ends)).toEqual(
      new Set(['2018-01-11T08:00:00+0000', '2018-01-12T08:00:00+0000']),
    );
    // Values are demo data: positive integers, reach below impressions.
    const [impressions, reach, profileViews] = res.body.data;
    for (const [i, v] of impressions.values.entries()) {
      expect(Number.isInteger(v.value) && v.value > 0).toBe(true);
      expect(reach.values[i].value).toBeLessThanOrEqual(v.value);
      expect(profileViews.values[i].value).toBeGreaterThan(0);
    }
  });

  it('answers the media example (engagement, impressions, reach in v19) in the seed shape', async () => {
    const seed = loadSeedExample('example-media-insights.json').json;
    const list = await graph(`v19.0/${NORTHWIND}/media?fields=id,media_product_type&limit=10`);
    const feed = list.body.data.find(
      (m: { media_product_type: string }) => m.media_product_type === 'FEED',
    );
    expect(feed).toBeDefined();
    const res = await graph(`v19.0/${feed.id}/insights?metric=engagement,impressions,reach`);
    expect(res.status).toBe(200);
    expect(keyPaths(res.body)).toEqual(keyPaths(seed));
    const expected = JSON.parse(JSON.stringify(skeleton(seed)).replaceAll('media_id', feed.id));
    expect(JSON.stringify(skeleton(res.body))).toBe(JSON.stringify(expected));
    const [engagement, impressions, reach] = res.body.data.map(
      (d: { values: { value: number }[] }) => d.values[0]?.value,
    );
    expect(engagement).toBeGreaterThan(0);
    expect(reach).toBeLessThanOrEqual(impressions);
  });
});

/** One fake at the winter clock for the groups that do not change its state. */
const winter = new FakeGraph({ now: fixedClock(WINTER_NOW) });

describe('accounts and users (clock 2026-11-20)', () => {
  beforeAll(() => msw.serveFake(winter));

  it('lists the pages on /me/accounts, with instagram_business_account where there is one', async () => {
    const res = await graph(
      'v25.0/me/accounts?fields=id,name,instagram_business_account{id,username}',
    );
    expect(res.status).toBe(200);
    const pages = res.body.data as {
      id: string;
      name: string;
      instagram_business_account?: { id: string; username: string };
    }[];
    expect(pages.map((p) => p.instagram_business_account)).toEqual([
      { id: NORTHWIND, username: 'northwind.coffee' },
      { id: LUMEN, username: 'lumen.studio' },
      { id: TINY, username: 'tiny.pottery' },
      { id: HARBOR, username: 'harbor.cycles' },
      { id: MESA, username: 'mesa.kitchen' },
      undefined,
    ]);
    const without = pages[5];
    expect(without && Object.keys(without)).toEqual(['id', 'name']);
    expect(without?.name).toBe('Northwind Coffee Events');
    for (const p of pages) expect(p.id).toMatch(/^\d{15}$/);
    expect(Object.keys(res.body.paging.cursors)).toEqual(['before', 'after']);
  });

  it('answers /{ig-user-id}?fields= with the fields asked for, in that order', async () => {
    const res = await graph(
      `v25.0/${NORTHWIND}?fields=username,name,biography,website,followers_count,follows_count,media_count,profile_picture_url,ig_id`,
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      'username',
      'name',
      'biography',
      'website',
      'followers_count',
      'follows_count',
      'media_count',
      'profile_picture_url',
      'ig_id',
      'id',
    ]);
    expect(res.body).toMatchObject({
      id: NORTHWIND,
      username: 'northwind.coffee',
      name: 'Northwind Coffee Roasters',
      website: 'https://northwind-coffee.example',
      follows_count: 412,
      ig_id: 5822304914,
    });
    expect(res.body.followers_count).toBeGreaterThan(1000);
    expect(res.body.media_count).toBeGreaterThan(60);
    // Without fields: only the id.
    expect((await graph(`v25.0/${LUMEN}`)).body).toEqual({ id: LUMEN });
    // The small account has no website and fewer than 100 followers.
    const tiny = await graph(`v25.0/${TINY}?fields=website,followers_count`);
    expect(Object.keys(tiny.body)).toEqual(['followers_count', 'id']);
    expect(tiny.body.followers_count).toBeLessThan(100);
    expect(tiny.body.followers_count).toBeGreaterThan(0);
  });

  it('serves the profile picture it links to', async () => {
    const res = await graph(`v25.0/${TINY}?fields=profile_picture_url`);
    const picture = await fetch(res.body.profile_picture_url);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    expect(await picture.text()).toContain('tiny.pottery');
  });
});

describe('errors', () => {
  beforeAll(() => msw.serveFake(winter));

  it('answers a call without a token with 190 and a WWW-Authenticate header', async () => {
    const res = await graph(`v25.0/${NORTHWIND}?fields=id`, { token: null });
    expectGraphError(res, {
      status: 400,
      code: 190,
      message: 'An active access token must be used to query information about the current user.',
    });
    expect(res.headers.get('www-authenticate')).toBe(
      'OAuth "Facebook Platform" "invalid_token" "An active access token must be used to query information about the current user."',
    );
  });

  it('answers a wrong token with 190/467 and a WWW-Authenticate header', async () => {
    const res = await graph(`v25.0/${NORTHWIND}/insights?metric=reach&period=day`, {
      token: 'EAAG-not-the-token',
    });
    expectGraphError(res, {
      status: 400,
      code: 190,
      error_subcode: 467,
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
    expect(res.headers.get('www-authenticate')).toContain('"invalid_token"');
  });

  it('takes the token from an Authorization: Bearer header too', async () => {
    const ok = await graph(`v25.0/${NORTHWIND}?fields=username`, {
      token: null,
      init: { headers: { Authorization: `Bearer ${TOKEN}` } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.username).toBe('northwind.coffee');
  });

  it('answers an unknown id with 100/33 GraphMethodException', async () => {
    for (const path of [
      'v25.0/17841400000000000',
      'v25.0/17841400000000000/insights?metric=reach&period=day',
    ]) {
      expectGraphError(await graph(path), {
        status: 400,
        code: 100,
        error_subcode: 33,
        type: 'GraphMethodException',
        message: UNKNOWN_OBJECT('17841400000000000'),
      });
    }
  });

  it('answers an unknown path component with 2500', async () => {
    expectGraphError(await graph(`v25.0/${NORTHWIND}/followers`), {
      status: 400,
      code: 2500,
      message: 'Unknown path components: /followers',
    });
    expectGraphError(await graph(`v25.0/${NORTHWIND}/media/extra`), {
      status: 400,
      code: 2500,
      message: 'Unknown path components: /extra',
    });
    expectGraphError(await graph('v25.0/me/friends'), {
      status: 400,
      code: 2500,
      message: 'Unknown path components: /friends',
    });
  });

  it('names a nonexisting field and its node type', async () => {
    expectGraphError(await graph(`v25.0/${NORTHWIND}?fields=id,email`), {
      status: 400,
      code: 100,
      message: '(#100) Tried accessing nonexisting field (email) on node type (ShadowIGUser)',
    });
    expectGraphError(await graph(`v25.0/${NORTHWIND}/media?fields=id,view_count`), {
      status: 400,
      code: 100,
      message: '(#100) Tried accessing nonexisting field (view_count) on node type (ShadowIGMedia)',
    });
    expectGraphError(await graph('v25.0/me/accounts?fields=id,fan_count'), {
      status: 400,
      code: 100,
      message: '(#100) Tried accessing nonexisting field (fan_count) on node type (Page)',
    });
  });

  it('rejects an invalid limit', async () => {
    expectGraphError(await graph(`v25.0/${LUMEN}/media?limit=500`), {
      status: 400,
      code: 100,
      message: '(#100) The parameter limit must be a number between 1 and 100',
    });
  });

  it('rejects a batch of more than 50 entries', async () => {
    const entries = Array.from({ length: 51 }, () => ({
      method: 'GET',
      relative_url: `${NORTHWIND}?fields=id`,
    }));
    expectGraphError(await graphBatch(entries), {
      status: 400,
      code: 1,
      type: 'GraphBatchException',
      message: 'Too many requests in batch message. Maximum batch size is 50',
    });
    expectGraphError(
      await graph('v25.0/', {
        token: null,
        init: { method: 'POST', body: new URLSearchParams({ access_token: TOKEN, batch: 'nope' }) },
      }),
      {
        status: 400,
        code: 100,
        message: '(#100) The parameter batch must be a JSON-encoded array of requests',
      },
    );
  });

  it('gives every error its own fbtrace_id', async () => {
    const a = await graph('v25.0/123');
    const b = await graph('v25.0/123');
    expect(a.body.error.fbtrace_id).not.toBe(b.body.error.fbtrace_id);
  });
});

describe('batch requests and stats', () => {
  const fake = new FakeGraph({ now: fixedClock(WINTER_NOW), rateLimits: { callsPerAccount: 10 } });
  beforeAll(() => msw.serveFake(fake));
  beforeEach(() => fake.resetStats());

  it('answers in order with {code, headers, body} and the body as a JSON string', async () => {
    const res = await graphBatch([
      { method: 'GET', relative_url: `${NORTHWIND}/insights?metric=reach&period=day` },
      { method: 'GET', relative_url: `${LUMEN}?fields=username` },
      { method: 'GET', relative_url: '17841400000000000?fields=id' },
      { method: 'GET', relative_url: `${TINY}/insights?metric=views&period=day` },
      { relative_url: `/${TINY}?fields=username` },
    ]);
    expect(res.status).toBe(200);
    const answers = res.body as {
      code: number;
      headers: { name: string; value: string }[];
      body: string;
    }[];
    expect(answers.map((a) => a.code)).toEqual([200, 200, 400, 400, 200]);
    for (const a of answers) {
      expect(Object.keys(a)).toEqual(['code', 'headers', 'body']);
      expect(typeof a.body).toBe('string');
      expect(a.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value).toContain(
        'application/json',
      );
      expect(a.headers.some((h) => h.name.toLowerCase() === 'x-app-usage')).toBe(true);
    }
    const bodies = answers.map((a) => JSON.parse(a.body));
    expect(bodies[0].data[0].id).toBe(`${NORTHWIND}/insights/reach/day`);
    expect(bodies[1]).toEqual({ username: 'lumen.studio', id: LUMEN });
    expect(bodies[2].error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(bodies[3].error.message).toBe(
      '(#100) The following metrics (views) should be specified with parameter metric_type=total_value',
    );
    expect(bodies[4]).toEqual({ username: 'tiny.pottery', id: TINY });
    // Entries run on the batch's version.
    expect(bodies[0].data[0].title).toBe('Accounts reached');
  });

  it('leaves the entries’ headers out with include_headers=false', async () => {
    const res = await graphBatch([{ method: 'GET', relative_url: `${NORTHWIND}?fields=id` }], {
      includeHeaders: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ code: 200, body: JSON.stringify({ id: NORTHWIND }) }]);
  });

  it('counts each entry against the rate limits, and one HTTP request in the stats', async () => {
    const entries = Array.from({ length: 4 }, () => ({
      method: 'GET',
      relative_url: `${NORTHWIND}?fields=id`,
    }));
    const res = await graphBatch(entries);
    const usage = res.body.map((a: { headers: { name: string; value: string }[] }) => {
      const header = a.headers.find((h) => h.name.toLowerCase() === 'x-business-use-case-usage');
      return JSON.parse(header?.value ?? '{}')[NORTHWIND][0].call_count;
    });
    // 10 calls per account: each entry is 10 % more.
    expect(usage).toEqual([10, 20, 30, 40]);
    const stats = await graph(`${GRAPH}/__stats`, { token: null });
    expect(stats.body).toEqual({
      requests: 1,
      calls: 4,
      batchEntries: 4,
      errors: 0,
      byPath: { '/v25.0/': 1 },
    });
  });

  it('throttles batch entries once the account budget is spent', async () => {
    const entries = Array.from({ length: 12 }, () => ({
      method: 'GET',
      relative_url: `${LUMEN}?fields=id`,
    }));
    const res = await graphBatch(entries);
    const codes = res.body.map((a: { code: number; body: string }) =>
      a.code === 200 ? 200 : JSON.parse(a.body).error.code,
    );
    expect(codes).toEqual([...Array(10).fill(200), 80002, 80002]);
  });

  it('counts requests, calls, errors and paths in GET /__stats, and DELETE resets them', async () => {
    await graph(`v25.0/${NORTHWIND}?fields=id`);
    await graph(`v25.0/${NORTHWIND}?fields=id`);
    await graph(`v25.0/${NORTHWIND}/insights?metric=reach&period=day`);
    await graph('v25.0/123');
    await graph(`v25.0/${NORTHWIND}`, { token: 'wrong' });
    const stats = await graph(`${GRAPH}/__stats`, { token: null });
    expect(stats.body).toEqual({
      requests: 5,
      calls: 4, // the call with a wrong token never reaches the rate limits
      batchEntries: 0,
      errors: 2,
      byPath: {
        [`/v25.0/${NORTHWIND}`]: 3,
        [`/v25.0/${NORTHWIND}/insights`]: 1,
        '/v25.0/123': 1,
      },
    });
    const reset = await graph(`${GRAPH}/__stats`, { token: null, init: { method: 'DELETE' } });
    expect(reset.body).toEqual({ requests: 0, calls: 0, batchEntries: 0, errors: 0, byPath: {} });
  });
});

describe('rate limits', () => {
  let t = Date.parse(WINTER_NOW);
  const fake = new FakeGraph({
    now: () => new Date(t),
    rateLimits: { callsPerAccount: 3, callsPerApp: 10, windowMs: 3_600_000 },
  });
  beforeAll(() => msw.serveFake(fake));
  const bucOf = (headers: Headers, id: string) =>
    parseJsonHeader(headers, 'x-business-use-case-usage')[id][0];

  it('sends X-App-Usage and X-Business-Use-Case-Usage on every answer, errors included', async () => {
    const answers = [
      await graph(`v25.0/${TINY}?fields=id`),
      await graph(`v25.0/${TINY}/insights?metric=reach&period=day`),
      await graph(`v25.0/${TINY}/insights?metric=nope&period=day`),
    ];
    for (const [i, a] of answers.entries()) {
      const app = parseJsonHeader(a.headers, 'x-app-usage');
      expect(Object.keys(app)).toEqual(['call_count', 'total_time', 'total_cputime']);
      expect(app.call_count).toBe((i + 1) * 10);
      const buc = bucOf(a.headers, TINY);
      expect(Object.keys(buc)).toEqual([
        'type',
        'call_count',
        'total_cputime',
        'total_time',
        'estimated_time_to_regain_access',
      ]);
      expect(buc.type).toBe('instagram');
      expect(buc.call_count).toBe(Math.round(((i + 1) / 3) * 100));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400]);
    // Token errors have no account, but still report the app's usage.
    const noToken = await graph(`v25.0/${TINY}`, { token: null });
    expect(parseJsonHeader(noToken.headers, 'x-app-usage').call_count).toBe(30);
    expect(noToken.headers.get('x-business-use-case-usage')).toBeNull();
  });

  it('answers 80002 once the account budget is spent, with the wait in the header', async () => {
    fake.resetStats();
    t = Date.parse(WINTER_NOW);
    for (let i = 0; i < 3; i++) {
      const ok = await graph(`v25.0/${NORTHWIND}?fields=id`);
      expect(ok.status).toBe(200);
      expect(bucOf(ok.headers, NORTHWIND).estimated_time_to_regain_access).toBe(i < 2 ? 0 : 60);
    }
    t += 10 * 60_000;
    const throttled = await graph(`v25.0/${NORTHWIND}?fields=id`);
    expectGraphError(throttled, {
      status: 400,
      code: 80002,
      is_transient: true,
      message:
        '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
    });
    const buc = bucOf(throttled.headers, NORTHWIND);
    expect(buc.call_count).toBe(100);
    expect(buc.estimated_time_to_regain_access).toBe(50);
    // Media of the account count against it too; other accounts are not affected.
    const media = fake.data.publishedMedia(NORTHWIND, new Date(t))[0];
    expect((await graph(`v25.0/${media?.id}/insights?metric=reach`)).body.error.code).toBe(80002);
    expect((await graph(`v25.0/${LUMEN}?fields=id`)).status).toBe(200);
  });

  it('extends the block when called while throttled, and lets calls through after it', async () => {
    fake.resetStats();
    const t0 = Date.parse(WINTER_NOW);
    const minute = 60_000;
    const call = async (at: number) => {
      t = t0 + at * minute;
      const res = await graph(`v25.0/${NORTHWIND}?fields=id`);
      const wait = bucOf(res.headers, NORTHWIND).estimated_time_to_regain_access as number;
      return { code: res.body.error?.code ?? 200, regainAt: (t + wait * minute - t0) / minute };
    };
    for (let i = 0; i < 3; i++) expect((await call(0)).code).toBe(200);
    // Throttled at minute 30: free again at minute 60, when the first calls leave the window.
    expect(await call(30)).toEqual({ code: 80002, regainAt: 60 });
    // Calling on while throttled counts too and pushes the end of the block out.
    await call(40);
    expect(await call(50)).toEqual({ code: 80002, regainAt: 90 });
    // At minute 61 the first estimate would have let a call through; the extended block holds.
    expect((await call(61)).code).toBe(80002);
    // Once a whole window has passed without calls, the account is free again.
    const free = await call(200);
    expect(free.code).toBe(200);
    expect(free.regainAt).toBe(200);
  });
});

describe('faults', () => {
  const fake = new FakeGraph({ now: fixedClock(WINTER_NOW) });
  beforeAll(() => msw.serveFake(fake));
  beforeEach(() => {
    fake.setFaults({ latencyMs: 0, transientErrorRate: 0, throttle: 'off', outage: false });
  });

  it('adds latency', async () => {
    await graph(`v25.0/${TINY}?fields=id`); // build the demo data first
    fake.setFaults({ latencyMs: 150 });
    const start = performance.now();
    const res = await graph(`v25.0/${TINY}?fields=id`);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
  });

  it('fails every call with codes 1 (HTTP 500) and 2 (HTTP 503) at transientErrorRate 1', async () => {
    fake.setFaults({ transientErrorRate: 1 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await graph(`v25.0/${TINY}?fields=id`));
    const seen = answers.map((a) => [a.status, a.body.error.code]);
    expect(seen).toContainEqual([500, 1]);
    expect(seen).toContainEqual([503, 2]);
    for (const a of answers) {
      if (a.status === 500)
        expectGraphError(a, {
          status: 500,
          code: 1,
          is_transient: true,
          message: 'An unknown error occurred',
        });
      else
        expectGraphError(a, {
          status: 503,
          code: 2,
          is_transient: true,
          message: 'An unexpected error has occurred. Please retry your request later.',
        });
    }
    fake.setFaults({ transientErrorRate: 0 });
    expect((await graph(`v25.0/${TINY}?fields=id`)).status).toBe(200);
  });

  it('throttles the app with code 4 (HTTP 403)', async () => {
    fake.setFaults({ throttle: 'app' });
    expectGraphError(await graph(`v25.0/${TINY}?fields=id`), {
      status: 403,
      code: 4,
      is_transient: true,
      message: '(#4) Application request limit reached',
    });
  });

  it('throttles an account with code 80002', async () => {
    fake.setFaults({ throttle: 'account' });
    const res = await graph(`v25.0/${TINY}?fields=id`);
    expect(res.body.error.code).toBe(80002);
    expect(res.headers.get('x-business-use-case-usage')).toContain(TINY);
  });

  it('fails everything with code 2 (HTTP 503) during an outage', async () => {
    fake.setFaults({ outage: true });
    for (const path of [`v25.0/${TINY}?fields=id`, 'v25.0/me/accounts']) {
      expectGraphError(await graph(path), {
        status: 503,
        code: 2,
        is_transient: true,
        message: 'An unexpected error has occurred. Please retry your request later.',
      });
    }
    fake.setFaults({ outage: false });
    expect((await graph('v25.0/me/accounts')).status).toBe(200);
  });

  it('reads and sets the faults on /__faults', async () => {
    const set = await graph(`${GRAPH}/__faults`, {
      token: null,
      init: { method: 'PUT', body: JSON.stringify({ throttle: 'app' }) },
    });
    expect(set.body).toEqual({
      latencyMs: 0,
      transientErrorRate: 0,
      throttle: 'app',
      outage: false,
      retiredMetrics: [],
      failingCalls: [],
    });
    expect((await graph(`v25.0/${TINY}?fields=id`)).body.error.code).toBe(4);
    const bad = await graph(`${GRAPH}/__faults`, {
      token: null,
      init: { method: 'PUT', body: JSON.stringify({ throttle: 'sometimes' }) },
    });
    expect(bad.status).toBe(400);
    expect((await graph(`${GRAPH}/__faults`, { token: null })).body.throttle).toBe('app');
  });
});
