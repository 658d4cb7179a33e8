/**
 * Concurrent GETs of one account go out as Graph batch requests, across the browser's requests:
 * against the fake Graph API over real HTTP, a page's requests cost one HTTP call, every answer
 * and error as if asked alone, throttling as before, and one round trip of latency, not three.
 */
import { describe, expect, it } from 'vitest';
import { sharedFake } from './testing/shared-fake';
import {
  DEFAULT_RETRY,
  expectGraphError,
  NORTHWIND,
  requestLog,
  startFake,
  startTestStack,
  type TestStack,
  TINY,
} from './testing/test-stack';

const shared = sharedFake({ warm: [NORTHWIND] });

/** A proxy of its own (a cold cache) that has already listed its accounts. */
async function coldStack(): Promise<TestStack> {
  const stack = await shared.stackFor({ accountIds: [NORTHWIND] });
  expect((await stack.get('/api/accounts')).status).toBe(200);
  return stack;
}

/**
 * The paths asked at once, counted. Connections are opened first, so that the requests reach the
 * proxy together, as concurrent requests over open keep-alive connections do (new connections
 * would come in one per turn of the event loop).
 */
async function atOnce(stack: TestStack, paths: readonly string[]) {
  await Promise.all(paths.map(() => stack.get('/api/health')));
  return stack.counting(() => Promise.all(paths.map((path) => stack.get(path))));
}

const range = 'since=2026-10-22&until=2026-11-18';
const insights = (query: string, id = NORTHWIND) => `/api/${id}/insights?${query}&${range}`;
/** Twelve different insights requests of one account, each one Graph call of one 28-day window. */
const TWELVE = [
  'metric=reach&period=day&metric_type=time_series',
  'metric=views&metric_type=total_value',
  'metric=accounts_engaged&metric_type=total_value',
  'metric=total_interactions&metric_type=total_value',
  'metric=likes&metric_type=total_value',
  'metric=comments&metric_type=total_value',
  'metric=shares&metric_type=total_value',
  'metric=saves&metric_type=total_value',
  'metric=replies&metric_type=total_value',
  'metric=profile_views&metric_type=total_value',
  'metric=website_clicks&metric_type=total_value',
  'metric=views&metric_type=total_value&breakdown=media_product_type',
].map((query) => insights(query));

/** Each path on a cold proxy of its own, one after the other: the answer it gets alone. */
async function alone(paths: readonly string[]) {
  const stack = await coldStack();
  const answers = [];
  for (const path of paths) {
    const single = await stack.counting(() => stack.get(path));
    answers.push(single.result);
  }
  return answers;
}

describe('concurrent GETs of one account', () => {
  it('twelve different insights requests: one HTTP call of twelve Graph calls, each answer as alone', async () => {
    const stack = await coldStack();
    const { calls, graphCalls, result } = await atOnce(stack, TWELVE);
    expect(calls).toBe(1);
    expect(graphCalls).toBe(12);
    expect(shared.upstream.fake.getStats().batchEntries).toBeGreaterThanOrEqual(12);
    // Each request's log line counts its own Graph call.
    const log = requestLog(stack).slice(-12);
    expect(log.map((l) => [l.status, l.cache, l.upstream])).toEqual(
      TWELVE.map(() => [200, 'miss', 1]),
    );
    const single = await alone(TWELVE);
    for (const [i, path] of TWELVE.entries()) {
      expect(result[i]?.status, path).toBe(200);
      expect(result[i]?.text, path).toBe(single[i]?.text);
    }
  });

  it('a metric Instagram refuses fails only its own request, with the error it gets alone', async () => {
    shared.upstream.fake.setFaults({ retiredMetrics: ['account:replies'] });
    const stack = await coldStack();
    const { calls, result } = await atOnce(stack, TWELVE);
    expect(calls).toBe(1);
    const single = await alone(TWELVE);
    for (const [i, path] of TWELVE.entries()) {
      const refused = path.includes('metric=replies&');
      expect(result[i]?.status, path).toBe(refused ? 422 : 200);
      expect(result[i]?.text, path).toBe(single[i]?.text);
    }
    expect(result[8]?.body.error.message).toMatch(/no longer provides replies/);
  });

  it('one call failing upstream fails only its request, after its own retries', async () => {
    shared.upstream.fake.setFaults({ failingCalls: [{ match: 'metric=likes&' }] });
    const stack = await coldStack();
    const { calls, graphCalls, result } = await atOnce(stack, TWELVE);
    // The batch, then the failing entry asked again alone until its attempts are spent.
    expect(calls).toBe(1 + DEFAULT_RETRY.attempts - 1);
    expect(graphCalls).toBe(12 + DEFAULT_RETRY.attempts - 1);
    for (const [i, path] of TWELVE.entries()) {
      if (!path.includes('metric=likes&')) {
        expect(result[i]?.status, path).toBe(200);
        continue;
      }
      expect(result[i]?.status).toBe(502);
      expectGraphError(result[i]?.body, 2);
      expect(result[i]?.body.error.type).toBe('UpstreamUnavailable');
      // Alone it fails the same way, in as many calls.
      const single = await stack.counting(() => stack.get(path));
      expect(single.result.status).toBe(502);
      expect(single.calls).toBe(DEFAULT_RETRY.attempts);
      expect({ ...single.result.body.error, fbtrace_id: '' }).toEqual({
        ...result[i]?.body.error,
        fbtrace_id: '',
      });
    }
    expect(requestLog(stack).find((l) => l.path.includes('metric=likes&'))?.upstream).toBe(
      DEFAULT_RETRY.attempts,
    );
  });

  it('a call failing once is asked again alone and answers as if nothing happened', async () => {
    shared.upstream.fake.setFaults({ failingCalls: [{ match: 'metric=likes&', times: 1 }] });
    const stack = await coldStack();
    const { calls, result } = await atOnce(stack, TWELVE);
    expect(calls).toBe(2);
    const single = await alone(TWELVE);
    for (const [i, path] of TWELVE.entries()) {
      expect(result[i]?.status, path).toBe(200);
      expect(result[i]?.text, path).toBe(single[i]?.text);
    }
  });

  it('a batch that fails as a whole fails each request as it would fail alone', async () => {
    const stack = await coldStack();
    shared.upstream.fake.setFaults({ outage: true });
    const paths = TWELVE.slice(0, 3);
    const { calls, graphCalls, result } = await atOnce(stack, paths);
    // The batch is retried as a whole, as a GET is.
    expect(calls).toBe(DEFAULT_RETRY.attempts);
    expect(graphCalls).toBe(0);
    for (const r of result) {
      expect(r.status).toBe(502);
      expectGraphError(r.body, 2);
    }
    const single = await stack.counting(() => stack.get(paths[0] as string));
    expect(single.calls).toBe(DEFAULT_RETRY.attempts);
    expect(single.result.status).toBe(502);
    expect(single.result.body.error.type).toBe(result[0]?.body.error.type);
  });

  it('a cold account view settles in about one round trip of the upstream’s latency, not three', async () => {
    const latencyMs = 400;
    const stack = await coldStack();
    const within = 'since=2026-10-23&until=2026-11-19';
    // The 28-day account page's insights requests (its profile is known from the account list).
    const view = [
      `metric=reach&period=day&metric_type=time_series&${within}`,
      `metric=follower_count&period=day&${within}`,
      `metric=views,accounts_engaged,total_interactions,profile_views,website_clicks&metric_type=total_value&split=day&${within}`,
      `metric=views,total_interactions,likes,comments,shares,saves&metric_type=total_value&${within}`,
      `metric=reach,accounts_engaged&metric_type=total_value&${within}`,
      `metric=views,total_interactions&metric_type=total_value&breakdown=media_product_type&${within}`,
      `metric=views,follows_and_unfollows&metric_type=total_value&breakdown=follow_type&${within}`,
      `metric=reach&metric_type=total_value&breakdown=follow_type&${within}`,
      `metric=profile_links_taps&metric_type=total_value&breakdown=contact_button_type&${within}`,
    ].map((query) => `/api/${NORTHWIND}/insights?${query}`);
    await Promise.all(view.map(() => stack.get('/api/health')));
    shared.upstream.fake.setFaults({ latencyMs });
    const started = performance.now();
    const { calls, graphCalls, result } = await stack.counting(() =>
      Promise.all(view.map((path) => stack.get(path))),
    );
    const elapsed = performance.now() - started;
    for (const [i, r] of result.entries()) expect(r.status, view[i]).toBe(200);
    // Eight GETs and 28 days: one batch request of the GETs, one of the days (each GET alone,
    // four at a time, would take two more round trips).
    expect(graphCalls).toBe(8 + 28);
    expect(calls).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(latencyMs);
    expect(elapsed).toBeLessThan(2.5 * latencyMs);
  });
});

describe('throttling inside a gathered batch', () => {
  it('an entry’s 80002 fails its own request and blocks the account, as before', async () => {
    const limited = await startFake({ rateLimits: { callsPerAccount: 3 }, warm: [TINY] });
    try {
      const stack = await startTestStack({ upstream: limited, accountIds: [TINY] });
      expect((await stack.get('/api/accounts')).status).toBe(200);
      // The account's budget starts afresh: three calls.
      limited.fake.resetStats();
      const paths = TWELVE.slice(1, 7).map((p) => p.replace(NORTHWIND, TINY));
      const { calls, graphCalls, result } = await atOnce(stack, paths);
      expect(calls).toBe(1);
      expect(graphCalls).toBe(6);
      const statuses = result.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3);
      for (const r of result.filter((r) => r.status === 429)) {
        expectGraphError(r.body, 80002);
        // The fake reports 60 minutes until the account is back under its budget.
        expect(r.headers.get('retry-after')).toBe('3600');
      }
      // Blocked: nothing is asked until then.
      const again = await stack.counting(() =>
        stack.get(insights('metric=reach&period=day', TINY)),
      );
      expect(again.result.status).toBe(429);
      expect(again.calls).toBe(0);
      await stack.close();
    } finally {
      await limited.close();
    }
  });
});
