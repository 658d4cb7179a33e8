/**
 * `GET /api/batch?path=…&path=…` over real HTTP against the fake Graph API: each path answered as
 * it is alone (status, body, the headers the app reads), in order; the GETs of one account that a
 * batch starts together go to Instagram as one Graph batch request; a malformed batch refused
 * with 400 before anything is asked. Access rules through a batch are in sign-in.test.ts (no
 * session, members) and share-links.test.ts (share viewers).
 */
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_PATHS } from '../graph/api-batch';
import { addDays, pacificDayOf } from '../graph/pacific-days';
import { askBatch, batchUrl } from './testing/other-accounts';
import { sharedFake } from './testing/shared-fake';
import {
  expectGraphError,
  expectSafeAnswers,
  NORTHWIND,
  requestLog,
  TINY,
} from './testing/test-stack';

const shared = sharedFake({ warm: [NORTHWIND, TINY] });

/** A proxy of its own (a cold cache) that has already listed its accounts. */
async function coldStack() {
  const stack = await shared.stackFor({ accountIds: [NORTHWIND, TINY] });
  expect((await stack.get('/api/accounts')).status).toBe(200);
  return stack;
}

describe('/api/batch', () => {
  it('answers each path as it answers alone, in order, with the headers the app reads', async () => {
    const stack = await coldStack();
    const today = pacificDayOf(stack.clock.now());
    const paths = [
      '/api/accounts',
      `/api/${NORTHWIND}`,
      `/api/${NORTHWIND}?fields=id,username`,
      `/api/${NORTHWIND}/media?limit=5`,
      `/api/${NORTHWIND}/media?limit=3&insights=lifetime`,
      `/api/${NORTHWIND}/stories`,
      `/api/${NORTHWIND}/insights?metric=reach&period=day`,
      `/api/${TINY}/insights?metric=reach,views&period=day&metric_type=total_value&since=${addDays(today, -7)}&until=${addDays(today, -1)}`,
      `/api/${NORTHWIND}/history`,
      '/api/users',
      '/api/shares',
      // Refusals of every kind keep theirs.
      `/api/${NORTHWIND}/insights?metric=no_such_metric&period=day`,
      `/api/${NORTHWIND}?foo=1`,
      '/api/no-such-route',
      `/api/${NORTHWIND}/stored/follower_count`,
    ];
    const outcome = await askBatch(stack, paths, stack.ownerCookie);
    if (!('entries' in outcome)) throw new Error('the batch was refused');
    expect(outcome.entries.map((e) => e.status)).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 400, 400, 404, 200,
    ]);
    for (const entry of outcome.entries.slice(0, 8)) {
      expect(entry.headers['content-type'], entry.path).toMatch(/^application\/json/);
      expect(entry.headers['x-cache'], entry.path).toMatch(/^(HIT|MISS|COALESCED)$/);
    }
    for (const entry of outcome.entries.slice(11, 14)) expectGraphError(entry.body);
  });

  it('one Graph request for the GETs of one account that a batch starts together', async () => {
    const stack = await coldStack();
    const today = pacificDayOf(stack.clock.now());
    const window = `since=${addDays(today, -14)}&until=${addDays(today, -1)}`;
    const paths = [
      `/api/${NORTHWIND}/insights?metric=reach&period=day&${window}`,
      `/api/${NORTHWIND}/insights?metric=views&period=day&metric_type=total_value&${window}`,
      `/api/${NORTHWIND}/insights?metric=views&period=day&metric_type=total_value&breakdown=media_product_type&${window}`,
      `/api/${NORTHWIND}/insights?metric=follows_and_unfollows&period=day&metric_type=total_value&breakdown=follow_type&${window}`,
    ];
    const { calls, graphCalls, result } = await stack.counting(() => stack.get(batchUrl(paths)));
    expect(result.status).toBe(200);
    expect(result.body.responses.map((r: { status: number }) => r.status)).toEqual([
      200, 200, 200, 200,
    ]);
    // Four Graph calls, in one HTTP request.
    expect(graphCalls).toBe(4);
    expect(calls).toBe(1);
    // Alone, the same four (cached now) cost nothing; cold, one call each.
    const again = await stack.counting(() => Promise.all(paths.map((p) => stack.get(p))));
    expect(again.calls).toBe(0);
    const other = await coldStack();
    const alone = await other.counting(() => Promise.all(paths.map((p) => other.get(p))));
    expect(alone.graphCalls).toBe(4);
    expect(alone.result.map((r) => r.body)).toEqual(
      result.body.responses.map((r: { body: unknown }) => r.body),
    );
  });

  it('an answer from an expired copy keeps X-Data-Stale and X-Data-Fetched-At; a throttled one Retry-After', async () => {
    const stack = await coldStack();
    const insights = `/api/${NORTHWIND}/insights?metric=reach&period=day`;
    const fresh = await stack.get(insights);
    const fetchedAt = stack.clock.now().toISOString();
    shared.upstream.fake.setFaults({ outage: true });
    stack.clock.advance(6 * 60_000);
    const stale = await stack.get(batchUrl([insights, `/api/${NORTHWIND}`]));
    expect(stale.status).toBe(200);
    const [entry] = stale.body.responses;
    expect(entry).toEqual({
      status: 200,
      headers: {
        'content-type': 'application/json',
        'x-cache': 'STALE',
        'x-data-stale': 'true',
        'x-data-fetched-at': fetchedAt,
      },
      body: fresh.body,
    });

    shared.upstream.fake.setFaults({ outage: false, throttle: 'account' });
    const throttled = await stack.get(
      batchUrl([
        `/api/${NORTHWIND}/insights?metric=views&period=day`,
        `/api/${NORTHWIND}/media?limit=2`,
      ]),
    );
    for (const r of throttled.body.responses) {
      expect(r.status).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expectGraphError(r.body, 80002);
    }
  });

  it('refuses a malformed batch with 400 in the Graph error shape, saying what to change, asking nothing', async () => {
    const stack = await coldStack();
    const many = Array.from({ length: MAX_BATCH_PATHS + 1 }, () => '/api/accounts');
    const cases: [string, RegExp][] = [
      ['/api/batch', /Give the GETs to answer as path parameters/],
      [`/api/batch?path=/api/accounts&fields=id`, /Unknown parameter "fields" for \/api\/batch/],
      [batchUrl(many), /at most 50 paths and this one has 51: split it/],
      [batchUrl(['/api/accounts', '']), /path 2 of the batch \(""\) is not a path of this server/],
      [batchUrl(['https://evil.example/api/accounts']), /path 1 .* is not a path of this server/],
      [batchUrl(['//evil.example/api/accounts']), /is not a path of this server/],
      [batchUrl(['/auth/session']), /is not a path of this server under \/api\//],
      [batchUrl([`/api/${NORTHWIND}/../../auth/session`]), /no "\.\.", "\." or percent-encoding/],
      [batchUrl([`/api/${NORTHWIND}/%2e%2e/${TINY}`]), /percent-encoding/],
      [batchUrl([`/api/${NORTHWIND}%2Fmedia`]), /percent-encoding/],
      [batchUrl([`/api//${NORTHWIND}`]), /between single slashes/],
      [batchUrl([`/api/${NORTHWIND}\\media`]), /remove backslashes/],
      [batchUrl([`/api\\${NORTHWIND}`]), /is not a path of this server under/],
      [batchUrl([batchUrl(['/api/accounts'])]), /is a batch itself/],
      [batchUrl([`/api/${NORTHWIND}/picture`]), /is a picture, which is not JSON/],
      [batchUrl([`/api/${NORTHWIND}?access_token=EAAB-forged`, '/api/accounts/']), /path 2 /],
    ];
    const { calls } = await stack.counting(async () => {
      for (const [url, message] of cases) {
        const answer = await stack.get(url);
        expect(answer.status, url).toBe(400);
        expectGraphError(answer.body, 100);
        expect(answer.body.error.message, url).toMatch(message);
        expect(answer.text).not.toContain('access_token');
      }
    });
    expect(calls).toBe(0);
  });

  it('GET only, like every /api route', async () => {
    const stack = await coldStack();
    const answer = await stack.get(batchUrl(['/api/accounts']), { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
    expectGraphError(answer.body);
  });

  it('the request log has a line for the batch and one for each of its paths', async () => {
    const stack = await coldStack();
    const before = requestLog(stack).length;
    await stack.get(batchUrl(['/api/accounts', `/api/${NORTHWIND}/media?limit=2`]));
    const lines = requestLog(stack).slice(before);
    expect(lines.map((l) => [l.path, l.status]).sort()).toEqual(
      [
        ['/api/accounts', 200],
        [`/api/${NORTHWIND}/media?limit=2`, 200],
        [batchUrl(['/api/accounts', `/api/${NORTHWIND}/media?limit=2`]), 200],
      ].sort(),
    );
  });
});

it('leaks nothing and every answer carries the security headers', () => {
  expectSafeAnswers(shared.stacks);
});
