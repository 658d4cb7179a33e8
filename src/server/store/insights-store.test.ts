/**
 * The store on its own: versioned migrations, restarts that keep everything, idempotent writes,
 * all-or-nothing transactions, and which number of a story wins.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenFingerprint } from './directory-store';
import { InsightsStore, StoreConflictError, StoreError } from './insights-store';
import { DAILY_HISTORY_TABLES, MIGRATIONS } from './migrations';
import { OTHER_WRITERS_RECHECK_MS } from './user-store';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'store-'));
  dirs.push(dir);
  return join(dir, 'insights.sqlite');
}

const AT = new Date('2026-11-20T20:00:00Z');
const ACCOUNT = '17841405822304914';

describe('opening and migrations', () => {
  it('a new file gets every migration, recorded with its version; WAL and synchronous=FULL', () => {
    const path = tempFile();
    const store = InsightsStore.open(path);
    expect(store.migrated).toEqual(MIGRATIONS.map((m) => m.version));
    expect(store.schemaVersion()).toBe(MIGRATIONS.at(-1)?.version);
    store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(
      raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(),
    ).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    raw.close();
    const again = InsightsStore.open(path);
    const pragma = (again as unknown as { db: Database.Database }).db.pragma('synchronous', {
      simple: true,
    });
    expect(pragma).toBe(2); // FULL
    again.close();
  });

  it('a restart keeps the data and runs no migration again', () => {
    const path = tempFile();
    const first = InsightsStore.open(path);
    first.putDailyValues(ACCOUNT, 'follower_count', [{ day: '2026-11-01', value: 12 }], AT);
    first.putStoryFinal(ACCOUNT, '18000000000000001', { reach: 40 }, AT);
    first.close();

    const second = InsightsStore.open(path);
    expect(second.migrated).toEqual([]);
    expect(second.dailyValues(ACCOUNT, 'follower_count')).toEqual([
      { day: '2026-11-01', value: 12, capturedAt: AT.toISOString() },
    ]);
    expect(second.storyArchive(ACCOUNT, AT, { limit: 10 })).toHaveLength(1);
    second.close();
  });

  it('a later migration runs once, on top of the stored data', () => {
    const path = tempFile();
    InsightsStore.open(path).close();
    const next = [
      ...MIGRATIONS,
      { version: 99, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)' },
    ];
    const upgraded = InsightsStore.open(path, { migrations: next });
    expect(upgraded.migrated).toEqual([99]);
    upgraded.close();
    const reopened = InsightsStore.open(path, { migrations: next });
    expect(reopened.migrated).toEqual([]);
    reopened.close();
  });

  it('a failing migration changes nothing and is not recorded', () => {
    const path = tempFile();
    InsightsStore.open(path).close();
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    const broken = [
      ...MIGRATIONS,
      {
        version: latest + 1,
        name: 'half',
        sql: 'CREATE TABLE half (x INTEGER); SELECT * FROM missing;',
      },
    ];
    expect(() => InsightsStore.open(path, { migrations: broken })).toThrow(/missing/);
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(raw.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({
      v: latest,
    });
    raw.close();
  });

  it('refuses a store written by a newer server, with a message that says what to do', () => {
    const path = tempFile();
    const future = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
    InsightsStore.open(path, {
      migrations: [...MIGRATIONS, { version: future, name: 'future', sql: 'SELECT 1' }],
    }).close();
    expect(() => InsightsStore.open(path)).toThrow(StoreError);
    expect(() => InsightsStore.open(path)).toThrow(/newer version of the server.*another DATA_DIR/);
  });

  it('a file that is not a database: a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    dirs.push(dir);
    const path = join(dir, 'insights.sqlite');
    writeFileSync(path, 'this is not SQLite '.repeat(100));
    expect(() => InsightsStore.open(path)).toThrow(/could not be opened|not a database/);
  });
});

describe('idempotent writes', () => {
  it('the same day twice is one row; a changed value replaces the old one', () => {
    const store = InsightsStore.open(':memory:');
    const days = [
      { day: '2026-11-01', value: 10 },
      { day: '2026-11-02', value: 11 },
    ];
    expect(store.putDailyValues(ACCOUNT, 'follower_count', days, AT)).toBe(2);
    expect(store.putDailyValues(ACCOUNT, 'follower_count', days, AT)).toBe(0);
    const later = new Date(AT.getTime() + 86_400_000);
    expect(
      store.putDailyValues(ACCOUNT, 'follower_count', [{ day: '2026-11-02', value: 13 }], later),
    ).toBe(1);
    expect(store.dailyValues(ACCOUNT, 'follower_count')).toEqual([
      { day: '2026-11-01', value: 10, capturedAt: AT.toISOString() },
      { day: '2026-11-02', value: 13, capturedAt: later.toISOString() },
    ]);
    expect(store.firstDay(ACCOUNT, 'follower_count')).toBe('2026-11-01');
    expect(store.dailyValues(ACCOUNT, 'follower_count', { first: '2026-11-02' })).toHaveLength(1);
    expect(store.dailyValues('17841400118305523', 'follower_count')).toEqual([]);
    store.close();
  });

  it('online_followers keep their hour objects; demographics one answer per day', () => {
    const store = InsightsStore.open(':memory:');
    const hours = Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), h * 10]));
    store.putDailyValues(ACCOUNT, 'online_followers', [{ day: '2026-11-01', value: hours }], AT);
    expect(store.dailyValues(ACCOUNT, 'online_followers')[0]?.value).toEqual(hours);
    const snapshot = {
      metric: 'follower_demographics',
      breakdown: 'age',
      timeframe: 'this_month',
      day: '2026-11-20',
      results: [{ dimension_values: ['25-34'], value: 5 }],
    };
    store.putDemographics(ACCOUNT, snapshot, AT);
    store.putDemographics(
      ACCOUNT,
      { ...snapshot, results: [{ dimension_values: ['25-34'], value: 6 }] },
      AT,
    );
    const key = { metric: 'follower_demographics', breakdown: 'age', timeframe: 'this_month' };
    expect(store.demographics(ACCOUNT, key)).toEqual([
      {
        day: '2026-11-20',
        results: [{ dimension_values: ['25-34'], value: 6 }],
        capturedAt: AT.toISOString(),
      },
    ]);
    expect(store.firstDemographicsDay(ACCOUNT, key)).toBe('2026-11-20');
    store.close();
  });

  it('a webhook delivered twice is one story with one set of numbers', () => {
    const store = InsightsStore.open(':memory:');
    store.putStoryFinal(ACCOUNT, '18000000000000001', { reach: 17, replies: 0 }, AT);
    store.putStoryFinal(ACCOUNT, '18000000000000001', { reach: 17, replies: 0 }, AT);
    const [story] = store.storyArchive(ACCOUNT, AT, { limit: 10 });
    expect(story?.metrics).toHaveLength(2);
    expect(store.storyArchive(ACCOUNT, AT, { limit: 10 })).toHaveLength(1);
    store.close();
  });
});

describe('transactions', () => {
  it('a group of writes that fails part-way stores none of them', () => {
    const store = InsightsStore.open(':memory:');
    expect(() =>
      store.transaction(() => {
        store.putDailyValues(ACCOUNT, 'follower_count', [{ day: '2026-11-01', value: 1 }], AT);
        store.putStoryFinal(ACCOUNT, '18000000000000001', { reach: 1 }, AT);
        throw new Error('crash in the middle');
      }),
    ).toThrow('crash in the middle');
    expect(store.dailyValues(ACCOUNT, 'follower_count')).toEqual([]);
    expect(store.storyArchive(ACCOUNT, AT, { limit: 10 })).toEqual([]);
    store.close();
  });

  it('a value SQLite refuses (a malformed day) fails the whole write', () => {
    const store = InsightsStore.open(':memory:');
    expect(() =>
      store.putDailyValues(
        ACCOUNT,
        'follower_count',
        [
          { day: '2026-11-01', value: 1 },
          { day: 'yesterday', value: 2 },
        ],
        AT,
      ),
    ).toThrow(/CHECK constraint/);
    expect(store.dailyValues(ACCOUNT, 'follower_count')).toEqual([]);
    store.close();
  });

  it('a story stored under one account cannot be given to another', () => {
    const store = InsightsStore.open(':memory:');
    store.putStoryFinal(ACCOUNT, '18000000000000001', { reach: 1 }, AT);
    expect(() =>
      store.putStoryFinal('17841400118305523', '18000000000000001', { reach: 2 }, AT),
    ).toThrow(StoreConflictError);
    expect(store.storyArchive(ACCOUNT, AT, { limit: 10 })[0]?.metrics[0]?.value).toBe(1);
    store.close();
  });
});

describe('stories', () => {
  const posted = new Date('2026-11-19T18:00:00Z');
  const story = {
    id: '18000000000000002',
    accountId: ACCOUNT,
    mediaType: 'IMAGE',
    postedAt: posted,
  };

  it('hourly snapshots: one row per hour; the latest numbers are the story’s until it expires', () => {
    const store = InsightsStore.open(':memory:');
    store.putStorySnapshot(story, '2026-11-19T19', { reach: 5, views: 6 }, posted);
    store.putStorySnapshot(story, '2026-11-19T19', { reach: 7, views: 8 }, posted);
    store.putStorySnapshot(story, '2026-11-20T17', { reach: 30, views: 41 }, AT);
    expect(store.hasStorySnapshot(story.id, '2026-11-19T19')).toBe(true);
    expect(store.hasStorySnapshot(story.id, '2026-11-19T20')).toBe(false);
    // Live: not in the archive.
    expect(store.storyArchive(ACCOUNT, new Date('2026-11-20T17:59:59Z'), { limit: 5 })).toEqual([]);
    const [expired] = store.storyArchive(ACCOUNT, new Date('2026-11-20T18:00:00Z'), { limit: 5 });
    expect(expired).toMatchObject({
      id: story.id,
      mediaType: 'IMAGE',
      postedAt: posted.toISOString(),
      expiresAt: '2026-11-20T18:00:00.000Z',
    });
    expect(expired?.metrics.map((m) => [m.name, m.value, m.source])).toEqual([
      ['reach', 30, 'hourly_snapshot'],
      ['views', 41, 'hourly_snapshot'],
    ]);
    store.close();
  });

  it('the webhook’s final numbers win over the snapshots; the others stay from the snapshot', () => {
    const store = InsightsStore.open(':memory:');
    store.putStorySnapshot(story, '2026-11-20T17', { reach: 30, views: 41 }, AT);
    const later = new Date('2026-11-20T19:00:00Z');
    store.putStoryFinal(ACCOUNT, story.id, { reach: 33, impressions: 45, exits: -1 }, later);
    const [archived] = store.storyArchive(ACCOUNT, later, { limit: 5 });
    expect(archived?.finalReceivedAt).toBe(later.toISOString());
    expect(archived?.postedAt).toBe(posted.toISOString());
    expect(
      Object.fromEntries(archived?.metrics.map((m) => [m.name, [m.value, m.source]]) ?? []),
    ).toEqual({
      reach: [33, 'webhook'],
      impressions: [45, 'webhook'],
      exits: [-1, 'webhook'],
      views: [41, 'hourly_snapshot'],
    });
    store.close();
  });

  it('the archive pages newest first with a keyset', () => {
    const store = InsightsStore.open(':memory:');
    for (let i = 0; i < 5; i++) {
      store.putStorySnapshot(
        { ...story, id: `1800000000000010${i}`, postedAt: new Date(posted.getTime() + i * 60_000) },
        '2026-11-19T19',
        { reach: i },
        posted,
      );
    }
    const now = new Date('2026-11-22T00:00:00Z');
    const first = store.storyArchive(ACCOUNT, now, { limit: 2 });
    expect(first.map((s) => s.id)).toEqual(['18000000000000104', '18000000000000103']);
    const last = first.at(-1);
    const second = store.storyArchive(ACCOUNT, now, {
      limit: 10,
      ...(last ? { after: { endedAt: last.endedAt, id: last.id } } : {}),
    });
    expect(second.map((s) => s.id)).toEqual([
      '18000000000000102',
      '18000000000000101',
      '18000000000000100',
    ]);
    store.close();
  });
});

describe('scheduler bookkeeping', () => {
  it('a finished run is remembered across a restart', () => {
    const path = tempFile();
    const store = InsightsStore.open(path);
    expect(store.runFinished('daily', '2026-11-20')).toBe(false);
    store.finishRun('daily', '2026-11-20', AT);
    store.finishRun('daily', '2026-11-20', AT);
    store.close();
    const again = InsightsStore.open(path);
    expect(again.runFinished('daily', '2026-11-20')).toBe(true);
    expect(again.runFinished('daily', '2026-11-21')).toBe(false);
    again.close();
  });
});

describe('retention (HISTORY_RETENTION_DAYS)', () => {
  // The cut-off day starts at 2026-11-10T08:00Z (PST).
  const CUT = '2026-11-10';
  const OLD = Date.parse('2020-01-01T00:00:00Z');
  const NEVER_PRUNED = [
    'schema_migrations',
    'users',
    'user_accounts',
    'sessions',
    'one_time_links',
    'share_links',
    'share_sessions',
    'audit_log',
    'connections',
    'connection_accounts',
    // When each account's newest settled days were last re-checked: bookkeeping, not history.
    'history_state',
    // What the account directory remembers: replaced by each discovery, or forgotten with the
    // account's connection.
    'token_discoveries',
    'discovered_accounts',
    'media_owners',
  ];
  const STORY_TABLES = ['stories', 'story_metrics', 'story_snapshots'];
  const story = (id: string, postedAt?: string) => ({
    id,
    accountId: ACCOUNT,
    ...(postedAt ? { postedAt: new Date(postedAt) } : {}),
  });

  /** A store with history on both sides of CUT, and people, links and connections from 2020. */
  function filledStore(): { path: string; store: InsightsStore } {
    const path = tempFile();
    const store = InsightsStore.open(path);
    const days = (values: [string, unknown][]) => values.map(([day, value]) => ({ day, value }));
    store.putDailyValues(
      ACCOUNT,
      'follower_count',
      days([
        ['2026-11-08', 1],
        ['2026-11-09', 2],
        ['2026-11-10', 3],
        ['2026-11-11', 4],
      ]),
      AT,
    );
    store.putDailyValues(
      ACCOUNT,
      'online_followers',
      days([
        ['2026-11-09', { 0: 1 }],
        ['2026-11-11', { 0: 2 }],
      ]),
      AT,
    );
    const key = { metric: 'follower_demographics', breakdown: 'age', timeframe: 'this_month' };
    for (const day of ['2026-11-09', '2026-11-10'])
      store.putDemographics(ACCOUNT, { ...key, day, results: [] }, AT);
    store.history.put(
      ACCOUNT,
      ['2026-11-08', '2026-11-09', '2026-11-10'].map((day) => ({ metric: 'views', day, value: 7 })),
      AT,
    );
    for (const day of ['2026-11-09', '2026-11-10'])
      store.history.putMedia(ACCOUNT, '1790', day, [{ metric: 'reach', value: 3 }], AT);
    // Ended 07:00Z on the 10th, before the cut-off began: gone. Ended 09:00Z: kept.
    store.putStorySnapshot(
      story('1801', '2026-11-09T07:00:00Z'),
      '2026-11-09T08',
      { reach: 1 },
      AT,
    );
    store.putStorySnapshot(
      story('1802', '2026-11-09T09:00:00Z'),
      '2026-11-09T10',
      { reach: 2 },
      AT,
    );
    // Known only from its webhook, received before the cut-off: gone.
    store.putStoryFinal(ACCOUNT, '1803', { reach: 3, replies: 0 }, new Date('2026-11-09T12:00Z'));
    // Seen without a posting time: it may have lived 24 hours after that.
    store.noteStory(story('1804'), new Date('2026-11-09T07:00:00Z'));
    store.noteStory(story('1805'), new Date('2026-11-09T09:00:00Z'));
    for (const [kind, period] of [
      ['daily', '2026-11-09'],
      ['prune', '2026-11-09'],
      ['daily', '2026-11-10'],
    ] as const)
      store.finishRun(kind, period, AT);
    const user = store.users.create({
      id: 'u1',
      email: 'sam@example.com',
      role: 'owner',
      accounts: [ACCOUNT],
      createdAt: new Date(OLD),
    });
    store.users.createSession('session-hash', user.id, OLD, OLD + 1);
    store.users.createLink({
      tokenHash: 'link-hash',
      purpose: 'invitation',
      userId: user.id,
      now: OLD,
      expiresAt: OLD + 1,
    });
    store.shares.create({
      id: 's1',
      tokenHash: 'share-hash',
      label: 'For the client',
      accounts: [ACCOUNT],
      scope: 'view',
      viewPath: '/',
      range: { kind: 'recent', days: 28 },
      csv: false,
      createdBy: user.id,
      creatorEmail: user.email,
      createdAt: OLD,
      expiresAt: OLD + 1,
    });
    store.shares.open('s1', 'share-session-hash', true, OLD, 'viewer');
    store.connections.save({
      id: 'c1',
      login: 'instagram',
      sealedToken: 'sealed',
      scopes: ['instagram_business_basic'],
      issuedAt: OLD,
      connectedBy: user.id,
      createdAt: OLD,
      accounts: [{ id: ACCOUNT, username: 'northwind' }],
    });
    store.directory.saveDiscovery(new Map([[tokenFingerprint('a-token'), [ACCOUNT]]]), OLD);
    store.directory.putMediaOwners([
      {
        id: '1790',
        accountId: ACCOUNT,
        productType: 'FEED',
        mediaType: 'IMAGE',
        timestamp: '2020-01-01T00:00:00+0000',
      },
    ]);
    return { path, store };
  }

  /** Every row of the tables pruning must not touch. */
  function keptRows(path: string): Record<string, unknown[]> {
    const raw = new Database(path, { readonly: true });
    try {
      return Object.fromEntries(
        NEVER_PRUNED.map((table) => [table, raw.prepare(`SELECT * FROM ${table}`).all()]),
      );
    } finally {
      raw.close();
    }
  }

  it('every table is daily history, a story table, or never pruned', () => {
    const store = InsightsStore.open(':memory:');
    const raw = (store as unknown as { db: Database.Database }).db;
    const tables = (
      raw
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    store.close();
    // A new table fails here: add it to DAILY_HISTORY_TABLES (migrations.ts) when it holds daily
    // history, or to NEVER_PRUNED above.
    expect(tables).toEqual(
      [...DAILY_HISTORY_TABLES.map((t) => t.table), ...STORY_TABLES, ...NEVER_PRUNED].sort(),
    );
  });

  it('deletes the days before the cut-off and the stories that ended before it, nothing else', () => {
    const { path, store } = filledStore();
    const kept = keptRows(path);
    expect(kept.users).toHaveLength(1);
    expect(kept.audit_log).toHaveLength(2);
    expect(store.pruneHistoryBefore(CUT)).toEqual({
      account_daily: 3,
      account_history: 2,
      media_history: 1,
      demographics: 1,
      snapshot_runs: 2,
      story_snapshots: 1,
      story_metrics: 3,
      stories: 3,
    });
    const daysOf = (metric: string) => store.dailyValues(ACCOUNT, metric).map((d) => d.day);
    expect(daysOf('follower_count')).toEqual(['2026-11-10', '2026-11-11']);
    expect(daysOf('online_followers')).toEqual(['2026-11-11']);
    const key = { metric: 'follower_demographics', breakdown: 'age', timeframe: 'this_month' };
    expect(store.demographics(ACCOUNT, key).map((d) => d.day)).toEqual(['2026-11-10']);
    expect([
      ...(store.history
        .values(ACCOUNT, ['views'], '2026-11-01', '2026-11-30')
        .get('views')
        ?.keys() ?? []),
    ]).toEqual(['2026-11-10']);
    expect(
      store.history
        .mediaSeries('1790')
        .get('reach')
        ?.map((p) => p.day),
    ).toEqual(['2026-11-10']);
    expect(store.runFinished('daily', '2026-11-09')).toBe(false);
    expect(store.runFinished('prune', '2026-11-09')).toBe(false);
    expect(store.runFinished('daily', '2026-11-10')).toBe(true);
    const archive = store.storyArchive(ACCOUNT, new Date('2026-12-01T00:00:00Z'), { limit: 10 });
    expect(archive.map((s) => [s.id, s.metrics.length])).toEqual([['1802', 1]]);
    expect(store.hasStorySnapshot('1801', '2026-11-09T08')).toBe(false);
    expect(store.hasStorySnapshot('1802', '2026-11-09T10')).toBe(true);
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT story_id FROM stories ORDER BY story_id').all()).toEqual([
      { story_id: '1802' },
      { story_id: '1805' },
    ]);
    raw.close();
    expect(keptRows(path)).toEqual(kept);
    // Again: nothing more to delete.
    expect(Object.values(store.pruneHistoryBefore(CUT)).every((n) => n === 0)).toBe(true);
    expect(store.integrityCheck()).toBe('ok');
    store.close();
  });

  it('in one transaction: a failure part-way deletes nothing', () => {
    const { path, store } = filledStore();
    const raw = new Database(path);
    raw.exec(
      "CREATE TRIGGER keep_stories BEFORE DELETE ON stories BEGIN SELECT RAISE(ABORT, 'kept'); END",
    );
    raw.close();
    expect(() => store.pruneHistoryBefore(CUT)).toThrow('kept');
    expect(store.dailyValues(ACCOUNT, 'follower_count')).toHaveLength(4);
    expect(store.runFinished('daily', '2026-11-09')).toBe(true);
    expect(store.hasStorySnapshot('1801', '2026-11-09T08')).toBe(true);
    store.close();
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    const store = InsightsStore.open(':memory:');
    for (const day of ['2026-11-31', '10/11/2026', ''])
      expect(() => store.pruneHistoryBefore(day)).toThrow(StoreError);
    store.close();
  });
});

describe('the oldest day of an account’s history', () => {
  it('follows what is stored and what retention deletes', () => {
    const store = InsightsStore.open(':memory:');
    expect(store.history.oldestDay('1')).toBeUndefined();
    store.history.put('1', [{ metric: 'views', day: '2026-11-10', value: 3 }], new Date());
    expect(store.history.oldestDay('1')).toBe('2026-11-10');
    store.history.put('1', [{ metric: 'views', day: '2026-11-02', value: 4 }], new Date());
    expect(store.history.oldestDay('1')).toBe('2026-11-02');
    store.pruneHistoryBefore('2026-11-05');
    expect(store.history.oldestDay('1')).toBe('2026-11-10');
    store.close();
  });
});

describe('the users’ change stamp (what a remembered session is checked against)', () => {
  it('moves at once on this process’s writes and within OTHER_WRITERS_RECHECK_MS on another’s', async () => {
    const path = tempFile();
    const server = InsightsStore.open(path);
    const usersCommand = InsightsStore.open(path);
    const user = server.users.create({
      id: 'kim',
      email: 'kim@example.com',
      role: 'member',
      createdAt: AT,
    });
    const before = server.users.changeStamp();
    server.users.createSession('own-write', user.id, AT.getTime(), AT.getTime() + 1_000);
    const afterOwnWrite = server.users.changeStamp();
    expect(afterOwnWrite).not.toBe(before);
    expect(server.users.changeStamp()).toBe(afterOwnWrite);

    usersCommand.users.deleteSessionsOf(user.id);
    await new Promise((resolve) => setTimeout(resolve, OTHER_WRITERS_RECHECK_MS + 10));
    expect(server.users.changeStamp()).not.toBe(afterOwnWrite);
    usersCommand.close();
    server.close();
  });
});
