/**
 * How the proxy maps each class of upstream error, against the fake Graph API over real HTTP:
 * an unusable token, unknown and foreign ids, transient errors (retried), throttling (respected),
 * outages (stale copies when there are some) and an upstream that does not answer in time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, pacificDayStart } from '../graph/pacific-days';
import {
  DEFAULT_RETRY,
  expectGraphError,
  expectSafeAnswers,
  type FakeUpstream,
  FIXED_NOW,
  LUMEN,
  NO_FAULTS,
  NORTHWIND,
  requestLog,
  SECRET_TOKEN,
  startFake,
  startTestStack,
  type TestStack,
  TINY,
} from './testing/test-stack';

const WRONG_TOKEN = 'EAAB-wrong-SECRET-token-999';

let upstream: FakeUpstream;
const stacks: TestStack[] = [];

async function stackFor(options: Parameters<typeof startTestStack>[0] = {}) {
  const stack = await startTestStack({ upstream, ...options });
  stacks.push(stack);
  return stack;
}

beforeAll(async () => {
  upstream = await startFake();
}, 30_000);

afterEach(() => {
  upstream.fake.setFaults(NO_FAULTS);
  upstream.clock.set(FIXED_NOW);
});

afterAll(async () => {
  for (const s of stacks) await s.close();
  await upstream?.close();
});

describe('code 190: the token is unusable', () => {
  it('answers 401, tells the operator to renew the token, never echoes it, and does not retry', async () => {
    const discovering = await stackFor({ proxyTokens: [WRONG_TOKEN] });
    const configured = await stackFor({ proxyTokens: [WRONG_TOKEN], accountIds: [NORTHWIND] });
    for (const [stack, path] of [
      [discovering, '/api/accounts'],
      [discovering, `/api/${NORTHWIND}/insights?metric=reach&period=day`],
      [configured, `/api/${NORTHWIND}/insights?metric=reach&period=day`],
      [configured, `/api/${NORTHWIND}/media`],
      [configured, `/api/${NORTHWIND}`],
    ] as const) {
      const { calls, result } = await stack.counting(() => stack.get(path));
      expect(result.status, path).toBe(401);
      expectGraphError(result.body, 190);
      expect(result.body.error.message).toMatch(/operator must renew the token/);
      expect(result.text).not.toContain(WRONG_TOKEN);
      expect(result.text).not.toContain(SECRET_TOKEN);
      expect(calls, path).toBe(1);
    }
    expect(requestLog(configured).every((l) => l.status === 401 && l.upstream === 1)).toBe(true);
  });
  it('with several tokens, an expired one does not hide the accounts the others read', async () => {
    const stack = await stackFor({ proxyTokens: [WRONG_TOKEN, upstream.token] });
    const accounts = await stack.get('/api/accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.body.data.map((a: { id: string }) => a.id)).toContain(NORTHWIND);
    expect(accounts.text).not.toContain(WRONG_TOKEN);
    const insights = await stack.get(`/api/${NORTHWIND}/insights?metric=reach&period=day`);
    expect(insights.status).toBe(200);
  });
});

describe('ids the server cannot show', () => {
  it('an id Instagram does not know: 404 after one lookup, and no call when asked again', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const first = await stack.counting(() =>
      stack.get('/api/99999999999999999/insights?metric=reach'),
    );
    expect(first.result.status).toBe(404);
    expectGraphError(first.result.body, 100);
    expect(first.calls).toBe(1);
    for (const path of [
      '/api/99999999999999999/insights?metric=reach',
      '/api/99999999999999999',
      '/api/99999999999999999/picture',
    ]) {
      const again = await stack.counting(() => stack.get(path));
      expect(again.result.status, path).toBe(404);
      expect(again.calls, path).toBe(0);
    }
  });

  it('media of an account not allowed: 403 after one ownership lookup, and no call when asked again', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const foreign = upstream.fake.data.publishedMedia(LUMEN, upstream.clock.now())[0]?.id;
    expect(foreign).toBeDefined();
    const first = await stack.counting(() => stack.get(`/api/${foreign}/insights?metric=reach`));
    expect(first.result.status).toBe(403);
    expectGraphError(first.result.body, 10);
    expect(first.calls).toBe(1);
    for (const path of [`/api/${foreign}/insights?metric=reach`, `/api/${foreign}`]) {
      const again = await stack.counting(() => stack.get(path));
      expect(again.result.status, path).toBe(403);
      expect(again.calls, path).toBe(0);
    }
  });

  it('an account not allowed: 403 on its edges without any upstream call', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    for (const path of [`/api/${LUMEN}/media`, `/api/${LUMEN}/stories`]) {
      const { calls, result } = await stack.counting(() => stack.get(path));
      expect(result.status, path).toBe(403);
      expectGraphError(result.body, 10);
      expect(result.body.error.message).toMatch(/not one of the accounts this server shows/);
      expect(calls, path).toBe(0);
    }
  });

  it('media posted before the business conversion: 422 with Instagram’s explanation', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const before = upstream.fake.data
      .publishedMedia(NORTHWIND, upstream.clock.now())
      .find((m) => m.productType === 'FEED' && m.timestamp < pacificDayStart('2017-06-01'))?.id;
    expect(before).toBeDefined();
    const { calls, result } = await stack.counting(() =>
      stack.get(`/api/${before}/insights?metric=reach`),
    );
    expect(result.status).toBe(422);
    expectGraphError(result.body, 100);
    expect(result.body.error.error_subcode).toBe(2108006);
    expect(calls).toBe(2); // the ownership lookup, then the insights call (not retried)
  });
});

it('a metric that needs 100 followers, for an account with fewer: 422 that says so', async () => {
  const stack = await stackFor({ accountIds: [TINY] });
  const { calls, result } = await stack.counting(() =>
    stack.get(`/api/${TINY}/insights?metric=follower_count&period=day`),
  );
  expect(result.status).toBe(422);
  expectGraphError(result.body, 100);
  expect(result.body.error.message).toBe(
    'Instagram gives this metric only for accounts with 100 or more followers.',
  );
  expect(result.body.error.error_user_title).toBe('Needs 100 followers');
  expect(calls).toBe(1);
});

describe('transient errors (codes 1 and 2)', () => {
  it('are retried: with half of the calls failing, requests still succeed after more than one call', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    upstream.fake.setFaults({ transientErrorRate: 0.5 });
    const answers: { day: string; status: number; calls: number; body: unknown }[] = [];
    // Distinct one-day requests (each a cache miss) until one has succeeded on a retry; the
    // fake's fault sequence is deterministic, so this ends after the same requests every run.
    for (let d = 0; d < 60 && !answers.some((a) => a.status === 200 && a.calls > 1); d++) {
      const day = addDays('2026-08-01', d);
      const { calls, result } = await stack.counting(() =>
        stack.get(`/api/${NORTHWIND}/insights?metric=reach&period=day&since=${day}&until=${day}`),
      );
      answers.push({ day, status: result.status, calls, body: result.body });
    }
    for (const a of answers) {
      if (a.status === 200) expect(a.calls).toBeLessThanOrEqual(DEFAULT_RETRY.attempts);
      else {
        expect(a.status).toBe(502);
        expect(a.calls).toBe(DEFAULT_RETRY.attempts);
      }
    }
    const retried = answers.filter((a) => a.status === 200 && a.calls > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(answers.length / 2);

    // A retried answer is the same as one that never failed.
    upstream.fake.setFaults(NO_FAULTS);
    const clean = await stackFor({ accountIds: [NORTHWIND] });
    for (const a of retried) {
      const fresh = await clean.get(
        `/api/${NORTHWIND}/insights?metric=reach&period=day&since=${a.day}&until=${a.day}`,
      );
      expect(fresh.body).toEqual(a.body);
    }
  });

  it('when every call fails: 502 after exactly `attempts` calls', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    upstream.fake.setFaults({ transientErrorRate: 1 });
    const { calls, result } = await stack.counting(() =>
      stack.get(`/api/${NORTHWIND}/insights?metric=views&period=day`),
    );
    expect(result.status).toBe(502);
    expectGraphError(result.body);
    expect([1, 2]).toContain(result.body.error.code);
    expect(result.body.error.is_transient).toBe(true);
    expect(calls).toBe(DEFAULT_RETRY.attempts);
    expect(requestLog(stack).at(-1)).toMatchObject({
      status: 502,
      cache: 'none',
      upstream: DEFAULT_RETRY.attempts,
    });
  });
});

describe('throttling', () => {
  it('code 80002 (account): 429 with Retry-After, and no upstream call while the block lasts', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    upstream.fake.setFaults({ throttle: 'account' });
    const first = await stack.counting(() =>
      stack.get(`/api/${NORTHWIND}/insights?metric=reach&period=day`),
    );
    expect(first.result.status).toBe(429);
    expectGraphError(first.result.body, 80002);
    const retryAfter = Number(first.result.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
    expect(first.calls).toBe(1);

    // Within the block: other requests for the account are answered without asking Instagram.
    for (const path of [
      `/api/${NORTHWIND}/insights?metric=reach&period=day`,
      `/api/${NORTHWIND}/media`,
      `/api/${NORTHWIND}/insights?metric=views&period=day`,
    ]) {
      upstream.clock.advance(1_000);
      const { calls, result } = await stack.counting(() => stack.get(path));
      expect(result.status, path).toBe(429);
      expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(result.headers.get('retry-after'))).toBeLessThanOrEqual(retryAfter);
      expect(calls, path).toBe(0);
    }

    // Once Instagram lets the account in again and the block is over, calls resume.
    upstream.fake.setFaults(NO_FAULTS);
    upstream.clock.advance(retryAfter * 1000);
    const later = await stack.counting(() => stack.get(`/api/${NORTHWIND}/media`));
    expect(later.result.status).toBe(200);
    expect(later.calls).toBe(1);
  });

  it('code 4 (app): 429 for every account until the block ends, without upstream calls', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND, LUMEN] });
    upstream.fake.setFaults({ throttle: 'app' });
    const first = await stack.counting(() => stack.get(`/api/${NORTHWIND}/media`));
    expect(first.result.status).toBe(429);
    expect(Number(first.result.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(first.calls).toBe(1);
    const other = await stack.counting(() => stack.get(`/api/${LUMEN}/media`));
    expect(other.result.status).toBe(429);
    expect(other.calls).toBe(0);
  });

  it('a small per-account budget: 80002 from the fake’s rate limiter, then no call while blocked', async () => {
    const limited = await startFake({ rateLimits: { callsPerAccount: 3 }, warm: [TINY] });
    try {
      const stack = await startTestStack({ upstream: limited, accountIds: [TINY] });
      stacks.push(stack);
      const statuses: number[] = [];
      for (const path of [
        `/api/${TINY}`,
        `/api/${TINY}/media`,
        `/api/${TINY}/insights?metric=reach&period=day`,
        `/api/${TINY}/insights?metric=views&period=day`,
      ]) {
        const { calls, result } = await stack.counting(() => stack.get(path));
        statuses.push(result.status);
        expect(calls, path).toBe(1);
        if (result.status === 429) {
          expectGraphError(result.body, 80002);
          // The fake reports 60 minutes until the account is back under its budget.
          expect(result.headers.get('retry-after')).toBe('3600');
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const blocked = await stack.counting(() =>
        stack.get(`/api/${TINY}/insights?metric=accounts_engaged&period=day`),
      );
      expect(blocked.result.status).toBe(429);
      expect(blocked.calls).toBe(0);
      // Already cached answers are still served.
      const cached = await stack.counting(() => stack.get(`/api/${TINY}/media`));
      expect(cached.result.status).toBe(200);
      expect(cached.calls).toBe(0);
      const health = await stack.get('/api/health');
      expect(health.body.usage[TINY]).toMatchObject({
        call_count: 100,
        estimated_time_to_regain_access: 60,
      });
    } finally {
      await limited.close();
    }
  });
});

describe('throttling inside a batch (split=day)', () => {
  it('an entry’s 80002 blocks for as long as its usage figures say, and /api/health shows them', async () => {
    const limited = await startFake({ rateLimits: { callsPerAccount: 3 }, warm: [TINY] });
    try {
      const stack = await startTestStack({ upstream: limited, accountIds: [TINY] });
      stacks.push(stack);
      // Six days: six batch entries against a budget of three calls.
      const path = `/api/${TINY}/insights?metric=views&period=day&since=2026-11-13&until=2026-11-18&split=day`;
      const first = await stack.counting(() => stack.get(path));
      expect(first.calls).toBe(1); // one batch request
      expect(first.result.status).toBe(429);
      expectGraphError(first.result.body, 80002);
      // The fake reports 60 minutes until the account is back under its budget.
      expect(first.result.headers.get('retry-after')).toBe('3600');
      const health = await stack.get('/api/health');
      expect(health.body.usage[TINY]).toMatchObject({
        call_count: 100,
        estimated_time_to_regain_access: 60,
      });
      // Blocked: nothing is asked until then.
      const again = await stack.counting(() =>
        stack.get(`/api/${TINY}/insights?metric=reach&period=day`),
      );
      expect(again.result.status).toBe(429);
      expect(again.calls).toBe(0);
    } finally {
      await limited.close();
    }
  });
});

describe('outages', () => {
  it('with a cached copy: 200 with X-Data-Stale once the copy has expired', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const paths = [
      `/api/${NORTHWIND}/insights?metric=reach&period=day`,
      `/api/${NORTHWIND}/media?limit=5`,
      '/api/accounts',
    ];
    const fresh = [];
    for (const path of paths) fresh.push(await stack.get(path));
    expect(fresh.map((r) => r.status)).toEqual([200, 200, 200]);
    const fetchedAt = upstream.clock.now().toISOString();

    upstream.fake.setFaults({ outage: true });
    // Still fresh: answered from memory, no upstream call, not stale.
    const hit = await stack.counting(() => stack.get(paths[0] as string));
    expect(hit.calls).toBe(0);
    expect(hit.result.headers.get('x-data-stale')).toBeNull();

    upstream.clock.advance(6 * 60_000); // past the 5-minute freshness of recent data and profiles
    for (const [i, path] of paths.entries()) {
      const { calls, result } = await stack.counting(() => stack.get(path));
      expect(result.status, path).toBe(200);
      expect(result.headers.get('x-data-stale'), path).toBe('true');
      expect(result.headers.get('x-data-fetched-at'), path).toBe(fetchedAt);
      expect(result.body, path).toEqual(fresh[i]?.body);
      expect(calls, path).toBeGreaterThanOrEqual(DEFAULT_RETRY.attempts);
      expect(requestLog(stack).at(-1)).toMatchObject({ status: 200, cache: 'stale' });
    }
  });

  it('split=day with cached days: 200 with X-Data-Stale, also when the whole batch fails', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const path = `/api/${NORTHWIND}/insights?metric=views&period=day&since=2026-11-12&until=2026-11-19&split=day`;
    const fresh = await stack.get(path);
    expect(fresh.status).toBe(200);
    const fetchedAt = upstream.clock.now().toISOString();
    upstream.clock.advance(6 * 60_000);
    upstream.fake.setFaults({ outage: true });
    const { calls, result } = await stack.counting(() => stack.get(path));
    expect(result.status).toBe(200);
    expect(result.headers.get('x-data-stale')).toBe('true');
    expect(result.headers.get('x-data-fetched-at')).toBe(fetchedAt);
    expect(result.body).toEqual(fresh.body);
    expect(calls).toBe(DEFAULT_RETRY.attempts);
    // Without copies: 502.
    const none = await stack.counting(() =>
      stack.get(
        `/api/${NORTHWIND}/insights?metric=likes&period=day&since=2026-11-12&until=2026-11-19&split=day`,
      ),
    );
    expect(none.result.status).toBe(502);
    expect(none.calls).toBe(DEFAULT_RETRY.attempts);
  });

  it('split=day while throttled: 429 without an upstream call, expired days still answered', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const path = `/api/${NORTHWIND}/insights?metric=shares&period=day&since=2026-11-14&until=2026-11-19&split=day`;
    expect((await stack.get(path)).status).toBe(200);
    // The two most recent days are kept 5 minutes; older days longer.
    upstream.clock.advance(6 * 60_000);
    upstream.fake.setFaults({ throttle: 'account' });
    const throttled = await stack.counting(() =>
      stack.get(
        `/api/${NORTHWIND}/insights?metric=saves&period=day&since=2026-11-14&until=2026-11-19&split=day`,
      ),
    );
    expect(throttled.result.status).toBe(429);
    expect(Number(throttled.result.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.calls).toBe(1);
    const blocked = await stack.counting(() =>
      stack.get(
        `/api/${NORTHWIND}/insights?metric=replies&period=day&since=2026-11-14&until=2026-11-19&split=day`,
      ),
    );
    expect(blocked.result.status).toBe(429);
    expect(blocked.calls).toBe(0);
    const stale = await stack.counting(() => stack.get(path));
    expect(stale.result.status).toBe(200);
    expect(stale.result.headers.get('x-data-stale')).toBe('true');
    expect(stale.calls).toBe(0);
  });

  it('without a copy: 502 after the retries', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    upstream.fake.setFaults({ outage: true });
    const { calls, result } = await stack.counting(() =>
      stack.get(`/api/${NORTHWIND}/insights?metric=accounts_engaged&period=day`),
    );
    expect(result.status).toBe(502);
    expectGraphError(result.body, 2);
    expect(result.headers.get('x-data-stale')).toBeNull();
    expect(calls).toBe(DEFAULT_RETRY.attempts);
  });
});

it('an upstream slower than the timeout: 504', async () => {
  const stack = await stackFor({ accountIds: [NORTHWIND], config: { upstreamTimeoutMs: 100 } });
  // The account's data is built before the clock starts: only the injected latency is slow.
  expect((await stack.get(`/api/${NORTHWIND}/media?limit=1`)).status).toBe(200);
  upstream.fake.setFaults({ latencyMs: 600 });
  const started = performance.now();
  const { calls, result } = await stack.counting(() =>
    stack.get(`/api/${NORTHWIND}/insights?metric=shares&period=day`),
  );
  expect(result.status).toBe(504);
  expectGraphError(result.body, 2);
  expect(result.body.error.message).toMatch(/did not answer within 0.1 s/);
  expect(calls).toBeGreaterThanOrEqual(1);
  expect(calls).toBeLessThanOrEqual(DEFAULT_RETRY.attempts);
  expect(performance.now() - started).toBeLessThan(3_000);
});

it('every answer in this file carried the security headers and no secret', () => {
  expectSafeAnswers(stacks);
});
