/**
 * The proxy and the fake Graph API, both listening on 127.0.0.1 over real HTTP, for the server's
 * integration tests. Every answer the proxy gives (status, headers, body) and every log line it
 * writes is kept, so a test file can check that no secret ever left the server and that every
 * answer carried the security headers.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Faults } from '../../fake-graph/fake-graph';
import { type FakeGraphServer, startFakeGraphServer } from '../../fake-graph/fake-graph-server';
import type { RateLimitOptions } from '../../fake-graph/rate-limits';
import type { ServerConfig } from '../config';
import { type RunningServer, startServer } from '../start-server';

/** A recognisable secret: it must never appear in anything the proxy sends or logs. */
export const SECRET_TOKEN = 'EAAB-test-SECRET-token-123';

/** The demo world's Instagram accounts (see src/fake-graph/demo-data/demo-accounts.ts). */
export const NORTHWIND = '17841405822304914';
export const LUMEN = '17841400118305523';
/** The small account: under 100 followers, and quick for the fake to build. */
export const TINY = '17841452007713306';
export const HARBOR = '17841463390127748';
export const MESA = '17841470045218861';
/** Every demo account, in the order `/me/accounts` lists them. */
export const ALL_DEMO_ACCOUNTS = [NORTHWIND, LUMEN, TINY, HARBOR, MESA];

/** 2026-11-20 12:00 in Los Angeles (winter time, after the November DST change). */
export const FIXED_NOW = '2026-11-20T20:00:00Z';

export const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 5 };

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  transientErrorRate: 0,
  throttle: 'off',
  outage: false,
  retiredMetrics: [],
  failingCalls: [],
};

/** A clock the tests move by hand; the fake and the proxy read the same one. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

function testClock(iso: string = FIXED_NOW): TestClock {
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

/** A running fake Graph API that several proxies may share (the fake's demo data is slow to build). */
export interface FakeUpstream {
  server: FakeGraphServer;
  fake: FakeGraphServer['fake'];
  url: string;
  token: string;
  clock: TestClock;
  /** HTTP requests the fake has received so far. */
  requests(): number;
  close(): Promise<void>;
}

export interface FakeOptions {
  /** The token the fake accepts (default SECRET_TOKEN). */
  token?: string;
  clock?: TestClock;
  faults?: Partial<Faults>;
  rateLimits?: Partial<RateLimitOptions>;
  /**
   * Accounts whose demo history is built before the fake answers (default: all). Building takes
   * about a second per large account and blocks the event loop, so it is done here rather than
   * inside a request the proxy is timing.
   */
  warm?: readonly string[];
}

export async function startFake(options: FakeOptions = {}): Promise<FakeUpstream> {
  const clock = options.clock ?? testClock();
  const token = options.token ?? SECRET_TOKEN;
  const server = await startFakeGraphServer({
    port: 0,
    host: '127.0.0.1',
    token,
    now: clock.now,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const { data } = server.fake;
  for (const id of options.warm ?? data.accounts.map((a) => a.id)) data.model(id, clock.now());
  if (!options.warm) data.findMedia('0', clock.now());
  return {
    server,
    fake: server.fake,
    url: server.url,
    token,
    clock,
    requests: () => server.fake.getStats().requests,
    close: () => server.close(),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests walk Graph answers of many shapes
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

export interface StackOptions extends FakeOptions {
  /** A fake to use (and leave running on close); otherwise the stack starts its own. */
  upstream?: FakeUpstream;
  /** The tokens the proxy is configured with (default: the fake's token). */
  proxyTokens?: string[];
  accountIds?: string[];
  config?: Partial<ServerConfig>;
  retry?: { attempts: number; baseDelayMs: number };
  /** A built app to serve next to /api. */
  distDir?: string;
  /** Requests through get() carry the session of an owner made for the stack (default true). */
  signedIn?: boolean;
  /** No owner is made: the store has no user, as on a first start (ownerCookie is then empty). */
  ownerless?: boolean;
}

/** Low scrypt cost: tests sign in often; the server's own default is OWASP's. */
export const TEST_PASSWORD_COST = { logN: 10, r: 8, p: 1 };

export interface TestStack {
  /** The proxy's origin, e.g. http://127.0.0.1:40123 */
  url: string;
  upstream: FakeUpstream;
  fake: FakeGraphServer['fake'];
  proxy: RunningServer;
  clock: TestClock;
  config: ServerConfig;
  /** The proxy's log lines. */
  logs: string[];
  /** Every answer received through get(). */
  exchanges: Exchange[];
  /** The secrets this stack was configured with. */
  secrets: string[];
  /** `{method} {proxy}{path}`, with a 10 s bound. */
  // biome-ignore lint/suspicious/noExplicitAny: tests walk Graph answers of many shapes
  get<T = any>(path: string, init?: RequestInit): Promise<ProxyAnswer<T>>;
  /** The session cookie of the stack's owner (sent by get() unless signedIn was false). */
  ownerCookie: string;
  /** A new user with a session; returns the Cookie header value that signs in as them. */
  cookieFor(user: { email: string; role: 'owner' | 'member'; accounts?: 'all' | string[] }): string;
  /**
   * The upstream HTTP requests a function caused (a batch request is one), the Graph calls they
   * carried (each batch entry is one, as the rate limit counts them), and its result.
   */
  counting<R>(fn: () => Promise<R>): Promise<{ calls: number; graphCalls: number; result: R }>;
  close(): Promise<void>;
}

export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  const ownFake = !options.upstream;
  const upstream = options.upstream ?? (await startFake(options));
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    mode: 'live',
    tokens: options.proxyTokens ?? [upstream.token],
    graphBaseUrl: upstream.url,
    graphVersion: 'v25.0',
    ...(options.accountIds ? { accountIds: options.accountIds } : {}),
    cacheMaxEntries: 5_000,
    upstreamTimeoutMs: 15_000,
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
      now: upstream.clock.now,
      passwordCost: TEST_PASSWORD_COST,
      ...(options.distDir ? { distDir: options.distDir } : {}),
    });
  } catch (error) {
    if (ownFake) await upstream.close();
    throw error;
  }
  const exchanges: Exchange[] = [];
  const cookieName = config.publicUrl?.startsWith('https://') ? '__Host-session' : 'session';
  const cookieFor = (user: {
    email: string;
    role: 'owner' | 'member';
    accounts?: 'all' | string[];
  }) => {
    const made = proxy.auth.users.create({
      id: randomUUID(),
      ...user,
      createdAt: upstream.clock.now(),
    });
    return `${cookieName}=${proxy.auth.startSession(made.id)}`;
  };
  const ownerCookie = options.ownerless
    ? ''
    : cookieFor({ email: `owner-${randomUUID()}@example.com`, role: 'owner' });
  const get = async <T>(path: string, init?: RequestInit): Promise<ProxyAnswer<T>> => {
    // As the dashboard's page would send it: the owner's cookie, and its Origin on a change.
    const headers = new Headers(init?.headers);
    if (options.signedIn !== false && ownerCookie && !headers.has('cookie'))
      headers.set('cookie', ownerCookie);
    const method = init?.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin'))
      headers.set('origin', config.publicUrl ?? proxy.url);
    const response = await fetch(`${proxy.url}${path}`, {
      ...init,
      headers,
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
    upstream,
    fake: upstream.fake,
    proxy,
    clock: upstream.clock,
    config,
    logs,
    exchanges,
    secrets: [...new Set([upstream.token, ...config.tokens])],
    get,
    ownerCookie,
    cookieFor,
    counting: async (fn) => {
      const before = upstream.fake.getStats();
      const result = await fn();
      const after = upstream.fake.getStats();
      return {
        calls: after.requests - before.requests,
        graphCalls: after.calls - before.calls,
        result,
      };
    },
    close: async () => {
      await proxy.close();
      if (ownFake) await upstream.close();
    },
  };
}

/**
 * Everything that left the proxy in a stack's tests, one string per answer (status, headers, body)
 * or log line. The request paths the tests sent are not part of it.
 */
export function transcript(stack: TestStack): string[] {
  return [
    ...stack.exchanges.map(
      (e) => `${e.status}\n${e.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${e.text}`,
    ),
    ...stack.logs,
  ];
}

/** The places in a stack's transcript where one of its secrets, or any access_token value, shows. */
export function leaks(stack: TestStack): string[] {
  const found: string[] = [];
  for (const text of transcript(stack)) {
    for (const secret of stack.secrets) {
      for (const form of [secret, encodeURIComponent(secret), `access_token=${secret}`])
        if (text.includes(form)) found.push(`${form} in: ${text.slice(0, 300)}`);
    }
    // A log line cut at 300 characters may end inside the marker ("access_token=[reda"): not a value.
    const tokenParam =
      /access_token=(?!\[redacted\])(?!\[(?:r(?:e(?:d(?:a(?:c(?:t(?:e(?:d)?)?)?)?)?)?)?)?(?:["\s]|$))[^&"'\s<>]+/i.exec(
        text,
      );
    if (tokenParam) found.push(`${tokenParam[0]} in: ${text.slice(0, 300)}`);
  }
  return found;
}

/** Answers that lack a security header: CSP default-src 'self' and frame-ancestors 'none', nosniff. */
export function missingSecurityHeaders(stack: TestStack): string[] {
  const missing: string[] = [];
  for (const e of stack.exchanges) {
    const headers = new Headers(e.headers);
    const csp = headers.get('content-security-policy') ?? '';
    const problems = [
      !/(^|;)\s*default-src 'self'\s*(;|$)/.test(csp) && "default-src 'self'",
      !/(^|;)\s*frame-ancestors 'none'\s*(;|$)/.test(csp) && "frame-ancestors 'none'",
      headers.get('x-content-type-options') !== 'nosniff' && 'nosniff',
    ].filter(Boolean);
    if (problems.length) missing.push(`${e.request} -> ${e.status}: ${problems.join(', ')}`);
  }
  return missing;
}

/** The checks every test file runs on all its stacks when it ends. */
export function expectSafeAnswers(stacks: readonly TestStack[]): void {
  for (const stack of stacks) {
    expect(stack.exchanges.length + stack.logs.length).toBeGreaterThan(0);
    expect(leaks(stack)).toEqual([]);
    expect(missingSecurityHeaders(stack)).toEqual([]);
  }
}

/** The proxy's request log, parsed (other lines, such as error reports, are left out). */
export function requestLog(stack: TestStack): {
  method: string;
  path: string;
  status: number;
  ms: number;
  cache: string;
  upstream: number;
}[] {
  return stack.logs.map((line) => JSON.parse(line)).filter((entry) => 'method' in entry);
}

/** A Graph-shaped error body: `{error: {message, type, code}}`. */
export function expectGraphError(body: unknown, code?: number): void {
  expect(body).toMatchObject({
    error: { message: expect.any(String), type: expect.any(String), code: expect.any(Number) },
  });
  if (code !== undefined) expect((body as { error: { code: number } }).error.code).toBe(code);
}
