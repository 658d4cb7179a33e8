/**
 * Hardening, faults: a dashboard session's requests (an account page, a media list and a post)
 * through the proxy while the fake upstream adds latency, fails 20 % of calls transiently, throttles,
 * and goes down completely. The proxy never crashes, retries what is transient, answers in the
 * Graph error shape what it cannot answer, serves its last copy during the outage and says so, and
 * comes back when the upstream does. The page's requests go out at once, as a browser sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, pacificDayOf } from '../graph/pacific-days';
import {
  expectGraphError,
  expectSafeAnswers,
  type FakeUpstream,
  LUMEN,
  NO_FAULTS,
  NORTHWIND,
  type ProxyAnswer,
  startFake,
  startTestStack,
  type TestStack,
} from './testing/test-stack';

let upstream: FakeUpstream;
/** Loads everything once without faults: the answers the faulty runs must match. */
let reference: TestStack;
/** The proxy under faults. */
let stack: TestStack;
const mediaIds = new Map<string, string[]>();

const today = () => pacificDayOf(new Date(upstream.clock.now()));

/**
 * What the account page asks for its default 28 days, and a media list with its posts' insights,
 * for two accounts; fixed when the file starts, so that moving the clock does not change them.
 */
let session: string[] = [];
function sessionRequests(): string[] {
  return session;
}

function buildSession(): string[] {
  const to = addDays(today(), -1);
  const from = addDays(today(), -28);
  const range = `since=${from}&until=${to}`;
  return [NORTHWIND, LUMEN].flatMap((account) => {
    const insights = (q: string) => `/api/${account}/insights?${q}&${range}`;
    return [
      `/api/${account}`,
      insights('metric=reach&period=day&metric_type=time_series'),
      insights('metric=follower_count&period=day&metric_type=time_series'),
      insights(
        'metric=views,total_interactions,likes,comments,shares,saves&metric_type=total_value',
      ),
      insights('metric=reach,accounts_engaged&metric_type=total_value'),
      insights(
        'metric=views,accounts_engaged,total_interactions&metric_type=total_value&split=day',
      ),
      insights('metric=views&metric_type=total_value&breakdown=media_product_type'),
      insights('metric=reach&metric_type=total_value&breakdown=follow_type'),
      insights('metric=follows_and_unfollows&metric_type=total_value&breakdown=follow_type'),
      `/api/${account}/media?limit=12`,
      ...(mediaIds.get(account) ?? []).map((id) => `/api/${id}/insights`),
    ];
  });
}

const allAtOnce = (s: TestStack, paths: string[]) => Promise.all(paths.map((p) => s.get(p)));

const dataOf = (answer: ProxyAnswer) => JSON.stringify(answer.body);

/**
 * Waits until Instagram has been asked nothing for `quietMs`: what a request read ahead for the
 * next one (a post's breakdowns) may still be retrying after its answer went out.
 */
async function upstreamQuiet(quietMs = 1_000, limitMs = 15_000): Promise<void> {
  const started = Date.now();
  let last = upstream.fake.getStats().requests;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() - started > limitMs) throw new Error('Instagram was still being asked');
    await new Promise((r) => setTimeout(r, 50));
    const now = upstream.fake.getStats().requests;
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

beforeAll(async () => {
  upstream = await startFake({ warm: [NORTHWIND, LUMEN] });
  reference = await startTestStack({ upstream });
  stack = await startTestStack({ upstream, retry: { attempts: 4, baseDelayMs: 5 } });
  for (const account of [NORTHWIND, LUMEN]) {
    const list = await reference.get(`/api/${account}/media?limit=12`);
    expect(list.status).toBe(200);
    const ids = (list.body.data as { id: string; media_product_type: string }[])
      .filter((m) => m.media_product_type !== 'STORY')
      .slice(0, 6)
      .map((m) => m.id);
    mediaIds.set(account, ids);
    // The media listing tells the faulty proxy which account each post belongs to.
    expect((await stack.get(`/api/${account}/media?limit=12`)).status).toBe(200);
  }
  session = buildSession();
}, 60_000);

afterAll(async () => {
  upstream?.fake.setFaults(NO_FAULTS);
  await stack?.close();
  await reference?.close();
  await upstream?.close();
});

const expected = new Map<string, string>();

describe('a session through a faulty upstream', () => {
  it('reference: every request of the session answers 200 without faults', async () => {
    const answers = await allAtOnce(reference, sessionRequests());
    sessionRequests().forEach((path, i) => {
      const answer = answers[i] as ProxyAnswer;
      expect(answer.status, path).toBe(200);
      expected.set(path, dataOf(answer));
    });
  });

  it('300 ms latency and 20 % transient errors: retried; what still fails says so, and a retry mends it', async () => {
    upstream.fake.setFaults({ latencyMs: 300, transientErrorRate: 0.2 });
    const paths = sessionRequests();
    const before = upstream.fake.getStats();
    const started = Date.now();
    const answers = await allAtOnce(stack, paths);
    const after = upstream.fake.getStats();
    const failed = after.errors - before.errors;
    // Some calls failed, and were asked again.
    expect(failed).toBeGreaterThan(0);
    expect(after.requests - before.requests).toBeGreaterThan(failed);
    // Nearly every answer is right at once; a call that failed every attempt is a transient 502.
    const retryLater: string[] = [];
    paths.forEach((path, i) => {
      const answer = answers[i] as ProxyAnswer;
      if (answer.status === 200) {
        expect(dataOf(answer), path).toBe(expected.get(path));
        return;
      }
      expect(answer.status, path).toBe(502);
      expectGraphError(answer.body, answer.body.error.code);
      expect(answer.body.error.is_transient, path).toBe(true);
      retryLater.push(path);
    });
    expect(retryLater.length).toBeLessThanOrEqual(Math.ceil(paths.length * 0.2));
    // The latency was there, and the calls ran side by side rather than one after the other.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(20_000);
    // What a card's retry button does: ask again. Cached parts are not asked twice.
    for (let pass = 0; pass < 5 && retryLater.length > 0; pass++) {
      const again = await allAtOnce(stack, retryLater);
      for (let i = again.length - 1; i >= 0; i--) {
        const answer = again[i] as ProxyAnswer;
        const path = retryLater[i] as string;
        if (answer.status !== 200) continue;
        expect(dataOf(answer), path).toBe(expected.get(path));
        retryLater.splice(i, 1);
      }
    }
    expect(retryLater).toEqual([]);
    await upstreamQuiet();
    upstream.fake.setFaults(NO_FAULTS);
  }, 60_000);

  it('a second pass costs no upstream call: everything is cached', async () => {
    upstream.fake.setFaults({ latencyMs: 300, transientErrorRate: 0.2 });
    const { calls, result } = await stack.counting(() => allAtOnce(stack, sessionRequests()));
    expect(calls).toBe(0);
    for (const answer of result) expect(answer.headers.get('x-cache')).toBe('HIT');
    upstream.fake.setFaults(NO_FAULTS);
  });

  it('throttled (80002): cached answers still 200, new ones 429 with Retry-After, one call in all', async () => {
    upstream.fake.setFaults({ throttle: 'account' });
    const cached = await stack.counting(() => allAtOnce(stack, sessionRequests()));
    expect(cached.calls).toBe(0);
    for (const answer of cached.result) expect(answer.status).toBe(200);
    // Ranges the session has not asked: Instagram is asked once, then not while the block lasts.
    const fresh = [7, 14, 60].map(
      (days) =>
        `/api/${NORTHWIND}/insights?metric=reach&period=day&since=${addDays(today(), -days)}&until=${addDays(today(), -2)}`,
    );
    const { calls, result } = await stack.counting(async () => {
      const first = await stack.get(fresh[0] as string);
      return [first, ...(await allAtOnce(stack, fresh.slice(1)))];
    });
    expect(calls).toBe(1);
    for (const answer of result) {
      expect(answer.status).toBe(429);
      expectGraphError(answer.body, 80002);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    upstream.fake.setFaults(NO_FAULTS);
    // The block ends with the time Instagram gave.
    upstream.clock.advance(Number(result[0]?.headers.get('retry-after')) * 1000 + 1_000);
  });

  it('full outage: every expired answer served from its copy with X-Data-Stale, new ones 502', async () => {
    // Past the freshness of recent data (5 min), profiles and lists; settled data keeps 12 h.
    upstream.clock.advance(13 * 3_600_000);
    upstream.fake.setFaults({ outage: true });
    const answers = await allAtOnce(stack, sessionRequests());
    sessionRequests().forEach((path, i) => {
      const answer = answers[i] as ProxyAnswer;
      expect(answer.status, path).toBe(200);
      expect(dataOf(answer), path).toBe(expected.get(path));
      expect(answer.headers.get('x-data-stale'), path).toBe('true');
      expect(Date.parse(answer.headers.get('x-data-fetched-at') ?? ''), path).toBeLessThan(
        upstream.clock.now().getTime(),
      );
    });
    const unseen = await stack.get(
      `/api/${NORTHWIND}/insights?metric=likes&metric_type=total_value&since=${addDays(today(), -5)}&until=${addDays(today(), -1)}`,
    );
    expect(unseen.status).toBe(502);
    expectGraphError(unseen.body, 2);
    expect(unseen.body.error.is_transient).toBe(true);
    // The server itself is fine.
    const health = await stack.get('/api/health');
    expect(health.status).toBe(200);
  }, 30_000);

  it('recovery: fresh answers again, without the stale mark', async () => {
    upstream.fake.setFaults(NO_FAULTS);
    const answers = await allAtOnce(stack, sessionRequests());
    sessionRequests().forEach((path, i) => {
      const answer = answers[i] as ProxyAnswer;
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('x-data-stale'), path).toBeNull();
    });
  });

  it('an upstream slower than the timeout: 504 in the Graph shape, and the server carries on', async () => {
    const slow = await startTestStack({
      upstream,
      config: { upstreamTimeoutMs: 200 },
      retry: { attempts: 2, baseDelayMs: 5 },
    });
    try {
      upstream.fake.setFaults({ latencyMs: 500 });
      const answer = await slow.get(`/api/${NORTHWIND}/media?limit=3`);
      expect(answer.status).toBe(504);
      expectGraphError(answer.body, 2);
      upstream.fake.setFaults(NO_FAULTS);
      // Let the abandoned calls finish before the next test changes faults.
      await new Promise((r) => setTimeout(r, 600));
      expect((await slow.get(`/api/${NORTHWIND}/media?limit=3`)).status).toBe(200);
      expectSafeAnswers([slow]);
    } finally {
      upstream.fake.setFaults(NO_FAULTS);
      await slow.close();
    }
  }, 20_000);
});

it('every answer in this file carried the security headers and no secret', () => {
  expectSafeAnswers([reference, stack]);
});
