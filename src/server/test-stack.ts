/**
 * The proxy and the fake Graph API, both listening on 127.0.0.1 over real HTTP, for the server's
 * integration tests. Every answer the proxy gives (status, headers, body) and every log line it
 * writes is kept, so a test file can check that no secret ever left the server.
 */
import type { Faults } from '../fake-graph/fake-graph';
import { type FakeGraphServer, startFakeGraphServer } from '../fake-graph/fake-graph-server';
import type { RateLimitOptions } from '../fake-graph/rate-limits';
import type { ServerConfig } from './config';
import { type RunningServer, startServer } from './start-server';

/** A recognisable secret: it must never appear in anything the proxy sends or logs. */
export const SECRET_TOKEN = 'EAAB-test-SECRET-token-123';

/** The demo world's Instagram accounts (see src/fake-graph/demo-data/demo-accounts.ts). */
export const NORTHWIND = '17841405822304914';
export const LUMEN = '17841400118305523';
export const TINY = '17841452007713306';

/** 2026-11-20 12:00 in Los Angeles (winter time, after the November DST change). */
export const FIXED_NOW = '2026-11-20T20:00:00Z';

/** A clock the tests move by hand; the fake and the proxy read the same one. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(iso: string = FIXED_NOW): TestClock {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t),
    set: (next) => {
      t = Date.parse(next);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface ProxyAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** One exchange with the proxy, as a test saw it. */
export interface Exchange {
  request: string;
  status: number;
  headers: [string, string][];
  text: string;
}

export interface StackOptions {
  /** The token the fake accepts (default SECRET_TOKEN). */
  fakeToken?: string;
  /** The tokens the proxy is configured with (default [SECRET_TOKEN]). */
  proxyTokens?: string[];
  accountIds?: string[];
  clock?: TestClock;
  faults?: Partial<Faults>;
  rateLimits?: Partial<RateLimitOptions>;
  config?: Partial<ServerConfig>;
  retry?: { attempts: number; baseDelayMs: number };
}

export interface TestStack {
  /** The proxy's origin, e.g. http://127.0.0.1:40123 */
  url: string;
  fakeServer: FakeGraphServer;
  fake: FakeGraphServer['fake'];
  proxy: RunningServer;
  clock: TestClock;
  config: ServerConfig;
  /** The proxy's log lines. */
  logs: string[];
  /** Every answer received through get()/request(). */
  exchanges: Exchange[];
  /** The secrets this stack was configured with. */
  secrets: string[];
  /** HTTP requests the fake has received so far. */
  upstream(): number;
  /** `GET {proxy}{path}` */
  get<T = any>(path: string, init?: RequestInit): Promise<ProxyAnswer<T>>;
  /** The upstream calls a function caused, and its result. */
  counting<R>(fn: () => Promise<R>): Promise<{ calls: number; result: R }>;
  close(): Promise<void>;
}

export const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 5 };

export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  const clock = options.clock ?? testClock();
  const fakeToken = options.fakeToken ?? SECRET_TOKEN;
  const proxyTokens = options.proxyTokens ?? [SECRET_TOKEN];
  const fakeServer = await startFakeGraphServer({
    port: 0,
    host: '127.0.0.1',
    token: fakeToken,
    now: clock.now,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    mode: 'live',
    tokens: proxyTokens,
    graphBaseUrl: fakeServer.url,
    graphVersion: 'v25.0',
    ...(options.accountIds ? { accountIds: options.accountIds } : {}),
    cacheMaxEntries: 5_000,
    upstreamTimeoutMs: 5_000,
    concurrencyPerAccount: 4,
    logRequests: true,
    ...options.config,
  };
  const logs: string[] = [];
  let proxy: RunningServer;
  try {
    proxy = await startServer(config, {
      log: (line) => logs.push(line),
      retry: options.retry ?? DEFAULT_RETRY,
      now: clock.now,
    });
  } catch (error) {
    await fakeServer.close();
    throw error;
  }
  const exchanges: Exchange[] = [];
  const upstream = () => fakeServer.fake.getStats().requests;
  const get = async <T>(path: string, init?: RequestInit): Promise<ProxyAnswer<T>> => {
    const response = await fetch(`${proxy.url}${path}`, {
      ...init,
      signal: init?.signal ?? AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    exchanges.push({
      request: `${init?.method ?? 'GET'} ${path}`,
      status: response.status,
      headers: [...response.headers],
      text,
    });
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: body as T, text };
  };
  return {
    url: proxy.url,
    fakeServer,
    fake: fakeServer.fake,
    proxy,
    clock,
    config,
    logs,
    exchanges,
    secrets: [...new Set([fakeToken, ...proxyTokens])],
    upstream,
    get,
    counting: async (fn) => {
      const before = upstream();
      const result = await fn();
      return { calls: upstream() - before, result };
    },
    close: async () => {
      await proxy.close();
      await fakeServer.close();
    },
  };
}

/** Everything a stack's tests saw leave the proxy, one string per answer or log line. */
export function transcript(stack: TestStack): string[] {
  return [
    ...stack.exchanges.map(
      (e) =>
        `${e.request} -> ${e.status}\n${e.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${e.text}`,
    ),
    ...stack.logs,
  ];
}

/** The places in a stack's transcript where one of its secrets (or any access_token value) shows. */
export function leaks(stack: TestStack): string[] {
  const found: string[] = [];
  for (const text of transcript(stack)) {
    for (const secret of stack.secrets) {
      for (const form of [secret, encodeURIComponent(secret), `access_token=${secret}`])
        if (text.includes(form)) found.push(`${secret} in: ${text.slice(0, 300)}`);
    }
    const tokenParam = /access_token=(?!\[redacted\])[^&"'\s<>]+/i.exec(text);
    if (tokenParam) found.push(`${tokenParam[0]} in: ${text.slice(0, 300)}`);
  }
  return found;
}
