/**
 * Hardening, bad input: at least 1,000 generated malformed or hostile requests to every /api route
 * (fast-check, fixed seeds): wrong types, huge values, unicode, path tricks, duplicated parameters,
 * token-like parameters, unknown routes and methods other than GET. Each must get a 4xx in the
 * Graph error shape, never a 5xx, and none may reach the upstream.
 *
 * Requests go out through node:http rather than fetch, so that paths reach the server as written
 * (fetch would resolve dot segments and refuse some methods). Media ids are taken from the
 * accounts' own listings, so the server already knows who owns them and needs no lookup.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_MEDIA_FIELDS, parseFields } from '../graph/graph-fields';
import { ACCOUNT_METRICS, MEDIA_METRICS } from '../graph/metric-catalogue';
import { MEDIA_FIELDS, USER_FIELDS } from './api-routes';
import {
  expectGraphError,
  expectSafeAnswers,
  LUMEN,
  leaks,
  NORTHWIND,
  SECRET_TOKEN,
  startTestStack,
  type TestStack,
  TINY,
} from './testing/test-stack';

const RUNS = 1_000;
const ACCOUNTS = [NORTHWIND, LUMEN, TINY];

let stack: TestStack;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
let media: { feed: string[]; reels: string[]; stories: string[] };
/** Requests sent by the properties, for the count at the end. */
const sent = new Map<string, number>();

beforeAll(async () => {
  stack = await startTestStack({ warm: [NORTHWIND, LUMEN, TINY] });
  expect((await stack.get('/api/accounts')).status).toBe(200);
  const list = await stack.get(`/api/${NORTHWIND}/media?limit=50`);
  const stories = await stack.get(`/api/${NORTHWIND}/stories`);
  expect(list.status).toBe(200);
  expect(stories.status).toBe(200);
  type Item = { id: string; media_product_type: string };
  const items = list.body.data as Item[];
  media = {
    feed: items.filter((m) => m.media_product_type === 'FEED').map((m) => m.id),
    reels: items.filter((m) => m.media_product_type === 'REELS').map((m) => m.id),
    stories: (stories.body.data as Item[]).map((m) => m.id),
  };
  expect(media.feed.length).toBeGreaterThan(0);
  expect(media.reels.length).toBeGreaterThan(0);
}, 60_000);

afterAll(async () => {
  agent.destroy();
  await stack?.close();
});

/** encodeURIComponent, but a lone surrogate goes out as its (invalid) UTF-8 bytes, not an error. */
const pct = (text: string) =>
  [...text]
    .map((ch) => {
      const c = ch.charCodeAt(0);
      if (ch.length > 1 || c < 0xd800 || c > 0xdfff) return encodeURIComponent(ch);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
/** Percent-encodes what node:http refuses in a path (spaces, controls, non-ASCII), nothing else. */
const rawSafe = (path: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: encoding control characters is the point
  path.replace(/[\u0000-\u0020\u007f-\u{10ffff}]/gu, (c) => pct(c));

interface Answer {
  status: number;
  headers: [string, string][];
  text: string;
}

/** One request as written, through a keep-alive agent; recorded in the stack's exchanges. */
function send(method: string, path: string, body?: string, record = true): Promise<Answer> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: rawSafe(path),
        agent,
        timeout: 10_000,
        // Signed in as an owner, from the dashboard's origin: what is refused here is the input.
        headers: {
          Cookie: stack.ownerCookie,
          Origin: stack.url,
          ...(body
            ? {
                'Content-Type': 'application/x-www-form-urlencoded',
                'Content-Length': Buffer.byteLength(body),
              }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const answer = {
            status: res.statusCode ?? 0,
            headers: Object.entries(res.headers).map(
              ([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)] as [string, string],
            ),
            text: Buffer.concat(chunks).toString('utf8'),
          };
          if (record) stack.exchanges.push({ request: `${method} ${path}`, ...answer });
          resolve(answer);
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one hostile request and checks the answer: a Graph-shaped 4xx, no upstream call. */
async function expectRefused(route: string, method: string, path: string, body?: string) {
  sent.set(route, (sent.get(route) ?? 0) + 1);
  const before = stack.upstream.requests();
  const answer = await send(method, path, body);
  const label = `${method} ${path.slice(0, 300)}`;
  expect(answer.status, label).toBeGreaterThanOrEqual(400);
  expect(answer.status, label).toBeLessThan(500);
  expect(answer.headers.find(([k]) => k === 'content-type')?.[1], label).toMatch(/json/);
  expectGraphError(JSON.parse(answer.text));
  expect(stack.upstream.requests() - before, label).toBe(0);
}

/* ------------------------------------------------------------------------------------------ */
/* Values                                                                                     */
/* ------------------------------------------------------------------------------------------ */

const TOKEN_LIKE = [
  'EAAB-attacker-token',
  'EAAGm0PX4ZCpsBA',
  'IGQVJ-long-lived',
  'Bearer EAAB',
  `access_token=EAAB&x=1`,
];
const WRONG_TYPES = [
  'true',
  'false',
  'null',
  'undefined',
  '[]',
  '[1,2]',
  '{}',
  '{"a":1}',
  '0',
  '-0',
];
const HUGE = ['9'.repeat(30), '1e308', '-1e308', 'Infinity', 'NaN', '0x7fffffff', '1'.repeat(200)];
const UNICODE = [
  'ＲＥＡＣＨ',
  'réach',
  'reach\u200b',
  '\u202ereach',
  '😀',
  'ß',
  'İ',
  '\ud83d',
  'ﬁelds',
];
const PATHLIKE = ['../me/accounts', '..%2Fme', '/me/accounts?fields=access_token', '..\\..', '%00'];
const INJECTION = [
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection payload, on purpose
  '${jndi:ldap://x}',
  '\r\nSet-Cookie: x=1',
  '{{7*7}}',
];
const REALISTIC = [
  'reach',
  'views',
  'follower_count',
  'follower_demographics',
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
  'id,username',
  'id,caption',
  '25',
  'day',
];

/** Any value: realistic, hostile or random. */
const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...REALISTIC) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...TOKEN_LIKE,
      ...WRONG_TYPES,
      ...HUGE,
      ...UNICODE,
      ...PATHLIKE,
      ...INJECTION,
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

const enc = ([k, v]: [string, string]) => `${pct(k)}=${pct(v)}`;

/**
 * A query with any number of other parameters around `poison`, which alone makes the request
 * invalid whatever the rest holds. Raw parts (malformed escapes, bare names) are mixed in.
 */
function queryWith(allowed: readonly string[], poison: fc.Arbitrary<string>) {
  const other = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...(allowed.length ? allowed : ['x'])), anyValue)
        .map(enc),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', '&', '&&', '=', 'a', '%', '%zz', '+', ';', '%E0%A4%A'),
    },
  );
  return fc.tuple(fc.array(other, { maxLength: 4 }), poison, fc.nat()).map(([params, bad, at]) => {
    const all = [...params];
    all.splice(at % (params.length + 1), 0, bad);
    return all.join('&');
  });
}

/** Poisons for any route: unknown or token-like names, duplicates, controls, overlong values. */
function genericPoisons(allowed: readonly string[]): fc.Arbitrary<string>[] {
  const unknownName = fc
    .oneof(
      fc.constantFrom(
        'access_token',
        'appsecret_proof',
        'input_token',
        'batch',
        'callback',
        'ids',
        'method',
        '__proto__',
        'constructor',
        'metric[]',
        'fields[]',
        'METRIC',
        'Fields',
        'fields ',
        ' metric',
        'metric\u0000',
        'métric',
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }),
    )
    .filter((name) => !allowed.includes(name));
  const poisons = [fc.tuple(unknownName, anyValue).map(enc)];
  if (allowed.length) {
    const name = fc.constantFrom(...allowed);
    poisons.push(
      // Duplicated: the proxy never guesses which one was meant.
      fc.tuple(name, anyValue, anyValue).map(([n, a, b]) => `${enc([n, a])}&${enc([n, b])}`),
      // Control characters in a value.
      fc
        .tuple(
          name,
          fc.string({ maxLength: 5 }),
          fc.integer({ min: 0, max: 31 }),
          fc.string({ maxLength: 5 }),
        )
        .map(([n, a, c, b]) => enc([n, `${a}${String.fromCharCode(c)}${b}`])),
      // Over 1,000 characters (and within Node's 16 KB limit for a request head once encoded).
      fc
        .tuple(
          name,
          fc.integer({ min: 1_001, max: 1_800 }),
          fc.constantFrom('a', 'reach,', '9', '%', 'é'),
        )
        .map(([n, length, unit]) => enc([n, unit.repeat(Math.ceil(length / unit.length))])),
    );
  }
  return poisons;
}

/** A value that is not one of `valid` (and not empty when empty means "not given"). */
const notOneOf = (valid: readonly string[], allowEmpty: boolean) =>
  anyValue.filter((v) => !valid.includes(v) && (allowEmpty || v !== ''));

function fieldsValid(value: string, allowed: readonly string[]): boolean {
  const fields = parseFields(value);
  if (!fields) return false;
  return fields.every(
    (f) =>
      allowed.includes(f.name) &&
      (!f.fields ||
        (f.name === 'children' &&
          f.fields.every((c) => CHILD_MEDIA_FIELDS.includes(c.name) && !c.fields))),
  );
}

const badFields = (allowed: readonly string[]) =>
  fc
    .oneof(
      fc.constantFrom(
        'access_token',
        'id,access_token',
        'owner',
        'owner{id}',
        'id{id}',
        'children{access_token}',
        'children{id',
        'id,,caption',
        'id,',
        ',id',
        '',
        '*',
        'id username',
        'ID',
        'fields',
      ),
      fc
        .array(fc.constantFrom(...allowed), { maxLength: 3 })
        .chain((names) => anyValue.map((extra) => [...names, extra].join(','))),
      anyValue,
    )
    .filter((v) => !fieldsValid(v, allowed))
    .map((v) => enc(['fields', v]));

const ACCOUNT_METRIC_NAMES = ACCOUNT_METRICS.map((m) => m.name);
const MEDIA_METRIC_NAMES = MEDIA_METRICS.map((m) => m.name);
const PERIODS = ['day', 'week', 'days_28', 'month', 'lifetime', 'total_over_range'];
const BREAKDOWNS = [
  'follow_type',
  'media_product_type',
  'contact_button_type',
  'age',
  'city',
  'country',
  'gender',
  'age,gender',
  'action_type',
  'story_navigation_action_type',
];

const isIsoDayLike = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/* ------------------------------------------------------------------------------------------ */
/* Routes                                                                                     */
/* ------------------------------------------------------------------------------------------ */

const ACCOUNT_INSIGHTS = [
  'metric',
  'period',
  'metric_type',
  'breakdown',
  'timeframe',
  'since',
  'until',
  'split',
];
const LIST = ['fields', 'limit', 'after', 'before'];

const STORED_DEMOGRAPHICS = ['metric', 'breakdown', 'timeframe', 'since', 'until'];
/** A since or until that is neither a real YYYY-MM-DD day nor Unix seconds. */
const badDay = fc
  .tuple(
    fc.constantFrom('since', 'until'),
    fc.oneof(
      anyValue.filter((v) => !/^\d{1,11}$/.test(v) && !isIsoDayLike(v)),
      fc.constantFrom('2026-13-01', '2026-02-30', '2026-11-31', '0000-00-00', '2026-1-1', '-1'),
    ),
  )
  .map(enc);
const reversedDays = fc.constantFrom(
  'since=2026-11-10&until=2026-11-01',
  'since=1800000000&until=1700000000',
);

interface RouteSpec {
  name: string;
  /** Paths (without query) this route answers on. */
  paths: () => fc.Arbitrary<string>;
  allowed: readonly string[];
  poisons: () => fc.Arbitrary<string>[];
}

const cursor = /^[A-Za-z0-9_-]{1,200}={0,2}$/;
const ROUTES: RouteSpec[] = [
  {
    name: '/api/accounts',
    paths: () => fc.constant('/api/accounts'),
    allowed: [],
    poisons: () => [
      ...genericPoisons([]),
      fc.tuple(fc.constantFrom('fields', 'limit', 'after', 'metric'), anyValue).map(enc),
    ],
  },
  {
    name: '/api/{account-id}',
    paths: () => fc.constantFrom(...ACCOUNTS).map((id) => `/api/${id}`),
    allowed: ['fields'],
    poisons: () => [...genericPoisons(['fields']), badFields(USER_FIELDS)],
  },
  {
    name: '/api/{media-id}',
    paths: () =>
      fc.constantFrom(...media.feed, ...media.reels, ...media.stories).map((id) => `/api/${id}`),
    allowed: ['fields'],
    poisons: () => [...genericPoisons(['fields']), badFields(MEDIA_FIELDS)],
  },
  ...(['media', 'stories', 'collaborative_media'] as const).map(
    (edge): RouteSpec => ({
      name: `/api/{account-id}/${edge}`,
      paths: () => fc.constantFrom(...ACCOUNTS).map((id) => `/api/${id}/${edge}`),
      allowed: LIST,
      poisons: () => [
        ...genericPoisons(LIST),
        badFields(MEDIA_FIELDS),
        notOneOf([], true)
          .filter((v) => !/^(100|[1-9]\d?)$/.test(v))
          .map((v) => enc(['limit', v])),
        fc
          .tuple(
            fc.constantFrom('after', 'before'),
            anyValue.filter((v) => !cursor.test(v)),
          )
          .map(enc),
        fc.constantFrom('after=QVFIUmx1&before=QVFIUmx2', 'before=abc&after=def'),
      ],
    }),
  ),
  {
    name: '/api/{account-id}/insights',
    paths: () => fc.constantFrom(...ACCOUNTS).map((id) => `/api/${id}/insights`),
    allowed: ACCOUNT_INSIGHTS,
    poisons: () => [
      ...genericPoisons(ACCOUNT_INSIGHTS),
      notOneOf(ACCOUNT_METRIC_NAMES, true).map((v) => enc(['metric', v])),
      fc
        .tuple(
          fc.subarray(ACCOUNT_METRIC_NAMES, { minLength: 1, maxLength: 3 }),
          notOneOf(ACCOUNT_METRIC_NAMES, false),
        )
        .map(([names, bad]) => enc(['metric', [...names, bad].join(',')])),
      notOneOf(PERIODS, false).map((v) => enc(['period', v])),
      notOneOf(['time_series', 'total_value', 'default'], false).map((v) =>
        enc(['metric_type', v]),
      ),
      notOneOf(BREAKDOWNS, false).map((v) => enc(['breakdown', v])),
      notOneOf(['this_week', 'this_month'], false).map((v) => enc(['timeframe', v])),
      notOneOf(['day'], true).map((v) => enc(['split', v])),
      fc
        .tuple(
          fc.constantFrom('since', 'until'),
          fc.oneof(
            anyValue.filter((v) => !/^\d{1,11}$/.test(v) && !isIsoDayLike(v)),
            fc.constantFrom('2026-13-01', '2026-02-30', '2026-11-31', '0000-00-00', '2026-1-1'),
          ),
        )
        .map(enc),
      // Ranges the API cannot answer: reversed, in the future, beyond two years.
      fc.constantFrom(
        'since=2026-11-10&until=2026-11-01',
        'since=2026-11-01&until=2031-01-01',
        'since=2020-01-01&until=2020-01-20',
        'since=1&until=2',
        'since=99999999999',
        // Options that do not apply to demographics.
        'metric=follower_demographics&breakdown=age&timeframe=this_week&split=day',
        'metric=follower_demographics&breakdown=age&timeframe=this_week&since=2026-11-01',
      ),
    ],
  },
  {
    name: '/api/{media-id}/insights',
    paths: () =>
      fc
        .constantFrom(...media.feed, ...media.reels, ...media.stories)
        .map((id) => `/api/${id}/insights`),
    allowed: ['metric', 'period', 'breakdown'],
    poisons: () => [
      ...genericPoisons(['metric', 'period', 'breakdown']),
      notOneOf(MEDIA_METRIC_NAMES, true).map((v) => enc(['metric', v])),
      fc
        .tuple(
          fc.subarray(MEDIA_METRIC_NAMES, { minLength: 1, maxLength: 3 }),
          notOneOf(MEDIA_METRIC_NAMES, false),
        )
        .map(([names, bad]) => enc(['metric', [...names, bad].join(',')])),
      notOneOf(['lifetime'], false).map((v) => enc(['period', v])),
      notOneOf(['action_type', 'story_navigation_action_type'], false).map((v) =>
        enc(['breakdown', v]),
      ),
    ],
  },
  ...(['follower_count', 'online_followers'] as const).map(
    (metric): RouteSpec => ({
      name: `/api/{account-id}/stored/${metric}`,
      paths: () => fc.constantFrom(...ACCOUNTS).map((id) => `/api/${id}/stored/${metric}`),
      allowed: ['since', 'until'],
      poisons: () => [...genericPoisons(['since', 'until']), badDay, reversedDays],
    }),
  ),
  {
    name: '/api/{account-id}/stored/demographics',
    paths: () => fc.constantFrom(...ACCOUNTS).map((id) => `/api/${id}/stored/demographics`),
    allowed: STORED_DEMOGRAPHICS,
    poisons: () => [
      ...genericPoisons(STORED_DEMOGRAPHICS),
      // Everything else right, one thing wrong.
      notOneOf(['follower_demographics', 'engaged_audience_demographics'], true).map(
        (v) => `${enc(['metric', v])}&breakdown=age`,
      ),
      notOneOf(['age', 'gender', 'country', 'city'], true).map((v) => enc(['breakdown', v])),
      notOneOf(['this_month', 'this_week'], true).map(
        (v) => `breakdown=city&${enc(['timeframe', v])}`,
      ),
      badDay.map((q) => `breakdown=country&${q}`),
      reversedDays.map((q) => `breakdown=gender&${q}`),
    ],
  },
  {
    name: '/api/{account-id}/stories/archive',
    paths: () => fc.constantFrom(...ACCOUNTS).map((id) => `/api/${id}/stories/archive`),
    allowed: ['limit', 'after'],
    poisons: () => [
      ...genericPoisons(['limit', 'after']),
      notOneOf([], true)
        .filter((v) => !/^(100|[1-9]\d?)$/.test(v))
        .map((v) => enc(['limit', v])),
      // Not a cursor this server wrote: random text, or base64 of something else.
      fc
        .oneof(
          anyValue,
          anyValue.map((v) => Buffer.from(v).toString('base64url')),
          fc.constantFrom(
            Buffer.from('a:not-a-date|123').toString('base64url'),
            Buffer.from('a:2026-11-01T00:00:00.000Z|abc').toString('base64url'),
            'YTo',
          ),
        )
        .filter(
          (v) =>
            !/^a:\d{4}-\d{2}-\d{2}T[\d:.]+Z\|\d{1,25}$/.test(
              Buffer.from(v, 'base64url').toString(),
            ),
        )
        .map((v) => enc(['after', v])),
    ],
  },
  {
    name: '/api/{id}/picture',
    paths: () =>
      fc
        .constantFrom(...ACCOUNTS, ...media.feed, ...media.reels, ...media.stories)
        .map((id) => `/api/${id}/picture`),
    allowed: ['size'],
    poisons: () => [
      ...genericPoisons(['size']),
      notOneOf(['thumbnail'], true).map((v) => enc(['size', v])),
    ],
  },
];

describe('bad input: every route refuses hostile requests without an upstream call', () => {
  it.each(ROUTES.map((r) => [r.name, r] as const))(
    '%s: 1,000 generated requests',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(
          route.paths(),
          queryWith(route.allowed, fc.oneof(...route.poisons())),
          (path, query) => expectRefused(route.name, 'GET', `${path}?${query}`),
        ),
        { seed: 20_261_128, numRuns: RUNS, endOnFailure: true },
      );
      expect(sent.get(route.name)).toBeGreaterThanOrEqual(RUNS);
    },
    120_000,
  );

  /** Routes that do not exist, ids that are not numbers, and dot-segment tricks. */
  it('unknown routes and path tricks: 1,000 generated requests', async () => {
    const validShape =
      /^\/api\/(health|accounts|\d{1,25}(\/(media|stories|collaborative_media|insights|picture))?)$/;
    const id = fc.oneof(
      fc.constantFrom(...ACCOUNTS, media.feed[0] as string),
      fc.constantFrom(
        'me',
        'me/accounts',
        'v25.0',
        'debug_token',
        'oauth',
        '..',
        '.',
        '%2e%2e',
        '%2e%2e%2f',
        '..%2f..%2f',
        '%252e%252e',
        '..\\..',
        '%5c',
        '%00',
        '%',
        '%zz',
        '%E0%A4%A',
        '%FF',
        'null',
        '-1',
        '1e3',
        '0x1F',
        `${NORTHWIND}abc`,
        `${NORTHWIND}%00`,
        `${NORTHWIND}.json`,
        `${NORTHWIND};x=1`,
        '1'.repeat(26),
        '１２３',
        '',
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(pct),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    );
    const tail = fc.oneof(
      fc.constantFrom(
        '',
        '/',
        '//',
        '/tags',
        '/insights/reach',
        '/insights/',
        '/media/',
        '/media/..',
        '/accounts',
        '/subscribed_apps',
        '/../..',
        '/..%2f..%2fme',
        '/%2e%2e/me',
        '/./insights',
        '/insights;jsessionid=1',
        '/content_publishing_limit',
        '/media_publish',
        '/picture/x',
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => `/${s}`),
    );
    const query = fc.array(
      fc.tuple(fc.constantFrom('metric', 'fields', 'access_token', 'x'), anyValue).map(enc),
      {
        maxLength: 3,
      },
    );
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/', '/api//', '/api/./'),
        id,
        tail,
        query,
        async (prefix, i, t, q) => {
          const path = rawSafe(`${prefix}${i}${t}`);
          let pathname: string;
          try {
            pathname = new URL(path, stack.url).pathname;
          } catch {
            pathname = '';
          }
          // Paths that leave /api are not the API's; valid routes are other tests' business.
          fc.pre(pathname.startsWith('/api/') && !validShape.test(pathname));
          checked++;
          await expectRefused(
            'unknown routes',
            'GET',
            `${path}${q.length ? `?${q.join('&')}` : ''}`,
          );
        },
      ),
      { seed: 20_261_129, numRuns: RUNS, endOnFailure: true },
    );
    expect(checked).toBeGreaterThanOrEqual(RUNS);
  }, 120_000);

  it('methods other than GET: 1,000 generated requests → 405', async () => {
    const method = fc.constantFrom(
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
      'TRACE',
      'PROPFIND',
      'MKCOL',
      'COPY',
      'MOVE',
      'LOCK',
      'PURGE',
      'REPORT',
      'SEARCH',
    );
    const path = fc.oneof(
      fc.constantFrom('/api/accounts', '/api/health', '/api/x', '/api/', '/api/me/accounts'),
      fc
        .constantFrom(...ACCOUNTS)
        .chain((id) =>
          fc.constantFrom(
            `/api/${id}`,
            `/api/${id}/media`,
            `/api/${id}/stories`,
            `/api/${id}/insights`,
            `/api/${id}/picture`,
          ),
        ),
      fc
        .constantFrom(...media.feed)
        .chain((id) => fc.constantFrom(`/api/${id}`, `/api/${id}/insights`)),
    );
    const query = fc.array(
      fc.tuple(fc.constantFrom('metric', 'fields', 'access_token', 'batch'), anyValue).map(enc),
      {
        maxLength: 3,
      },
    );
    // Only methods that carry a body get one: Node's parser refuses a body on the others itself.
    const body = fc.option(
      fc.oneof(
        fc.constantFrom(
          'batch=[{"method":"GET","relative_url":"me/accounts"}]',
          'access_token=EAAB-attacker-token&metric=reach',
          '{"metric":"reach"}',
        ),
        fc.string({ maxLength: 200 }),
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(method, path, query, body, async (m, p, q, b) => {
        const answer = await (async () => {
          const before = stack.upstream.requests();
          sent.set('methods', (sent.get('methods') ?? 0) + 1);
          const withBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m) ? b : undefined;
          const a = await send(m, `${p}${q.length ? `?${q.join('&')}` : ''}`, withBody);
          expect(stack.upstream.requests() - before).toBe(0);
          return a;
        })();
        expect(answer.status, `${m} ${p}`).toBe(405);
        expect(answer.headers.find(([k]) => k === 'allow')?.[1]).toBe('GET');
        expectGraphError(JSON.parse(answer.text));
      }),
      { seed: 20_261_130, numRuns: RUNS, endOnFailure: true },
    );
    expect(sent.get('methods')).toBeGreaterThanOrEqual(RUNS);
  }, 120_000);
});

describe('requests Node cannot parse, before the app sees them', () => {
  /** Writes bytes as they are onto a fresh connection and reads until the server closes it. */
  const raw = (bytes: string) =>
    new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
      const url = new URL(stack.url);
      const socket = connect(Number(url.port), url.hostname);
      let data = '';
      socket.setEncoding('utf8');
      socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')));
      socket.on('data', (chunk: string) => {
        data += chunk;
      });
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = data.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), headers: head, body });
      });
      socket.write(bytes);
    });

  it('a request head over 16 KB: 431 in the Graph error shape, saying what to change', async () => {
    const before = stack.upstream.requests();
    const path = `/api/${NORTHWIND}/insights?metric=${'reach,'.repeat(4_000)}`;
    const answer = await send('GET', path, undefined, false);
    expect(answer.status).toBe(431);
    expect(answer.headers).toContainEqual(['content-type', 'application/json']);
    const body = JSON.parse(answer.text);
    expectGraphError(body, 100);
    expect(body.error.message).toContain('16 KB');
    expect(answer.text).not.toContain(SECRET_TOKEN);
    expect(stack.upstream.requests()).toBe(before);
  });

  it('a broken request line or header: 400 in the Graph error shape, no upstream call', async () => {
    const before = stack.upstream.requests();
    for (const bytes of [
      'GET /api/accounts HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      'NOT HTTP AT ALL\r\n\r\n',
      `GET /api/accounts HTTP/1.1\r\nHost: x\r\nX-Token: ${SECRET_TOKEN}\u0000\r\n\r\n`,
    ]) {
      const answer = await raw(bytes);
      expect(answer.status, bytes).toBe(400);
      expect(answer.headers).toMatch(/content-type: application\/json/i);
      expectGraphError(JSON.parse(answer.body), 100);
      expect(answer.body).not.toContain(SECRET_TOKEN);
    }
    expect(stack.upstream.requests()).toBe(before);
  });
});

describe('secrets', () => {
  it('no answer, header or log line of this file carries the token', () => {
    expect(stack.exchanges.length).toBeGreaterThan(10 * RUNS);
    expect(stack.secrets).toContain(SECRET_TOKEN);
    expect(leaks(stack)).toEqual([]);
    expectSafeAnswers([stack]);
  });

  it('the built app (dist/, when built) holds no configured token', () => {
    const dist = join(process.cwd(), 'dist');
    if (!existsSync(dist)) return;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(dist);
    expect(files.length).toBeGreaterThan(0);
    const found = files.filter((file) => {
      const text = readFileSync(file, 'latin1');
      return text.includes(SECRET_TOKEN) || text.includes('EAAB-bench-SECRET');
    });
    expect(found).toEqual([]);
  });
});
