/**
 * Requests the proxy refuses on its own: malformed or hostile parameters, unknown routes, other
 * methods and ids outside the allowed accounts. Each gets a 4xx in the Graph error shape and costs
 * no upstream call (a media id's one ownership lookup aside). Ends with a property-based test.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_DEMO_ACCOUNTS,
  expectGraphError,
  expectSafeAnswers,
  type FakeUpstream,
  LUMEN,
  NORTHWIND,
  requestLog,
  startFake,
  startTestStack,
  type TestStack,
  TINY,
} from './testing/test-stack';

let upstream: FakeUpstream;
/** Finds its accounts through /me/accounts. */
let open: TestStack;
/** INSTAGRAM_ACCOUNT_IDS set to Northwind only. */
let restricted: TestStack;

beforeAll(async () => {
  upstream = await startFake();
  open = await startTestStack({ upstream });
  restricted = await startTestStack({ upstream, accountIds: [NORTHWIND] });
  // Warm up: discovery and the profiles, so the tests below count only their own calls.
  for (const stack of [open, restricted])
    expect((await stack.get('/api/accounts')).status).toBe(200);
}, 30_000);

afterAll(async () => {
  await open?.close();
  await restricted?.close();
  await upstream?.close();
});

const insights = (query: string) => `/api/${NORTHWIND}/insights?${query}`;

const REFUSED: [label: string, path: string, status: number, message?: RegExp][] = [
  // Dates
  [
    'month 13',
    insights('metric=reach&period=day&since=2026-13-01&until=2026-11-10'),
    400,
    /since must be a day as YYYY-MM-DD/,
  ],
  [
    '30 February',
    insights('metric=reach&period=day&since=2026-02-30&until=2026-03-10'),
    400,
    /since must be a day/,
  ],
  [
    'a word for a day',
    insights('metric=reach&period=day&since=yesterday'),
    400,
    /since must be a day/,
  ],
  [
    'until not a day',
    insights('metric=reach&period=day&since=2026-11-01&until=2026-11-31'),
    400,
    /until must be a day/,
  ],
  ['exponent notation', insights('metric=reach&period=day&since=1e9'), 400, /since must be/],
  ['negative seconds', insights('metric=reach&period=day&since=-1'), 400, /since must be/],
  [
    'since after until',
    insights('metric=reach&period=day&since=2026-11-10&until=2026-11-01'),
    400,
    /since must be before until/,
  ],
  [
    'since equal to until (seconds)',
    insights('metric=reach&period=day&since=1790000000&until=1790000000'),
    400,
    /since must be before until/,
  ],
  [
    'over two years back',
    insights('metric=reach&period=day&since=2024-01-01&until=2024-01-20'),
    400,
    /two years/,
  ],
  [
    'a range of more than two years',
    insights('metric=reach&period=day&since=2023-06-01&until=2026-11-01'),
    400,
    /two years/,
  ],
  ['since 0', insights('metric=reach&period=day&since=0&until=1790000000'), 400, /two years/],
  [
    'until in the future',
    insights('metric=reach&period=day&since=2026-11-01&until=2026-12-01'),
    400,
    /until must not be after today/,
  ],
  [
    'follower_count beyond 30 days',
    insights('metric=follower_count&period=day&since=2026-09-01&until=2026-09-10'),
    400,
    /30 days/,
  ],
  [
    'unique totals over 30 days',
    insights('metric=reach&metric_type=total_value&since=2026-06-01&until=2026-08-30'),
    400,
    /counts unique accounts/,
  ],
  // Metrics and their options
  ['no metric', insights('period=day'), 400, /Give at least one metric/],
  ['empty metric', insights('metric=&period=day'), 400],
  ['unknown metric', insights('metric=bogus&period=day'), 400, /Unknown account metric "bogus"/],
  ['one unknown among several', insights('metric=reach,bogus&period=day'), 400, /bogus/],
  ['upper-case metric', insights('metric=REACH&period=day'), 400],
  ['metric with a newline', insights('metric=reach%0Aviews&period=day'), 400, /control characters/],
  ['wrong period', insights('metric=reach&period=lifetime'), 400],
  ['unknown period', insights('metric=reach&period=fortnight'), 400],
  ['unknown metric_type', insights('metric=reach&metric_type=both'), 400, /metric_type must be/],
  [
    'time series of a total-only metric',
    insights('metric=reach,profile_views&period=day&metric_type=time_series'),
    400,
    /only given as metric_type=total_value/,
  ],
  ['breakdown on a time series', insights('metric=reach&period=day&breakdown=follow_type'), 400],
  [
    'a breakdown the metric lacks',
    insights('metric=views&breakdown=age'),
    400,
    /cannot be broken down by age/,
  ],
  ['two breakdowns', insights('metric=views&breakdown=follow_type,media_product_type'), 400],
  [
    'demographics without timeframe',
    insights('metric=follower_demographics&breakdown=age'),
    400,
    /timeframe/,
  ],
  ['timeframe on a daily metric', insights('metric=reach&period=day&timeframe=this_week'), 400],
  ['split by week', insights('metric=views&period=day&split=week'), 400, /split may only be day/],
  [
    'split of a time series',
    insights('metric=reach&period=day&split=day'),
    400,
    /split=day is for total_value/,
  ],
  [
    'split with a breakdown',
    insights('metric=views&breakdown=follow_type&split=day'),
    400,
    /without breakdowns/,
  ],
  [
    'split over 120 days',
    insights('metric=views&since=2026-01-01&until=2026-06-30&split=day'),
    400,
    /at most 120 days/,
  ],
  // Injection attempts and parameters the routes do not take
  ['duplicated metric', insights('metric=reach&metric=views&period=day'), 400, /only once/],
  [
    'duplicated identical metric',
    insights('metric=reach&metric=reach&period=day'),
    400,
    /only once/,
  ],
  [
    'duplicated since',
    insights('metric=reach&period=day&since=2026-11-01&since=2026-11-02'),
    400,
    /only once/,
  ],
  [
    'access_token in the query',
    insights('metric=reach&access_token=x'),
    400,
    /Do not send access_token/,
  ],
  [
    'appsecret_proof in the query',
    insights('metric=reach&appsecret_proof=x'),
    400,
    /Do not send appsecret_proof/,
  ],
  [
    'an unknown parameter',
    insights('metric=reach&period=day&foo=1'),
    400,
    /Unknown parameter "foo"/,
  ],
  [
    'fields on insights',
    insights('metric=reach&fields=access_token'),
    400,
    /Unknown parameter "fields"/,
  ],
  ['a very long metric', insights(`metric=${'reach,'.repeat(400)}reach`), 400, /too long/],
  [
    'a very long unknown value',
    insights(`metric=reach&period=${'d'.repeat(5_000)}`),
    400,
    /too long/,
  ],
  [
    'fields=access_token on a profile',
    `/api/${NORTHWIND}?fields=access_token`,
    400,
    /Unknown field "access_token"/,
  ],
  [
    'fields=access_token on media',
    `/api/${NORTHWIND}/media?fields=access_token`,
    400,
    /Unknown field/,
  ],
  [
    'a nested access_token',
    `/api/${NORTHWIND}/media?fields=id,children{access_token}`,
    400,
    /Unknown field/,
  ],
  ['sub-fields on a plain field', `/api/${NORTHWIND}/media?fields=owner{id}`, 400],
  ['broken fields syntax', `/api/${NORTHWIND}/media?fields=id,children{id`, 400],
  ['limit 0', `/api/${NORTHWIND}/media?limit=0`, 400, /limit must be/],
  ['limit 101', `/api/${NORTHWIND}/media?limit=101`, 400, /limit must be/],
  ['limit not a number', `/api/${NORTHWIND}/media?limit=ten`, 400, /limit must be/],
  ['a made-up cursor', `/api/${NORTHWIND}/media?after=../../me/accounts`, 400, /cursor/],
  ['after and before', `/api/${NORTHWIND}/media?after=abc&before=def`, 400],
  ['a parameter on /api/accounts', '/api/accounts?fields=access_token', 400, /takes no parameters/],
  ['a picture size', `/api/${NORTHWIND}/picture?size=original`, 400],
  // Routes that do not exist
  ['encoded traversal', '/api/..%2Fme%2Faccounts', 404],
  ['double-encoded traversal', '/api/..%252Fme%252Faccounts', 404],
  ['/me/accounts', '/api/me/accounts', 404],
  ['/me', '/api/me', 404],
  ['debug_token', '/api/debug_token?input_token=x', 404],
  [
    'an id that is not a number',
    '/api/northwind.coffee/insights?metric=reach',
    404,
    /Instagram ids are numbers/,
  ],
  ['an id with a version', '/api/v25.0/17841405822304914', 404],
  ['an unknown edge', `/api/${NORTHWIND}/tags`, 404],
  ['a deeper path', `/api/${NORTHWIND}/insights/reach`, 404],
  ['an overlong id', `/api/${'1'.repeat(40)}/insights?metric=reach`, 404],
  ['a Graph batch', '/api/?batch=[]', 404],
];

describe('refused before any upstream call', () => {
  it.each(REFUSED)('%s → %i', async (_label, path, status, message) => {
    for (const stack of [open, restricted]) {
      const logged = requestLog(stack).length;
      const { calls, result } = await stack.counting(() => stack.get(path));
      expect(result.status).toBe(status);
      expectGraphError(result.body);
      if (message) expect(result.body.error.message).toMatch(message);
      expect(calls).toBe(0);
      expect(requestLog(stack).slice(logged)).toEqual([
        expect.objectContaining({ status, upstream: 0, cache: 'none' }),
      ]);
    }
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])(
    '%s → 405 with Allow: GET',
    async (method) => {
      for (const path of [
        insights('metric=reach'),
        '/api/accounts',
        '/api/health',
        `/api/${NORTHWIND}/media`,
      ]) {
        const { calls, result } = await open.counting(() =>
          open.get(path, { method, ...(method === 'POST' ? { body: 'metric=reach' } : {}) }),
        );
        expect(result.status, `${method} ${path}`).toBe(405);
        expect(result.headers.get('allow')).toBe('GET');
        expectGraphError(result.body);
        expect(calls).toBe(0);
      }
    },
  );
});

describe('INSTAGRAM_ACCOUNT_IDS', () => {
  it('/api/accounts lists only the allowed account', async () => {
    const { calls, result } = await restricted.counting(() => restricted.get('/api/accounts'));
    expect(result.status).toBe(200);
    expect(result.body.data.map((a: { id: string }) => a.id)).toEqual([NORTHWIND]);
    expect(calls).toBe(0);
    // Without the setting, every account the token reaches.
    const all = await open.get('/api/accounts');
    expect(all.body.data.map((a: { id: string }) => a.id)).toEqual(ALL_DEMO_ACCOUNTS);
  });

  it('another account’s edges → 403 without upstream calls', async () => {
    for (const path of [
      `/api/${LUMEN}/media`,
      `/api/${LUMEN}/media?limit=5`,
      `/api/${LUMEN}/stories`,
      `/api/${TINY}/media`,
    ]) {
      const { calls, result } = await restricted.counting(() => restricted.get(path));
      expect(result.status, path).toBe(403);
      expectGraphError(result.body, 10);
      expect(calls, path).toBe(0);
    }
  });

  it('another account’s profile and insights → 403; the one lookup that tells it from a media is never repeated', async () => {
    // An id that is not an allowed account might be a media of one: the server asks Instagram once.
    const first = await restricted.counting(() =>
      restricted.get(`/api/${LUMEN}/insights?metric=reach&period=day`),
    );
    expect(first.result.status).toBe(403);
    expectGraphError(first.result.body, 10);
    expect(first.calls).toBeLessThanOrEqual(1);
    for (const path of [
      `/api/${LUMEN}/insights?metric=reach&period=day`,
      `/api/${LUMEN}/insights?metric=views`,
      `/api/${LUMEN}`,
      `/api/${LUMEN}?fields=id,username`,
      `/api/${LUMEN}/picture`,
    ]) {
      const { calls, result } = await restricted.counting(() => restricted.get(path));
      expect(result.status, path).toBe(403);
      expect(calls, path).toBe(0);
    }
  });

  it('media of another account → 403; asking again costs nothing', async () => {
    const media = await open.get(`/api/${LUMEN}/media?limit=3`);
    expect(media.status).toBe(200);
    const id = media.body.data[0].id;
    const first = await restricted.counting(() => restricted.get(`/api/${id}`));
    expect(first.result.status).toBe(403);
    expect(first.calls).toBe(1);
    for (const path of [`/api/${id}`, `/api/${id}/insights?metric=reach`, `/api/${id}/picture`]) {
      const again = await restricted.counting(() => restricted.get(path));
      expect(again.result.status, path).toBe(403);
      expect(again.calls, path).toBe(0);
    }
  });
});

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

describe('property: hostile requests', () => {
  /** The parameters each route takes, and values that make any request on it invalid. */
  const ROUTES: Record<string, { params: string[]; poisons: string[] }> = {
    '': {
      params: ['fields'],
      poisons: ['fields=access_token', 'fields=id,owner', 'fields=id,,', 'fields=%7B%7D'],
    },
    '/insights': {
      params: [
        'metric',
        'period',
        'metric_type',
        'breakdown',
        'timeframe',
        'since',
        'until',
        'split',
      ],
      poisons: [
        'metric=impressions',
        'metric=bogus',
        'metric=REACH',
        'metric=reach;views',
        'period=fortnight',
        'metric_type=both',
        'breakdown=bogus',
        'timeframe=this_year',
        'since=2026-13-01',
        'since=2026-02-30',
        'until=yesterday',
        'since=1e9',
        'until=-5',
        'since=2020-01-01',
        'until=2027-01-01',
        'since=99999999999',
      ],
    },
    '/media': {
      params: ['fields', 'limit', 'after', 'before'],
      poisons: [
        'limit=0',
        'limit=101',
        'limit=1.5',
        'after=%2F..%2F',
        'before=a%20b',
        'fields=access_token',
        'fields=children%7Baccess_token%7D',
      ],
    },
    '/stories': {
      params: ['fields', 'limit', 'after', 'before'],
      poisons: ['limit=-1', 'after=*', 'fields=owner'],
    },
    '/picture': { params: ['size'], poisons: ['size=original', 'size=', 'size=thumbnail%00'] },
  };
  const EVERYWHERE = [
    'access_token=EAAB-attacker',
    'appsecret_proof=abc',
    'input_token=x',
    'batch=%5B%5D',
    'callback=alert',
    `metric=${'a'.repeat(1_001)}`,
    'since=%01',
    '__proto__=1',
    'constructor=1',
    'metric%5B%5D=reach',
  ];
  const HOSTILE_VALUES = [
    '',
    ' ',
    'reach',
    'views',
    'follower_count',
    'reach,views',
    'day',
    'lifetime',
    'total_value',
    'time_series',
    'follow_type',
    'age',
    'this_week',
    '2026-11-01',
    '2026-11-10',
    '1790000000',
    '2026-13-01',
    'yesterday',
    '9999999999999',
    '-1',
    '1e9',
    'NaN',
    '../me/accounts',
    '..%2Fme%2Faccounts',
    '/me/accounts?fields=access_token',
    'access_token',
    'id,access_token',
    'children{access_token}',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection payload, on purpose
    '${jndi:ldap://x}',
    '%00',
    '\u0000',
    '\r\nSet-Cookie: x=1',
    '{"a":1}',
    'reach,reach,reach',
    'ＲＥＡＣＨ',
    '😀',
    '25',
    'x'.repeat(1_001),
  ];
  const value = fc.oneof(
    fc.constantFrom(...HOSTILE_VALUES),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  );
  const encode = ([k, v]: [string, string]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
  /** Any number of other parameters around one poison, in any order. */
  const queryAround = (names: string[], poisons: string[]) =>
    fc
      .tuple(
        fc.array(
          fc.oneof(
            fc.tuple(fc.constantFrom(...names), value).map(encode),
            fc.tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), value).map(encode),
          ),
          { maxLength: 4 },
        ),
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...poisons) },
          { weight: 1, arbitrary: fc.constantFrom(...EVERYWHERE) },
          {
            weight: 1,
            arbitrary: fc
              .stringMatching(/^[a-z_]{1,12}$/)
              .filter((n) => !Object.values(ROUTES).some((r) => r.params.includes(n)))
              .map((n) => `${n}=1`),
          },
        ),
        fc.nat(),
      )
      .map(([params, bad, at]) => {
        const all = [...params];
        all.splice(at % (params.length + 1), 0, bad);
        return all.join('&');
      });
  /** On the allowed account (no ownership lookup), or /api/accounts, each with a poisoned query. */
  const onAllowedAccount = fc.oneof(
    ...Object.entries(ROUTES).map(([route, { params, poisons }]) =>
      queryAround(params, poisons).map((query) => `/api/${NORTHWIND}${route}?${query}`),
    ),
    queryAround(['fields'], EVERYWHERE).map((query) => `/api/accounts?${query}`),
  );
  /** Ids that are not numbers, on any route, with any query. */
  const onNonNumericId = fc
    .tuple(
      fc.oneof(
        fc.constantFrom(
          'me',
          'me/accounts',
          '..%2Fme',
          '%2e%2e%2f',
          'v25.0',
          'debug_token',
          'null',
          '-1',
          '1e3',
          '0x1F',
          `${NORTHWIND}abc`,
          `${NORTHWIND}%00`,
          `${NORTHWIND}.json`,
          '%',
          '%zz',
          '%E0%A4%A',
          '%FF',
          'accounts',
          'health',
        ),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
      ),
      fc.constantFrom(...Object.keys(ROUTES), '/accounts', '/insights/x', '/..', '/'),
      fc.array(fc.tuple(fc.constantFrom('metric', 'fields', 'x'), value).map(encode), {
        maxLength: 3,
      }),
    )
    .filter(([id, route]) => !/^\d+$/.test(safeDecode(id)) && !(id === 'accounts' && route === ''))
    .map(([id, route, params]) => `/api/${id}${route}?${params.join('&')}`);

  const hostileRequest = fc.record({
    url: fc.oneof(
      { weight: 3, arbitrary: onAllowedAccount },
      { weight: 1, arbitrary: onNonNumericId },
    ),
    method: fc.oneof(
      { weight: 5, arbitrary: fc.constant('GET') },
      { weight: 1, arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
    ),
  });

  it('every answer is a 4xx in the Graph error shape, and none costs an upstream call', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(hostileRequest, async ({ url, method }) => {
        const pathname = new URL(url, restricted.url).pathname;
        // Keep to /api: the URL parser resolves dot segments (also %2e%2e) before sending.
        fc.pre(pathname.startsWith('/api/'));
        // /api/health answers any GET; it is not what this property is about.
        fc.pre(pathname !== '/api/health');
        checked++;
        const { calls, result } = await restricted.counting(() => restricted.get(url, { method }));
        expect(result.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
        expect(result.status, `${method} ${url}`).toBeLessThan(500);
        expectGraphError(result.body);
        expect(calls, `${method} ${url}`).toBe(0);
      }),
      { seed: 20_261_120, numRuns: 300, interruptAfterTimeLimit: 20_000 },
    );
    expect(checked).toBeGreaterThan(200);
  }, 30_000);
});

it('every answer in this file carried the security headers and no secret', () => {
  expectSafeAnswers([open, restricted]);
});
