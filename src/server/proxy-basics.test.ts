/**
 * What every answer of the proxy carries (security headers), /api/health, and the request log:
 * one JSON line per /api request with its method, path, status, time, cache use and upstream calls.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dayOfEndTime, pacificDayOf } from '../graph/pacific-days';
import { loadConfig } from './config';
import { startServer } from './start-server';
import {
  ALL_DEMO_ACCOUNTS,
  expectSafeAnswers,
  type FakeUpstream,
  FIXED_NOW,
  missingSecurityHeaders,
  NO_FAULTS,
  NORTHWIND,
  requestLog,
  startFake,
  startTestStack,
  type TestStack,
  TINY,
} from './testing/test-stack';

let upstream: FakeUpstream;
const stacks: TestStack[] = [];
let distDir: string;

async function stackFor(options: Parameters<typeof startTestStack>[0] = {}) {
  const stack = await startTestStack({ upstream, ...options });
  stacks.push(stack);
  return stack;
}

beforeAll(async () => {
  upstream = await startFake({ warm: [NORTHWIND, TINY] });
  distDir = mkdtempSync(join(tmpdir(), 'proxy-dist-'));
  mkdirSync(join(distDir, 'assets'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Insights</title>');
  writeFileSync(join(distDir, 'assets', 'app-1234.js'), 'console.log(1);');
}, 30_000);

afterEach(() => {
  upstream.fake.setFaults(NO_FAULTS);
  upstream.clock.set(FIXED_NOW);
});

afterAll(async () => {
  for (const s of stacks) await s.close();
  await upstream?.close();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

describe('security headers', () => {
  it('on every answer: data, errors of each kind, /api/health, pictures and the app', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND, TINY], distDir });
    const paths: [string, number, RequestInit?][] = [
      ['/api/health', 200],
      ['/api/accounts', 200],
      [`/api/${NORTHWIND}/insights?metric=reach&period=day`, 200],
      [`/api/${NORTHWIND}/picture`, 200],
      [`/api/${NORTHWIND}/insights?metric=bogus`, 400],
      [`/api/${NORTHWIND}/nothing`, 404],
      ['/api/17841400118305523/media', 403],
      ['/api/health', 405, { method: 'POST' }],
      ['/', 200],
      ['/some/client/route', 200],
      ['/assets/app-1234.js', 200],
      ['/missing.png', 404],
    ];
    for (const [path, status, init] of paths) {
      const answer = await stack.get(path, init);
      expect(answer.status, path).toBe(status);
    }
    upstream.fake.setFaults({ outage: true });
    expect((await stack.get(`/api/${TINY}/insights?metric=views&period=day`)).status).toBe(502);
    upstream.fake.setFaults({ outage: false, throttle: 'account' });
    expect((await stack.get(`/api/${TINY}/insights?metric=likes&period=day`)).status).toBe(429);

    expect(stack.exchanges).toHaveLength(paths.length + 2);
    expect(missingSecurityHeaders(stack)).toEqual([]);
    for (const e of stack.exchanges) {
      const headers = new Headers(e.headers);
      expect(headers.get('x-frame-options'), e.request).toBe('DENY');
      expect(headers.get('referrer-policy'), e.request).toBe('no-referrer');
      expect(headers.get('content-security-policy'), e.request).toContain("object-src 'none'");
    }
    // Errors are never cached by the browser.
    for (const e of stack.exchanges.filter((x) => x.status >= 400 && x.request.includes('/api/')))
      expect(new Headers(e.headers).get('cache-control'), e.request).toBe('no-store');
  });
});

describe('the app', () => {
  it('is served on / and on client routes with the server mode in the page, never stored (live mode: signed-in pages)', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND, TINY], distDir });
    for (const path of ['/', '/index.html', '/accounts/123/media']) {
      const page = await stack.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toMatch(
        /^<!doctype html><meta name="dashboard-mode" content="live" \/>/,
      );
      expect(page.text, path).toContain('<title>Insights</title>');
      expect(new Headers(page.headers).get('cache-control'), path).toBe('no-store');
    }
  });
});

describe('/api/health', () => {
  it('reports the mode, the Graph version and Instagram’s usage figures, without upstream calls', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const before = await stack.counting(() => stack.get('/api/health'));
    expect(before.calls).toBe(0);
    expect(before.result.body).toMatchObject({
      status: 'ok',
      mode: 'live',
      graphApiVersion: 'v25.0',
      usage: {},
    });
    await stack.get(`/api/${NORTHWIND}/insights?metric=reach&period=day`);
    await stack.get(`/api/${NORTHWIND}/media?limit=2`);
    const after = await stack.counting(() => stack.get('/api/health'));
    expect(after.calls).toBe(0);
    expect(after.result.status).toBe(200);
    expect(after.result.body).toMatchObject({
      status: 'ok',
      mode: 'live',
      graphApiVersion: 'v25.0',
      cacheEntries: expect.any(Number),
      usage: {
        [NORTHWIND]: {
          type: 'instagram',
          call_count: expect.any(Number),
          total_time: expect.any(Number),
          total_cputime: expect.any(Number),
          estimated_time_to_regain_access: expect.any(Number),
          updatedAt: FIXED_NOW.replace('Z', '.000Z'),
        },
      },
      appUsage: { call_count: expect.any(Number) },
    });
    expect(after.result.body.cacheEntries).toBeGreaterThanOrEqual(2);
    // The figures are those of X-Business-Use-Case-Usage on the last answer for the account.
    const direct = await fetch(
      `${upstream.url}/v25.0/${NORTHWIND}?fields=id&access_token=${upstream.token}`,
    );
    await direct.text();
    const figures = JSON.parse(direct.headers.get('x-business-use-case-usage') ?? '{}');
    expect(after.result.body.usage[NORTHWIND].call_count).toBeLessThanOrEqual(
      figures[NORTHWIND][0].call_count,
    );
  });
});

describe('request log', () => {
  it('one JSON line per /api request: method, path, status, ms, cache and upstream calls', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const requests: [string, RequestInit?][] = [
      ['/api/health'],
      [`/api/${NORTHWIND}/insights?metric=reach&period=day`],
      [`/api/${NORTHWIND}/insights?metric=reach&period=day`],
      [`/api/${NORTHWIND}/insights?metric=reach&period=day&since=2026-07-01&until=2026-09-30`],
      [`/api/${NORTHWIND}/insights?metric=bogus`],
      [`/api/${NORTHWIND}/insights?metric=reach&access_token=abc123`],
      [`/api/${NORTHWIND}/media`, { method: 'DELETE' }],
      ['/api/nowhere/at/all'],
      ['/not-api'],
    ];
    const calls: number[] = [];
    const httpCalls: number[] = [];
    for (const [path, init] of requests) {
      const counted = await stack.counting(() => stack.get(path, init));
      calls.push(counted.graphCalls);
      httpCalls.push(counted.calls);
    }
    const log = requestLog(stack);
    // Not for /not-api: only /api requests are logged.
    expect(log).toHaveLength(requests.length - 1);
    expect(stack.logs).toHaveLength(requests.length - 1);
    for (const line of stack.logs) expect(() => JSON.parse(line)).not.toThrow();
    for (const entry of log) {
      expect(Object.keys(entry).sort()).toEqual(
        ['cache', 'method', 'ms', 'path', 'status', 'upstream'].sort(),
      );
      expect(Number.isInteger(entry.ms) && entry.ms >= 0).toBe(true);
      expect(['hit', 'miss', 'stale', 'coalesced', 'none']).toContain(entry.cache);
    }
    expect(log.map((l) => [l.method, l.status, l.cache])).toEqual([
      ['GET', 200, 'none'],
      ['GET', 200, 'miss'],
      ['GET', 200, 'hit'],
      ['GET', 200, 'miss'],
      ['GET', 400, 'none'],
      ['GET', 400, 'none'],
      ['DELETE', 405, 'none'],
      ['GET', 404, 'none'],
    ]);
    // The upstream figure is the Graph calls the request made.
    expect(log.map((l) => l.upstream)).toEqual(calls.slice(0, -1));
    expect(log[3]?.upstream).toBe(4);
    // Its four windows went out together, as one batch request.
    expect(httpCalls[3]).toBe(1);
    expect(log[1]?.path).toBe(`/api/${NORTHWIND}/insights?metric=reach&period=day`);
    expect(log[5]?.path).toBe(`/api/${NORTHWIND}/insights?metric=reach&access_token=[redacted]`);
  });

  it('stale answers and retries are logged as such', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const path = `/api/${NORTHWIND}/insights?metric=reach&period=day`;
    await stack.get(path);
    upstream.clock.advance(6 * 60_000);
    upstream.fake.setFaults({ outage: true });
    await stack.get(path);
    expect(requestLog(stack).map((l) => [l.status, l.cache, l.upstream])).toEqual([
      [200, 'miss', 1],
      [200, 'stale', 3],
    ]);
  });

  it('concurrent identical requests are logged as one miss and the rest coalesced', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND, TINY] });
    upstream.fake.setFaults({ latencyMs: 600 });
    for (const path of [
      `/api/${TINY}/insights?metric=views&period=day&since=2026-10-01&until=2026-10-20`,
      '/api/accounts',
    ]) {
      const from = requestLog(stack).length;
      const { calls, result } = await stack.counting(() =>
        Promise.all(Array.from({ length: 10 }, () => stack.get(path))),
      );
      expect(result.every((r) => r.status === 200)).toBe(true);
      const log = requestLog(stack).slice(from);
      expect(log.map((l) => l.cache).sort(), path).toEqual([
        'coalesced',
        'coalesced',
        'coalesced',
        'coalesced',
        'coalesced',
        'coalesced',
        'coalesced',
        'coalesced',
        'coalesced',
        'miss',
      ]);
      expect(log.reduce((n, l) => n + l.upstream, 0)).toBe(calls);
    }
  });

  it('LOG_REQUESTS=false: no request lines', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND], config: { logRequests: false } });
    await stack.get('/api/health');
    await stack.get(`/api/${NORTHWIND}/insights?metric=bogus`);
    expect(stack.logs).toEqual([]);
  });
});

describe('demo mode', () => {
  it('without a token the server starts its own fake Graph API and says so in /api/health', async () => {
    const lines: string[] = [];
    const server = await startServer(loadConfig({ PORT: '0' }), { log: (l) => lines.push(l) });
    try {
      expect(server.mode).toBe('demo');
      expect(server.fake).toBeDefined();
      const health = await fetch(`${server.url}/api/health`, {
        signal: AbortSignal.timeout(10_000),
      });
      expect(await health.json()).toMatchObject({
        status: 'ok',
        mode: 'demo',
        // The default: the newest version the metric catalogue has been checked against.
        graphApiVersion: 'v26.0',
      });
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      const accounts = await fetch(`${server.url}/api/accounts`, {
        signal: AbortSignal.timeout(10_000),
      });
      expect(accounts.status).toBe(200);
      const body = (await accounts.json()) as { data: { id: string }[] };
      expect(body.data.map((a) => a.id)).toEqual(ALL_DEMO_ACCOUNTS);
      expect(lines.map((l) => JSON.parse(l).status)).toEqual([200, 200]);
    } finally {
      await server.close();
    }
  });

  it('TEST_NOW moves the server, its demo and the page it serves to that day together', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'insights-dist-'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html><head></head><body></body></html>',
    );
    // 00:30 on New Year's Day in Los Angeles: already 08:30 UTC, and still 31 December nowhere.
    const pinned = '2027-01-01T00:30:00-08:00';
    const server = await startServer(loadConfig({ PORT: '0', TEST_NOW: pinned }), {
      log: () => {},
      distDir: dist,
    });
    try {
      const get = (path: string) =>
        fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) });
      expect(await (await get('/api/health')).json()).toMatchObject({ today: '2027-01-01' });
      const page = await (await get('/')).text();
      expect(page).toContain(
        `<meta name="dashboard-now" content="${new Date(pinned).toISOString()}" />`,
      );
      // The demo's last complete day is 31 December 2026, labelled with the day it covers.
      const insights = await get(
        `/api/${NORTHWIND}/insights?metric=reach&period=day&since=2026-12-30&until=2026-12-31`,
      );
      const body = (await insights.json()) as {
        data: { values: { end_time: string }[] }[];
      };
      expect(body.data[0]?.values.map((v) => dayOfEndTime(v.end_time))).toEqual([
        '2026-12-30',
        '2026-12-31',
      ]);
      const tomorrow = await get(
        `/api/${NORTHWIND}/insights?metric=reach&period=day&since=2027-01-02&until=2027-01-02`,
      );
      expect(tomorrow.status).toBe(400);
    } finally {
      await server.close();
    }
  });

  it('without TEST_NOW the page carries no pinned instant', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'insights-dist-'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html><head></head><body></body></html>',
    );
    const server = await startServer(loadConfig({ PORT: '0' }), { log: () => {}, distDir: dist });
    try {
      const page = await (await fetch(`${server.url}/`)).text();
      expect(page).toContain('<meta name="dashboard-mode" content="demo" />');
      expect(page).not.toContain('dashboard-now');
      const before = pacificDayOf(new Date());
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { today: string };
      expect([before, pacificDayOf(new Date())]).toContain(health.today);
    } finally {
      await server.close();
    }
  });
});

it('every answer in this file carried the security headers and no secret', () => {
  expectSafeAnswers(stacks);
});
