/**
 * The history backfill against the fake Graph API over real HTTP, on the fake's clock: it stores
 * every settled day of five demo accounts within its share of the rate-limit budget, newest first,
 * resumes after a crash without asking a stored day again, and re-checks the newest settled days
 * once a week, recording revisions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  HISTORY_TOTAL_METRICS,
  newestSettledDay,
  oldestGraphDay,
  RECHECK_DAYS,
  settledGraphDays,
} from '../graph/account-history';
import { addDays, daysBetween, type IsoDay, pacificDayOf } from '../graph/pacific-days';
import { AccountDirectory } from './account-directory';
import { type GraphCall, GraphClient } from './graph-client';
import { HistoryBackfill } from './history-backfill';
import { createRedactor } from './redact';
import { ResponseCache } from './response-cache';
import { InsightsStore } from './store/insights-store';
import {
  ALL_DEMO_ACCOUNTS,
  type FakeUpstream,
  LUMEN,
  NORTHWIND,
  startFake,
} from './testing/test-stack';

const HOUR = 3_600_000;
/** Per account and hour: 3,200 calls, so a whole backfill (about 2,200 entries) needs three hours at 25 %. */
const CALLS_PER_ACCOUNT = 3_200;

let upstream: FakeUpstream;
let dir: string;

beforeAll(async () => {
  upstream = await startFake({ rateLimits: { callsPerAccount: CALLS_PER_ACCOUNT } });
}, 60_000);
afterAll(() => upstream?.close());
afterEach(() => {
  upstream.fake.rateLimiter.reset();
  upstream.fake.faults.outage = false;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface World {
  store: InsightsStore;
  backfill: HistoryBackfill;
  client: GraphClient;
  /** Every question the backfill sent, as `account kind first..last`. */
  asked: string[];
  /** The highest usage figure Graph reported after each batch. */
  usageSeen: number[];
  logs: string[];
}

/** A backfill over a store in `dir`, as start-server makes it; `failAfter` batches, it crashes. */
function world(
  options: {
    budgetShare?: number;
    accounts?: string[];
    failAfter?: number;
    retentionDays?: number;
  } = {},
): World {
  const store = InsightsStore.open(join(dir, 'insights.sqlite'));
  const redact = createRedactor(() => [upstream.token]);
  const client = new GraphClient({
    baseUrl: upstream.url,
    version: 'v25.0',
    timeoutMs: 10_000,
    concurrencyPerAccount: 4,
    redact,
    retry: { attempts: 3, baseDelayMs: 5 },
    now: () => upstream.clock.now().getTime(),
  });
  const cache = new ResponseCache(5_000, () => upstream.clock.now().getTime());
  const accounts = options.accounts ?? ALL_DEMO_ACCOUNTS;
  const directory = new AccountDirectory(client, cache, [upstream.token], accounts);
  const asked: string[] = [];
  const usageSeen: number[] = [];
  const logs: string[] = [];
  let batches = 0;
  const batch = client.batch.bind(client);
  client.batch = (async (calls: GraphCall[]) => {
    if (options.failAfter !== undefined && batches >= options.failAfter)
      throw new Error('the process was killed');
    batches++;
    for (const call of calls) {
      // Account days only: posts' snapshots are asked by post, on their own schedule.
      if (call.path !== `${call.accountKey}/insights`) continue;
      const first = pacificDayOf(Number(call.params.since) * 1000);
      const last = pacificDayOf(Number(call.params.until) * 1000 - 1);
      const kind = call.params.breakdown
        ? `${call.params.metric_type}:${call.params.breakdown}`
        : call.params.metric_type;
      asked.push(`${call.accountKey} ${kind} ${first}..${last}`);
    }
    const results = await batch(calls);
    for (const id of accounts) {
      const u = client.usage.get(id);
      if (u) usageSeen.push(Math.max(u.call_count ?? 0, u.total_time ?? 0, u.total_cputime ?? 0));
    }
    return results;
  }) as GraphClient['batch'];
  const backfill = new HistoryBackfill({
    history: store.history,
    client,
    directory,
    now: upstream.clock.now,
    log: (line) => logs.push(line),
    redact,
    budgetShare: options.budgetShare ?? 0.25,
    graphVersion: 'v25.0',
    ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
  });
  return { store, backfill, client, asked, usageSeen, logs };
}

const today = () => pacificDayOf(upstream.clock.now());

function expectEachAskedOnce(asked: string[]) {
  expect(asked.length).toBe(new Set(asked).size);
  // Questions of one kind never overlap either: no day is in two of them.
  const days = new Map<string, number>();
  for (const a of asked) {
    const [account, kind, range] = a.split(' ') as [string, string, string];
    const [first, last] = range.split('..') as [IsoDay, IsoDay];
    for (let day = first; day <= last; day = addDays(day, 1)) {
      const key = `${account} ${kind} ${day}`;
      days.set(key, (days.get(key) ?? 0) + 1);
    }
  }
  expect([...days].filter(([, n]) => n > 1)).toEqual([]);
}

it('stores every settled day of five accounts within its budget share, newest first, asking no day twice', async () => {
  dir = mkdtempSync(join(tmpdir(), 'history-'));
  const w = world({ budgetShare: 0.1 });
  try {
    const first = await w.backfill.runOnce();
    // 10 % of 3,200 calls an hour is 320: no account has its daily values in the first hour.
    expect(first.stopped).toBe('budget');
    expect(Math.max(...w.usageSeen)).toBeLessThanOrEqual(10);
    for (const id of ALL_DEMO_ACCOUNTS) {
      const status = w.backfill.status(id);
      expect(status.state).toBe('waiting-for-budget');
      expect(status.storedDays).toBeGreaterThan(0);
      expect(status.storedDays).toBeLessThan(status.settledDays);
    }
    // Newest first: what is stored is the newest settled days, without a gap.
    const stored = w.store.history.storedDays(
      NORTHWIND,
      HISTORY_TOTAL_METRICS,
      oldestGraphDay(today()),
      newestSettledDay(today()),
    );
    expect(stored[stored.length - 1]).toBe(newestSettledDay(today()));
    expect(stored.length).toBe(w.backfill.status(NORTHWIND).storedDays);

    // Graph's window rolls on: each hour the backfill takes its share again, the daily values
    // first and the breakdowns after, until a run has nothing left to ask.
    let asked = first.asked;
    for (let hour = 0; hour < 12 && asked > 0; hour++) {
      upstream.clock.advance(HOUR);
      const run = await w.backfill.runOnce();
      expect(run.errors).toEqual([]);
      asked = run.asked;
    }
    expect(asked).toBe(0);
    expect(Math.max(...w.usageSeen)).toBeLessThanOrEqual(10);
    for (const id of ALL_DEMO_ACCOUNTS) {
      const status = w.backfill.status(id);
      expect(status).toMatchObject({ state: 'done', storedDays: settledGraphDays(today()) });
    }
    expectEachAskedOnce(w.asked);
  } finally {
    w.store.close();
  }
}, 120_000);

it('resumes after a crash from what the store holds, without asking a stored day again', async () => {
  dir = mkdtempSync(join(tmpdir(), 'history-'));
  const crashing = world({ accounts: [LUMEN], failAfter: 3, budgetShare: 1 });
  await crashing.backfill.tick();
  const storedBefore = crashing.backfill.status(LUMEN).storedDays;
  crashing.store.close();
  expect(storedBefore).toBeGreaterThan(0);
  expect(storedBefore).toBeLessThan(settledGraphDays(today()));

  const restarted = world({ accounts: [LUMEN], budgetShare: 1 });
  try {
    await restarted.backfill.runOnce();
    expect(restarted.backfill.status(LUMEN)).toMatchObject({
      state: 'done',
      storedDays: settledGraphDays(today()),
    });
    expectEachAskedOnce([...crashing.asked, ...restarted.asked]);
  } finally {
    restarted.store.close();
  }
}, 120_000);

it('re-checks the newest 28 settled days once a week and records what changed', async () => {
  dir = mkdtempSync(join(tmpdir(), 'history-'));
  const w = world({ accounts: [LUMEN], budgetShare: 1 });
  try {
    await w.backfill.runOnce();
    const newest = newestSettledDay(today());
    // A number Instagram later revised: the stored one differs from what Graph now says.
    const [row] = [
      ...(w.store.history.values(LUMEN, ['views'], newest, newest).get('views') ?? []),
    ];
    expect(row).toBeDefined();
    w.store.history.put(LUMEN, [{ metric: 'views', day: newest, value: -1 }], upstream.clock.now());

    // Six days later: nothing is asked.
    upstream.clock.advance(6 * 24 * HOUR);
    const sixDays = w.asked.length;
    await w.backfill.runOnce();
    const newDays = w.asked.slice(sixDays);
    // Only the six days that became settled meanwhile.
    expect(newDays.filter((a) => a.includes(' total_value '))).toHaveLength(6);
    // Each breakdown too, once a day.
    expect(newDays.filter((a) => a.includes(' total_value:follow_type '))).toHaveLength(6);

    upstream.clock.advance(24 * HOUR);
    const week = w.asked.length;
    const report = await w.backfill.runOnce();
    const rechecked = w.asked.slice(week).filter((a) => a.includes(' total_value '));
    // The 28 newest settled days again, among them the one that became settled today.
    expect(rechecked).toHaveLength(RECHECK_DAYS);
    const views = w.store.history.values(LUMEN, ['views'], newest, newest).get('views');
    expect(views?.get(newest)).toBe(row?.[1]);
    expect(report.revised).toBeGreaterThanOrEqual(1);
  } finally {
    w.store.close();
  }
}, 120_000);

it('does not fetch what HISTORY_RETENTION_DAYS would delete', async () => {
  dir = mkdtempSync(join(tmpdir(), 'history-'));
  const w = world({ accounts: [LUMEN], budgetShare: 1, retentionDays: 100 });
  try {
    await w.backfill.runOnce();
    const cutOff = addDays(today(), -100);
    // Kept: the cut-off day through the newest settled one.
    expect(w.backfill.status(LUMEN)).toMatchObject({
      state: 'done',
      storedDays: daysBetween(cutOff, newestSettledDay(today())) + 1,
    });
    expect(w.store.history.oldestDay(LUMEN)).toBe(cutOff);
    const firstDays = w.asked.map((a) => a.split(' ')[2]?.split('..')[0] ?? '');
    expect(firstDays.filter((day) => day < cutOff)).toEqual([]);
  } finally {
    w.store.close();
  }
}, 60_000);
