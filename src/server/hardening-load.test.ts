/**
 * Hardening, load: 100 concurrent clients for 20 seconds on a mix of routes (profiles, lists,
 * account and media insights over several ranges, pictures, and requests the proxy refuses),
 * against the proxy in a process of its own so that its memory can be read. Starting with an empty
 * cache, the whole load costs no more Graph calls than one client asking each thing once; no
 * request fails unexpectedly; the server's memory stays under a stated bound; nothing it sends or
 * logs carries the token. Everything on 127.0.0.1, bounded in time.
 */
import autocannon from 'autocannon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, pacificDayOf } from '../graph/pacific-days';
import { clockFromEnv } from './clock';
import { type ForkedStack, forkStack } from './testing/fork-stack';
import {
  expectSafeAnswers,
  type FakeUpstream,
  LUMEN,
  NORTHWIND,
  SECRET_TOKEN,
  startFake,
  startTestStack,
  TINY,
} from './testing/test-stack';

const CONNECTIONS = 100;
const SECONDS = 20;
/** The bounds this test holds the server to. */
const MAX_RSS_MB = 300;
const MAX_HEAP_MB = 200;

/** The real clock (or TEST_NOW's): the proxy in its own process reads the same. */
const realClock = { now: clockFromEnv(), set: () => {}, advance: () => {} };

let upstream: FakeUpstream;
let proxy: ForkedStack;
/** The proxy's request log, checked as it streams; only a short tail is kept. */
let logTail = '';
let logBytes = 0;
let logLeaks = 0;

beforeAll(async () => {
  upstream = await startFake({ clock: realClock, warm: [NORTHWIND, LUMEN, TINY] });
  proxy = await forkStack(
    { graphBaseUrl: upstream.url, token: SECRET_TOKEN, logRequests: true },
    {
      onStdout: (chunk) => {
        logBytes += chunk.length;
        // The token may straddle two chunks: look at the end of the last one too.
        const window = logTail + chunk;
        logLeaks += window.split(SECRET_TOKEN).length - 1;
        logTail = window.slice(-(SECRET_TOKEN.length - 1));
      },
    },
  );
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

interface MixEntry {
  path: string;
  method?: string;
  /** The statuses this request may get. */
  ok: number[];
}

/** A dashboard's worth of requests, and some the proxy must refuse. */
function mix(mediaIds: string[]): MixEntry[] {
  const today = pacificDayOf(realClock.now());
  const range = (days: number) => `since=${addDays(today, -days)}&until=${addDays(today, -1)}`;
  const entries: MixEntry[] = [
    { path: '/api/health', ok: [200] },
    { path: '/api/accounts', ok: [200] },
  ];
  for (const account of [NORTHWIND, LUMEN, TINY]) {
    entries.push(
      { path: `/api/${account}`, ok: [200] },
      { path: `/api/${account}/media?limit=12`, ok: [200] },
      { path: `/api/${account}/stories`, ok: [200] },
      { path: `/api/${account}/picture`, ok: [200] },
    );
    for (const days of [7, 28, 90]) {
      entries.push(
        { path: `/api/${account}/insights?metric=reach&period=day&${range(days)}`, ok: [200] },
        {
          path: `/api/${account}/insights?metric=views,likes,comments&metric_type=total_value&${range(days)}`,
          // The small account has under 100 followers: some metrics answer 422, by design.
          ok: account === TINY ? [200, 422] : [200],
        },
      );
    }
    entries.push({
      path: `/api/${account}/insights?metric=views,total_interactions&metric_type=total_value&split=day&${range(14)}`,
      ok: account === TINY ? [200, 422] : [200],
    });
  }
  for (const id of mediaIds) {
    entries.push(
      { path: `/api/${id}/insights`, ok: [200, 422] },
      { path: `/api/${id}/picture?size=thumbnail`, ok: [200] },
    );
  }
  entries.push(
    { path: `/api/${NORTHWIND}/insights?metric=bogus`, ok: [400] },
    { path: `/api/${NORTHWIND}/insights?metric=reach&access_token=x`, ok: [400] },
    { path: '/api/me/accounts', ok: [404] },
    { path: `/api/${NORTHWIND}/media`, method: 'POST', ok: [405] },
  );
  return entries;
}

it(`${CONNECTIONS} clients for ${SECONDS} s: no unexpected answer, memory bounded, Graph calls bounded by the cache`, async () => {
  // The posts a person would open come from the lists, which are asked first (as the app does).
  const mediaIds: string[] = [];
  for (const account of [NORTHWIND, LUMEN]) {
    const list = await fetch(`${proxy.proxyUrl}/api/${account}/media?limit=12`, {
      headers: { cookie: proxy.sessionCookie },
    });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { id: string }[] };
    mediaIds.push(...body.data.slice(0, 6).map((m) => m.id));
  }
  const entries = mix(mediaIds);
  const before = upstream.fake.getStats();

  const unexpected: string[] = [];
  let bodiesWithToken = 0;
  let answers = 0;
  const memory: NodeJS.MemoryUsage[] = [];
  const sampler = setInterval(() => {
    proxy.memory().then(
      (m) => memory.push(m),
      () => {},
    );
  }, 500);
  /** Socket-level errors (resets, timeouts), with their messages. */
  const requestErrors: string[] = [];
  let result: autocannon.Result;
  try {
    result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: proxy.proxyUrl,
          // Signed in as the stack's owner, from the dashboard's own origin.
          headers: { cookie: proxy.sessionCookie, origin: proxy.proxyUrl },
          connections: CONNECTIONS,
          duration: SECONDS,
          timeout: 10,
          requests: entries.map((entry) => ({
            method: (entry.method ?? 'GET') as 'GET',
            path: entry.path,
            onResponse: (status: number, body: string, _context: unknown, headers?: object) => {
              answers++;
              if (!entry.ok.includes(status) && unexpected.length < 20)
                unexpected.push(`${status} ${entry.method ?? 'GET'} ${entry.path}`);
              if (
                body?.includes(SECRET_TOKEN) ||
                JSON.stringify(headers ?? {}).includes(SECRET_TOKEN)
              )
                bodiesWithToken++;
            },
          })),
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on('reqError', (error: Error) => {
        if (requestErrors.length < 20) requestErrors.push(String(error?.message ?? error));
      });
    });
  } finally {
    clearInterval(sampler);
  }
  const after = upstream.fake.getStats();
  memory.push(await proxy.memory());

  // Load actually happened, and nothing went wrong.
  expect(proxy.alive()).toBe(true);
  expect(result.requests.total).toBeGreaterThan(CONNECTIONS * SECONDS);
  expect(answers).toBeGreaterThan(CONNECTIONS * SECONDS);
  expect(requestErrors).toEqual([]);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(unexpected).toEqual([]);
  expect((await fetch(`${proxy.proxyUrl}/api/health`)).status).toBe(200);

  // Memory of the server process.
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  const maxRss = Math.max(...memory.map((m) => m.rss));
  const maxHeap = Math.max(...memory.map((m) => m.heapUsed));
  console.log(
    `load: ${result.requests.total} requests (${Math.round(result.requests.average)}/s), p99 ${result.latency.p99} ms, ` +
      `server RSS max ${mb(maxRss)} MB, heap max ${mb(maxHeap)} MB, ` +
      `${after.requests - before.requests} Graph requests, log ${mb(logBytes)} MB`,
  );
  expect(memory.length).toBeGreaterThan(SECONDS);
  expect(mb(maxRss)).toBeLessThan(MAX_RSS_MB);
  expect(mb(maxHeap)).toBeLessThan(MAX_HEAP_MB);

  // Graph calls: no more than one client asking each thing once, in the same order, needs.
  const reference = await startTestStack({ upstream, proxyTokens: [SECRET_TOKEN] });
  try {
    const start = upstream.fake.getStats();
    for (const account of [NORTHWIND, LUMEN]) await reference.get(`/api/${account}/media?limit=12`);
    const primed = upstream.fake.getStats();
    for (const entry of entries) await reference.get(entry.path, { method: entry.method ?? 'GET' });
    const once = upstream.fake.getStats();
    const loadCalls = after.requests - before.requests;
    const singlePass = once.requests - primed.requests;
    console.log(
      `Graph requests: ${loadCalls} under load, ${singlePass} for one pass (priming ${primed.requests - start.requests})`,
    );
    expect(loadCalls).toBeLessThanOrEqual(singlePass);
    expect(after.calls - before.calls).toBeLessThanOrEqual(once.calls - primed.calls);
    expectSafeAnswers([reference]);
  } finally {
    await reference.close();
  }

  // Secrets: not in any answer, nor in the log.
  expect(bodiesWithToken).toBe(0);
  expect(logBytes).toBeGreaterThan(0);
  expect(logLeaks).toBe(0);
}, 90_000);
