/**
 * The snapshot scheduler against the fake Graph API: daily snapshots of follower_count,
 * online_followers and demographics for every allowed account, hourly snapshots of live stories,
 * idempotent (the same day twice is one row), kept across restarts, and never failing the server
 * when Instagram does.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, pacificDayOf } from '../graph/pacific-days';
import { DEMOGRAPHIC_SNAPSHOTS, type SnapshotScheduler } from './snapshot-scheduler';
import { InsightsStore } from './store/insights-store';
import { type StoredStack, startStoredStack } from './testing/stored-stack';
import {
  ALL_DEMO_ACCOUNTS,
  type FakeUpstream,
  FIXED_NOW,
  LUMEN,
  NO_FAULTS,
  NORTHWIND,
  startFake,
  TINY,
} from './testing/test-stack';

let upstream: FakeUpstream;
const stacks: StoredStack[] = [];

beforeAll(async () => {
  upstream = await startFake();
});

afterEach(() => {
  upstream.fake.setFaults(NO_FAULTS);
  upstream.clock.set(FIXED_NOW);
});

afterAll(async () => {
  for (const s of stacks) await s.close();
  await upstream?.close();
});

async function stackFor(options: Partial<Parameters<typeof startStoredStack>[0]> = {}) {
  const stack = await startStoredStack({ upstream, ...options });
  stacks.push(stack);
  return stack;
}

const schedulerOf = (stack: StoredStack) => stack.server.scheduler as SnapshotScheduler;
const TODAY = pacificDayOf(new Date(FIXED_NOW));
const DEMOGRAPHIC_COUNT =
  DEMOGRAPHIC_SNAPSHOTS.metrics.length *
  DEMOGRAPHIC_SNAPSHOTS.breakdowns.length *
  DEMOGRAPHIC_SNAPSHOTS.timeframes.length;

function demographicRows(store: InsightsStore, accountId: string): number {
  let n = 0;
  for (const metric of DEMOGRAPHIC_SNAPSHOTS.metrics)
    for (const breakdown of DEMOGRAPHIC_SNAPSHOTS.breakdowns)
      for (const timeframe of DEMOGRAPHIC_SNAPSHOTS.timeframes)
        n += store.demographics(accountId, { metric, breakdown, timeframe }).length;
  return n;
}

describe('a run', () => {
  it('stores 30 days of follower_count and online_followers, the demographics and the live stories', async () => {
    const stack = await stackFor();
    const report = await schedulerOf(stack).runOnce();
    const store = stack.server.store;
    expect(report).toMatchObject({ daily: 'ran', accounts: ALL_DEMO_ACCOUNTS.length, errors: [] });
    for (const id of [NORTHWIND, LUMEN]) {
      const followers = store.dailyValues(id, 'follower_count');
      expect(followers.map((d) => d.day)).toEqual(
        Array.from({ length: 30 }, (_, k) => addDays(TODAY, k - 30)),
      );
      const online = store.dailyValues<Record<string, number>>(id, 'online_followers');
      expect(online).toHaveLength(30);
      expect(Object.keys(online[0]?.value ?? {})).toHaveLength(24);
      expect(demographicRows(store, id)).toBe(DEMOGRAPHIC_COUNT);
    }
    // The small account (under 100 followers) has none of these: not an error, not retried.
    expect(store.dailyValues(TINY, 'follower_count')).toEqual([]);
    expect(report.unavailable).toBeGreaterThan(0);
    expect(store.runFinished('daily', TODAY)).toBe(true);
    // Every live story with insights has this hour's snapshot.
    const now = upstream.clock.now();
    const hour = now.toISOString().slice(0, 13);
    const live = [NORTHWIND, LUMEN].flatMap((id) => upstream.fake.data.liveStories(id, now));
    expect(live.length).toBeGreaterThan(0);
    for (const story of live) {
      if (story.lifetime.reach >= 5) expect(store.hasStorySnapshot(story.id, hour)).toBe(true);
    }
    expect(report.stories).toBeGreaterThanOrEqual(live.filter((s) => s.lifetime.reach >= 5).length);
    // One log line for the run.
    const lines = stack.logs.filter((l) => l.includes('"event":"snapshots"'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      daily: 'ran',
      accounts: ALL_DEMO_ACCOUNTS.length,
    });
  });

  it('the same day twice is one row: a second run writes nothing and asks Instagram nothing', async () => {
    const stack = await stackFor();
    const scheduler = schedulerOf(stack);
    await scheduler.runOnce();
    const store = stack.server.store;
    const before = {
      followers: store.dailyValues(NORTHWIND, 'follower_count'),
      demographics: demographicRows(store, NORTHWIND),
    };
    const calls = upstream.requests();
    const again = await scheduler.runOnce();
    expect(again).toMatchObject({ daily: 'done', values: 0, stories: 0, errors: [] });
    expect(upstream.requests() - calls).toBe(0);
    expect(store.dailyValues(NORTHWIND, 'follower_count')).toEqual(before.followers);
    expect(demographicRows(store, NORTHWIND)).toBe(before.demographics);
  });

  it('an hour later: new story snapshots, no new daily snapshot', async () => {
    const stack = await stackFor();
    const scheduler = schedulerOf(stack);
    await scheduler.runOnce();
    upstream.clock.advance(3_600_000);
    const report = await scheduler.runOnce();
    expect(report.daily).toBe('done');
    const now = upstream.clock.now();
    const live = upstream.fake.data
      .liveStories(NORTHWIND, now)
      .filter((s) => s.lifetime.reach >= 5);
    for (const story of live)
      expect(stack.server.store.hasStorySnapshot(story.id, now.toISOString().slice(0, 13))).toBe(
        true,
      );
    expect(report.stories).toBeGreaterThanOrEqual(live.length);
  });

  it('day after day the history grows beyond the API’s 30 days', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const scheduler = schedulerOf(stack);
    await scheduler.runOnce();
    upstream.clock.advance(5 * 86_400_000);
    const report = await scheduler.runOnce();
    expect(report.daily).toBe('ran');
    const days = stack.server.store.dailyValues(NORTHWIND, 'follower_count').map((d) => d.day);
    expect(days).toHaveLength(35);
    expect(days[0]).toBe(addDays(TODAY, -30));
    expect(days.at(-1)).toBe(addDays(TODAY, 4));
    const key = { metric: 'follower_demographics', breakdown: 'age', timeframe: 'this_month' };
    expect(stack.server.store.demographics(NORTHWIND, key).map((d) => d.day)).toEqual([
      TODAY,
      addDays(TODAY, 5),
    ]);
  });

  it('with HISTORY_RETENTION_DAYS, history older than that goes once a day, after the snapshots', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND], historyRetentionDays: 28 });
    const scheduler = schedulerOf(stack);
    const store = stack.server.store;
    const key = { metric: 'follower_demographics', breakdown: 'age', timeframe: 'this_month' };
    const first = await scheduler.runOnce();
    // The day's 30 follower counts were written, then the two older than 28 days deleted.
    expect(first.pruned).toBe(4);
    const days = () => store.dailyValues(NORTHWIND, 'follower_count').map((d) => d.day);
    expect(days()).toEqual(Array.from({ length: 28 }, (_, k) => addDays(TODAY, k - 28)));
    expect(store.runFinished('prune', TODAY)).toBe(true);
    // Later the same day: not again.
    upstream.clock.advance(3_600_000);
    expect((await scheduler.runOnce()).pruned).toBeUndefined();
    upstream.clock.advance(30 * 86_400_000);
    const later = await scheduler.runOnce();
    expect(later.pruned).toBeGreaterThan(0);
    const today = addDays(TODAY, 30);
    expect(days()[0]).toBe(addDays(today, -28));
    expect(days()).toHaveLength(28);
    expect(store.demographics(NORTHWIND, key).map((d) => d.day)).toEqual([today]);
    expect(store.runFinished('daily', TODAY)).toBe(false);
    expect(store.runFinished('daily', today)).toBe(true);
    const line = stack.logs.filter((l) => l.includes('"event":"snapshots"')).at(-1) ?? '{}';
    expect(JSON.parse(line)).toMatchObject({ daily: 'ran', pruned: later.pruned });
    // People are not history: the stack's owner is still there.
    expect(store.users.findByEmail('owner@example.com')).toBeDefined();
  });

  it('without HISTORY_RETENTION_DAYS nothing is deleted', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const scheduler = schedulerOf(stack);
    expect((await scheduler.runOnce()).pruned).toBeUndefined();
    upstream.clock.advance(40 * 86_400_000);
    expect((await scheduler.runOnce()).pruned).toBeUndefined();
    expect(stack.server.store.dailyValues(NORTHWIND, 'follower_count')).toHaveLength(60);
  });

  it('a story that expired keeps its last hourly numbers in the archive', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const scheduler = schedulerOf(stack);
    const now = upstream.clock.now();
    const story = upstream.fake.data.liveStories(NORTHWIND, now).find((s) => s.lifetime.reach >= 5);
    expect(story).toBeDefined();
    await scheduler.runOnce();
    upstream.clock.set(new Date((story?.timestamp.getTime() ?? 0) + 86_400_000).toISOString());
    const page = await stack.get(`/api/${NORTHWIND}/stories/archive?limit=100`);
    const archived = page.body.data.find((s: { id: string }) => s.id === story?.id);
    expect(archived).toMatchObject({ source: 'hourly_snapshot', media_product_type: 'STORY' });
    const reach = archived.insights.data.find((m: { name: string }) => m.name === 'reach');
    expect(reach).toMatchObject({
      values: [{ value: story?.lifetime.reach }],
      source: 'hourly_snapshot',
    });
  });
});

describe('restarts', () => {
  it('a restart keeps every snapshot, runs no migration and does not redo the day', async () => {
    const stack = await stackFor();
    await schedulerOf(stack).runOnce();
    const before = stack.server.store.dailyValues(NORTHWIND, 'follower_count');
    await stack.restart();
    expect(stack.server.store.migrated).toEqual([]);
    expect(stack.server.store.dailyValues(NORTHWIND, 'follower_count')).toEqual(before);
    const accountCalls = () => {
      const byPath = upstream.fake.getStats().byPath;
      return [NORTHWIND, LUMEN, TINY].reduce(
        (n, id) => n + (byPath[`/v25.0/${id}/insights`] ?? 0) + (byPath['/v25.0/'] ?? 0),
        0,
      );
    };
    const calls = accountCalls();
    const report = await schedulerOf(stack).runOnce();
    expect(report.daily).toBe('done');
    // The cache went with the process, but the day is not asked again: no account insights call.
    expect(accountCalls() - calls).toBe(0);
    const stored = await stack.get(`/api/${NORTHWIND}/stored/follower_count`);
    expect(stored.body.data[0].values).toHaveLength(30);
  });
});

describe('upstream errors', () => {
  it('an outage fails no server: one redacted log line, and the day is tried again later', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    upstream.fake.setFaults({ outage: true });
    const report = await schedulerOf(stack).runOnce();
    expect(report.daily).toBe('ran');
    expect(report.errors.length).toBeGreaterThan(0);
    expect(stack.server.store.runFinished('daily', TODAY)).toBe(false);
    const lines = stack.logs.filter((l) => l.includes('"event":"snapshots"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(upstream.token);
    expect(JSON.parse(lines[0] ?? '{}').errors.length).toBeGreaterThan(0);
    // The server still answers.
    expect((await stack.get('/api/health')).status).toBe(200);

    upstream.fake.setFaults(NO_FAULTS);
    upstream.clock.advance(3_600_000);
    const retry = await schedulerOf(stack).runOnce();
    expect(retry).toMatchObject({ daily: 'ran', errors: [] });
    expect(stack.server.store.dailyValues(NORTHWIND, 'follower_count')).toHaveLength(30);
  });

  it('start() runs at once; stop() waits for a run under way', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const scheduler = schedulerOf(stack);
    scheduler.start();
    // tick() while a run is going joins it rather than starting another.
    const report = await scheduler.tick();
    expect(report?.daily).toBe('ran');
    expect(stack.logs.filter((l) => l.includes('"event":"snapshots"'))).toHaveLength(1);
    expect(stack.server.store.dailyValues(NORTHWIND, 'follower_count')).toHaveLength(30);
    // Stopped in the middle of a run: the run ends at its next step, the store stays usable.
    upstream.clock.advance(86_400_000);
    const next = scheduler.tick();
    await scheduler.stop();
    await next;
    expect(stack.server.store.integrityCheck()).toBe('ok');
  });
});

describe('storage', () => {
  it('the file is in DATA_DIR and opens on its own afterwards', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    await schedulerOf(stack).runOnce();
    expect(stack.server.store.path.startsWith(stack.dataDir)).toBe(true);
    const path = stack.server.store.path;
    await stack.server.close();
    const store = InsightsStore.open(path);
    expect(store.integrityCheck()).toBe('ok');
    expect(store.dailyValues(NORTHWIND, 'follower_count')).toHaveLength(30);
    store.close();
    await stack.restart();
  });
});
