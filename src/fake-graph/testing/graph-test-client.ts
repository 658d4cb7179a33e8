/**
 * Helpers shared by the fake Graph API's tests: a small client that calls the Graph host with the
 * real `fetch` (intercepted by msw, or sent to a real port), the demo account ids, the seed's
 * example responses, and assertions for Graph error bodies.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect } from 'vitest';
import type { FakeGraph } from '../fake-graph';
import { DEFAULT_FAKE_GRAPH_TOKEN } from '../fake-graph';
import { fakeGraphHandlers } from '../msw-handlers';

export const GRAPH = 'https://graph.facebook.com';
export const TOKEN = DEFAULT_FAKE_GRAPH_TOKEN;

/** The demo world's five Instagram accounts. */
export const NORTHWIND = '17841405822304914';
export const LUMEN = '17841400118305523';
export const TINY = '17841452007713306';
export const HARBOR = '17841463390127748';
export const MESA = '17841470045218861';
export const ALL_ACCOUNTS = [NORTHWIND, LUMEN, TINY, HARBOR, MESA] as const;
export const LARGER_ACCOUNTS = [NORTHWIND, LUMEN, HARBOR, MESA] as const;

/** A fixed clock: 2026-11-20 12:00 in Los Angeles (winter time, after the November DST change). */
export const WINTER_NOW = '2026-11-20T20:00:00Z';
/** A fixed clock in summer time: 2026-07-15 13:00 in Los Angeles. */
export const SUMMER_NOW = '2026-07-15T20:00:00Z';

export const fixedClock = (iso: string) => {
  const instant = new Date(iso);
  return () => new Date(instant);
};

/** A Graph answer's JSON, read loosely the way a client reads it (tests assert its shape). */
// biome-ignore lint/suspicious/noExplicitAny: tests walk Graph answers of many shapes
export type Json = any;

export interface GraphAnswer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  /** `null` sends no token at all. */
  token?: string | null;
  base?: string;
  init?: RequestInit;
}

/**
 * `GET {base}/{pathAndQuery}` with the token as `access_token` query parameter. `pathAndQuery`
 * starts with the version (`v25.0/...`) or is a full URL (paging links).
 */
export async function graph<T = Json>(
  pathAndQuery: string,
  options: CallOptions = {},
): Promise<GraphAnswer<T>> {
  const url = new URL(
    /^https?:/.test(pathAndQuery)
      ? pathAndQuery
      : `${options.base ?? GRAPH}/${pathAndQuery.replace(/^\//, '')}`,
  );
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null && !url.searchParams.has('access_token'))
    url.searchParams.set('access_token', token);
  const response = await fetch(url, options.init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** `POST {base}/{version}/` with a batch, form-encoded as the Graph API expects. */
export function graphBatch(
  entries: unknown[],
  options: { version?: string; base?: string; token?: string; includeHeaders?: boolean } = {},
): Promise<GraphAnswer> {
  const form = new URLSearchParams({
    access_token: options.token ?? TOKEN,
    batch: JSON.stringify(entries),
    ...(options.includeHeaders === false ? { include_headers: 'false' } : {}),
  });
  return graph(`${options.version ?? 'v25.0'}/`, {
    base: options.base ?? GRAPH,
    token: null,
    init: {
      method: 'POST',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
  });
}

/**
 * One msw server per test file. `serveFake(fake)` makes it answer for that fake (call it in the
 * `beforeAll` of each group that uses another fake).
 */
export function setupMswGraph() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  return {
    server,
    serveFake(fake: FakeGraph) {
      server.resetHandlers(...fakeGraphHandlers(fake));
    },
  };
}

export interface ExpectedGraphError {
  status: number;
  code: number;
  type?: string;
  message: string | RegExp;
  error_subcode?: number;
  error_user_title?: string;
  is_transient?: boolean;
}

/** Asserts a Graph error answer: status, exact fields, and a fbtrace_id that is also a header. */
export function expectGraphError(answer: GraphAnswer, expected: ExpectedGraphError): void {
  expect(answer.status).toBe(expected.status);
  const error = answer.body?.error;
  expect(error, JSON.stringify(answer.body)).toBeTypeOf('object');
  expect(error.code).toBe(expected.code);
  expect(error.type).toBe(expected.type ?? 'OAuthException');
  if (typeof expected.message === 'string') expect(error.message).toBe(expected.message);
  else expect(error.message).toMatch(expected.message);
  if (expected.error_subcode === undefined) expect(error).not.toHaveProperty('error_subcode');
  else expect(error.error_subcode).toBe(expected.error_subcode);
  if (expected.error_user_title !== undefined)
    expect(error.error_user_title).toBe(expected.error_user_title);
  if (expected.is_transient !== undefined) expect(error.is_transient).toBe(expected.is_transient);
  expect(error.fbtrace_id).toMatch(/^\S{6,}$/);
  expect(answer.headers.get('x-fb-trace-id')).toBe(error.fbtrace_id);
}

/** The list of account metrics a v22+ version names in its `metric[i] must be one of` message. */
export const V22_ACCOUNT_METRICS =
  'reach, follower_count, online_followers, views, accounts_engaged, total_interactions, likes, comments, shares, saves, replies, reposts, profile_views, website_clicks, profile_links_taps, follows_and_unfollows, follower_demographics, engaged_audience_demographics, reached_audience_demographics';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * A seed example response: from `../shared/seed/` beside the clone when it is there (CI), else the
 * copy kept next to this file.
 */
export function loadSeedExample(
  name: 'example-user-insights.json' | 'example-media-insights.json',
): {
  source: 'shared' | 'fixture';
  json: Json;
} {
  const shared = path.resolve(repoRoot, '../shared/seed', name);
  if (existsSync(shared))
    return { source: 'shared', json: JSON.parse(readFileSync(shared, 'utf8')) };
  const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), name);
  return { source: 'fixture', json: JSON.parse(readFileSync(fixture, 'utf8')) };
}

export function loadFixtureCopy(name: string): unknown {
  return JSON.parse(
    readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), name), 'utf8'),
  );
}

/**
 * The shape of a JSON value with key order kept: numbers become `<number>`, strings stay (titles,
 * descriptions and dates are part of the contract). Compare with `JSON.stringify` to check order.
 */
export function skeleton(value: unknown): unknown {
  if (typeof value === 'number') return '<number>';
  if (Array.isArray(value)) return value.map(skeleton);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = skeleton(v);
    return out;
  }
  return value;
}

/** Every key path of a JSON value, in document order (`data[0].values[1].end_time`, ...). */
export function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${prefix}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => {
      const p = prefix ? `${prefix}.${k}` : k;
      return [p, ...keyPaths(v, p)];
    });
  return [];
}

export const parseJsonHeader = (headers: Headers, name: string): Json => {
  const value = headers.get(name);
  expect(value, `header ${name}`).not.toBeNull();
  return JSON.parse(value as string);
};
