/**
 * `GET /api/batch?path=…&path=…` over real HTTP against the fake Graph API: each path answered as
 * it is alone (status, body, the headers the app reads), in order; the GETs of one account that a
 * batch starts together go to Instagram as one Graph batch request; a malformed batch refused
 * with 400 before anything is asked; asked for `application/x-ndjson`, one line per path as soon as
 * it is ready. Access rules through a batch are in sign-in.test.ts (no
 * session, members) and share-links.test.ts (share viewers).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_PATHS } from '../graph/api-batch';
import { addDays, pacificDayOf } from '../graph/pacific-days';
import { batchRoute } from './api-batch';
import { ApiError } from './api-errors';
import type { ApiEnv } from './api-routes';
import { askBatch, batchUrl } from './testing/other-accounts';
import { sharedFake } from './testing/shared-fake';
import {
  expectGraphError,
  expectSafeAnswers,
  NORTHWIND,
  requestLog,
  type TestStack,
  TINY,
} from './testing/test-stack';

const shared = sharedFake({ warm: [NORTHWIND, TINY] });

/** A proxy of its own (a cold cache) that has already listed its accounts. */
async function coldStack() {
  const stack = await shared.stackFor({ accountIds: [NORTHWIND, TINY] });
  expect((await stack.get('/api/accounts')).status).toBe(200);
  return stack;
}

interface Line {
  index: number;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Milliseconds from the request to the chunk that completed this line. */
  ms: number;
}

/** Reads an answer's lines as they arrive, each with the time it arrived. */
async function readLines(response: Response, started: number): Promise<Line[]> {
  const lines: Line[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
    const ms = performance.now() - started;
    const complete = rest.split('\n');
    rest = complete.pop() ?? '';
    for (const line of complete) lines.push({ ...JSON.parse(line), ms });
  }
  expect(rest).toBe('');
  return lines;
}

/** `paths` as one batch asked for lines, as the app asks it, through real HTTP. */
async function askLines(url: string, paths: readonly string[], cookie: string) {
  const started = performance.now();
  const response = await fetch(`${url}${batchUrl(paths)}`, {
    headers: { cookie, accept: 'application/x-ndjson, application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  const lines = response.ok ? await readLines(response, started) : [];
  return { response, lines };
}

/** Keeps an answer read outside stack.get for the leak and security-header checks at the end. */
function keep(stack: TestStack, path: string, response: Response, lines: Line[]) {
  stack.exchanges.push({
    request: `GET ${path}`,
    status: response.status,
    headers: [...response.headers],
    text: lines.map(({ ms: _, ...line }) => JSON.stringify(line)).join('\n'),
  });
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

describe('/api/batch as lines (application/x-ndjson)', () => {
  const LATENCY = 400;

  it('writes each path as soon as it is answered: one at hand does not wait for a Graph round trip', async () => {
    const stack = await coldStack();
    const paths = [
      `/api/${NORTHWIND}/insights?metric=reach&period=day`,
      '/api/health',
      `/api/${NORTHWIND}/insights?metric=no_such_metric&period=day`,
      '/api/no-such-route',
      `/api/${NORTHWIND}/media?limit=3`,
    ];
    shared.upstream.fake.setFaults({ latencyMs: LATENCY });
    const { response, lines } = await askLines(stack.url, paths, stack.ownerCookie);
    keep(stack, batchUrl(paths), response, lines);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    // Never kept for reuse (no-store would make Chromium report the read stream as aborted).
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    // Every path once; the stream ended (readLines returned) with nothing left over.
    expect(lines.map((l) => l.index).sort()).toEqual([0, 1, 2, 3, 4]);
    const lineOf = (index: number) => lines.find((l) => l.index === index) as Line;
    // The answers at hand (health, and the refusals asked of nobody) before one round trip…
    for (const index of [1, 2, 3]) expect(lineOf(index).ms, paths[index]).toBeLessThan(LATENCY);
    expect(
      lines
        .slice(0, 3)
        .map((l) => l.index)
        .sort(),
    ).toEqual([1, 2, 3]);
    // …the Graph ones after it.
    for (const index of [0, 4]) {
      expect(lineOf(index).status, paths[index]).toBe(200);
      expect(lineOf(index).ms, paths[index]).toBeGreaterThanOrEqual(LATENCY - 20);
    }
    expect(lineOf(2).status).toBe(400);
    expectGraphError(lineOf(2).body, 100);
    expect(lineOf(3).status).toBe(404);
    expectGraphError(lineOf(3).body);

    // Each line is the JSON answer's entry for its path (asked of a cold proxy of its own).
    shared.upstream.fake.setFaults({ latencyMs: 0 });
    const other = await coldStack();
    const json = await other.get(batchUrl(paths));
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json');
    for (const { index, status, headers, body } of lines)
      expect({ status, headers, body }, paths[index]).toEqual(json.body.responses[index]);
  });

  it('refusals before any line stay the 400 and 401 in the Graph error shape', async () => {
    const stack = await coldStack();
    const malformed = await askLines(
      stack.url,
      ['/api/accounts', '/auth/session'],
      stack.ownerCookie,
    );
    expect(malformed.response.status).toBe(400);
    expect(malformed.response.headers.get('content-type')).toMatch(/^application\/json/);
    expectGraphError(await malformed.response.json(), 100);
    const signedOut = await askLines(stack.url, ['/api/accounts', '/api/health'], '');
    expect(signedOut.response.status).toBe(401);
    expectGraphError(await signedOut.response.json(), 190);
  });

  it('a path whose answer fails outright still has its line, a 500 without details, and the stream ends', async () => {
    const app = new Hono<ApiEnv>();
    app.get(
      '/api/batch',
      batchRoute(async (request) => {
        const path = new URL(request.url).pathname;
        if (path === '/api/throws') throw new Error('secret stack detail');
        if (path === '/api/refused')
          throw new ApiError(403, { message: 'No.', type: 'NotAllowed', code: 10 });
        if (path === '/api/breaks')
          return new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"da'));
                controller.error(new Error('broken off'));
              },
            }),
            { headers: { 'content-type': 'application/json' } },
          );
        await new Promise((r) => setTimeout(r, 50));
        return Response.json({ ok: true });
      }),
    );
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const paths = ['/api/slow', '/api/throws', '/api/refused', '/api/breaks'];
      const { response, lines } = await askLines(url, paths, '');
      expect(response.status).toBe(200);
      // The failures at once, in whatever order; the slow one last.
      expect(lines.map((l) => l.index)).toEqual([...lines.slice(0, 3).map((l) => l.index), 0]);
      expect(lines.map((l) => [l.index, l.status]).sort()).toEqual([
        [0, 200],
        [1, 500],
        [2, 500],
        [3, 500],
      ]);
      for (const line of lines.slice(0, 3)) {
        expectGraphError(line.body, 1);
        expect(line.body).toMatchObject({ error: { type: 'ServerError' } });
      }
      expect(JSON.stringify(lines)).not.toMatch(/secret|broken|at .*\.ts/);
    } finally {
      server.close();
    }
  });
});

it('leaks nothing and every answer carries the security headers', () => {
  expectSafeAnswers(shared.stacks);
});
