/**
 * GraphClient's own batching, against the fake Graph API over real HTTP: concurrent GETs of one
 * token, account and host go out as batch requests of at most 50, never mixing tokens or hosts;
 * a lone GET and a GET marked `alone` stay plain; a busy account gathers more into each call.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { windowForDays } from '../graph/date-windows';
import type { InsightsResponse } from '../graph/graph-types';
import { addDays } from '../graph/pacific-days';
import { ApiError } from './api-errors';
import {
  type GraphCall,
  GraphClient,
  type GraphClientOptions,
  type UpstreamMeter,
} from './graph-client';
import {
  DEFAULT_RETRY,
  type FakeUpstream,
  LUMEN,
  NO_FAULTS,
  NORTHWIND,
  startFake,
} from './testing/test-stack';

let upstream: FakeUpstream;
/** A second Graph host with a token of its own (as graph.instagram.com is for Instagram Login). */
let other: FakeUpstream;

beforeAll(async () => {
  [upstream, other] = await Promise.all([
    startFake({ warm: [NORTHWIND, LUMEN] }),
    startFake({ warm: [LUMEN], token: 'IGQ-other-host-token' }),
  ]);
}, 60_000);
afterEach(() => {
  upstream.fake.setFaults(NO_FAULTS);
  other.fake.setFaults(NO_FAULTS);
});
afterAll(async () => {
  await upstream?.close();
  await other?.close();
});

function clientFor(options: Partial<GraphClientOptions> = {}): GraphClient {
  return new GraphClient({
    baseUrl: upstream.url,
    version: 'v25.0',
    timeoutMs: 10_000,
    concurrencyPerAccount: 4,
    redact: (text) => text,
    retry: DEFAULT_RETRY,
    now: () => upstream.clock.now().getTime(),
    ...options,
  });
}

/** One day's views of an account, `daysAgo` days before the fake's yesterday: one Graph call each. */
function dayCall(daysAgo: number, extra: Partial<GraphCall> = {}): GraphCall {
  const day = addDays('2026-11-19', -daysAgo);
  const w = windowForDays(day, day);
  return {
    path: `${NORTHWIND}/insights`,
    params: {
      metric: 'views',
      period: 'day',
      metric_type: 'total_value',
      since: String(w.since),
      until: String(w.until),
    },
    token: upstream.token,
    accountKey: NORTHWIND,
    ...extra,
  };
}

/** HTTP requests and Graph calls each fake received while `fn` ran. */
async function counting<R>(fn: () => Promise<R>) {
  const before = [upstream.fake.getStats(), other.fake.getStats()];
  const result = await fn();
  const after = [upstream.fake.getStats(), other.fake.getStats()];
  const delta = (i: number) => ({
    requests: (after[i]?.requests ?? 0) - (before[i]?.requests ?? 0),
    calls: (after[i]?.calls ?? 0) - (before[i]?.calls ?? 0),
    batchEntries: (after[i]?.batchEntries ?? 0) - (before[i]?.batchEntries ?? 0),
  });
  return { result, first: delta(0), second: delta(1) };
}

describe('GraphClient gathers concurrent GETs into batch requests', () => {
  it('more than 50 GETs: one batch request per 50, each answer as a plain GET’s', async () => {
    const client = clientFor();
    const meters: UpstreamMeter[] = [];
    const calls = Array.from({ length: 120 }, (_, i) => {
      const meter = { calls: 0 };
      meters.push(meter);
      return dayCall(i, { meter });
    });
    const { result, first } = await counting(() =>
      Promise.all(calls.map((c) => client.get<InsightsResponse>(c))),
    );
    expect(first).toEqual({ requests: Math.ceil(120 / 50), calls: 120, batchEntries: 120 });
    // Each entry is one Graph call on its own meter.
    expect(meters.every((m) => m.calls === 1)).toBe(true);
    // Asked one by one (each alone: plain GETs), the answers are the same.
    const plain = clientFor();
    for (const i of [0, 49, 50, 99, 100, 119]) {
      const single = await counting(() => plain.get<InsightsResponse>(calls[i] as GraphCall));
      expect(single.first).toEqual({ requests: 1, calls: 1, batchEntries: 0 });
      expect(result[i]).toEqual(single.result);
    }
  });

  it('a lone GET, and GETs marked alone, go out as plain GETs', async () => {
    const client = clientFor();
    const lone = await counting(() => client.get(dayCall(0)));
    expect(lone.first).toEqual({ requests: 1, calls: 1, batchEntries: 0 });
    const marked = await counting(() =>
      Promise.all([1, 2, 3].map((i) => client.get(dayCall(i, { alone: true })))),
    );
    expect(marked.first).toEqual({ requests: 3, calls: 3, batchEntries: 0 });
  });

  it('two tokens of one account never share a batch request', async () => {
    const client = clientFor();
    const { result, first } = await counting(() =>
      Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          client.get(dayCall(i, i % 2 ? { token: 'EAAB-a-token-the-fake-refuses' } : {})).then(
            () => 'ok',
            (error: unknown) => (error instanceof ApiError ? error.status : 'thrown'),
          ),
        ),
      ),
    );
    // One batch per token: sent with the configured token, the refused one's entries would pass.
    expect(first.requests).toBe(2);
    expect(result).toEqual(['ok', 401, 'ok', 401, 'ok', 401]);
  });

  it('two accounts, each with its own token and host: one batch request to each host', async () => {
    const client = clientFor({
      hostFor: (token) => (token === other.token ? other.url : undefined),
    });
    const lumen = (i: number): GraphCall => ({
      ...dayCall(i),
      path: `${LUMEN}/insights`,
      token: other.token,
      accountKey: LUMEN,
    });
    const { result, first, second } = await counting(() =>
      Promise.all(Array.from({ length: 8 }, (_, i) => client.get(i % 2 ? lumen(i) : dayCall(i)))),
    );
    expect(result).toHaveLength(8);
    expect(first).toEqual({ requests: 1, calls: 4, batchEntries: 4 });
    expect(second).toEqual({ requests: 1, calls: 4, batchEntries: 4 });
  });

  it('while the account’s slots are busy, GETs wait and the freed slot takes them all at once', async () => {
    const client = clientFor({ concurrencyPerAccount: 1 });
    upstream.fake.setFaults({ latencyMs: 200 });
    const { result, first } = await counting(async () => {
      const busy = client.get(dayCall(0));
      // GETs started over several turns of the event loop while the only slot is taken.
      const later: Promise<unknown>[] = [];
      for (let i = 1; i <= 10; i++) {
        await new Promise((r) => setTimeout(r, 5));
        later.push(client.get(dayCall(i)));
      }
      return Promise.all([busy, ...later]);
    });
    expect(result).toHaveLength(11);
    expect(first).toEqual({ requests: 2, calls: 11, batchEntries: 10 });
  });
});
