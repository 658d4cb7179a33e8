import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { BreakdownResult } from '../../graph/graph-types';
import { type IsoDay, isIsoDay, pacificDayStart } from '../../graph/pacific-days';
import { ConnectionStore } from './connection-store';
import { DirectoryStore } from './directory-store';
import { HistoryStore } from './history-store';
import { DAILY_HISTORY_TABLES, MIGRATIONS, type Migration } from './migrations';
import { ShareStore } from './share-store';
import { UserStore } from './user-store';

/** The file the store keeps in DATA_DIR. */
export const STORE_FILE = 'insights.sqlite';

export type StorySource = 'webhook' | 'hourly_snapshot';

export interface StoredDay<V> {
  day: IsoDay;
  value: V;
  capturedAt: string;
}

export interface StoredDemographics {
  day: IsoDay;
  results: BreakdownResult[];
  capturedAt: string;
}

export interface StoryInfo {
  id: string;
  accountId: string;
  mediaType?: string;
  /** When the story was posted (its `timestamp`); it expires 24 hours later. */
  postedAt?: Date;
}

export interface ArchivedStory {
  id: string;
  accountId: string;
  mediaType?: string;
  postedAt?: string;
  expiresAt?: string;
  finalReceivedAt?: string;
  /** The sort key of the archive: when the story expired (or its webhook came). */
  endedAt: string;
  /** Per metric: the webhook's number when it sent one, otherwise the last hourly snapshot's. */
  metrics: { name: string; value: number; source: StorySource; capturedAt: string }[];
}

export class StoreError extends Error {}

/** A write that contradicts what is stored (a story of another account, say): nothing is written. */
export class StoreConflictError extends StoreError {}

/** The backup's file exists and overwriting it was not asked for: nothing is written. */
export class BackupExistsError extends StoreError {}

export interface BackupResult {
  /** The backup's absolute path. */
  file: string;
  bytes: number;
  /** The copy's schema version (its last migration). */
  schemaVersion: number;
}

const STORY_LIFETIME_MS = 24 * 3_600_000;
/** Pages per backup step: all of them (better-sqlite3 caps a step at 2^31 - 1). */
const ALL_PAGES = 0x7fffffff;

/**
 * What the Graph API forgets, in one SQLite file: daily follower counts, online followers and
 * demographics beyond the API's 30 days, and stories' numbers after they expire.
 *
 * Every write is one transaction (WAL, synchronous=FULL): a crash or a kill at any moment leaves
 * each write either wholly stored or not at all, and never loses a committed one. Writes are
 * upserts on natural keys, so repeating one (the same day twice, a webhook delivered again) keeps
 * one row.
 */
export class InsightsStore {
  /** Versions of the migrations this open applied; empty when the schema was already current. */
  readonly migrated: number[];
  /** Users, sessions and one-time links. */
  readonly users: UserStore;
  /** Share links, their browser sessions and the audit log. */
  readonly shares: ShareStore;
  /** Connections with Facebook and Instagram, their sealed tokens and accounts. */
  readonly connections: ConnectionStore;
  /** Daily values of account metrics, kept past Instagram's two years. */
  readonly history: HistoryStore;
  /** The accounts configured tokens reached at their last discovery, and media owners. */
  readonly directory: DirectoryStore;
  private readonly db: Database.Database;
  private closed = false;

  private constructor(
    readonly path: string,
    migrations: readonly Migration[] | undefined,
  ) {
    try {
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
    } catch (error) {
      throw new StoreError(
        `The store ${path} could not be opened (${(error as Error).message}); check DATA_DIR, or move the file away to start a new store.`,
      );
    }
    try {
      this.migrated = migrations ? this.migrate(migrations) : this.checkIsStore();
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.users = new UserStore(this.db);
    this.shares = new ShareStore(this.db);
    this.connections = new ConnectionStore(this.db);
    this.history = new HistoryStore(this.db);
    this.directory = new DirectoryStore(this.db);
  }

  /**
   * Opens (and creates, or migrates) the store at a file path, or `:memory:`. With `migrate: false`
   * an existing store is opened as it is, whatever its schema version (to back it up, say).
   */
  static open(
    path: string,
    options: { migrations?: readonly Migration[]; migrate?: boolean } = {},
  ): InsightsStore {
    return new InsightsStore(
      path,
      options.migrate === false ? undefined : (options.migrations ?? MIGRATIONS),
    );
  }

  /** Refuses a database that is not a store of this server (opened without migrating). */
  private checkIsStore(): number[] {
    const found = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!found)
      throw new StoreError(
        `${this.path} is not a store of this dashboard (it has no schema_migrations table); check DATA_DIR.`,
      );
    return [];
  }

  private migrate(migrations: readonly Migration[]): number[] {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const latest = Math.max(0, ...migrations.map((m) => m.version));
    const current = this.schemaVersion();
    if (current > latest) {
      throw new StoreError(
        `The store ${this.path} was written by a newer version of the server (schema ${current}, this one knows ${latest}); upgrade the server or use another DATA_DIR.`,
      );
    }
    const applied: number[] = [];
    const ordered = [...migrations].sort((a, b) => a.version - b.version);
    for (const migration of ordered) {
      // Immediate: two servers starting on one file migrate one after the other.
      this.db
        .transaction(() => {
          if (this.schemaVersion() >= migration.version) return;
          this.db.exec(migration.sql);
          this.db
            .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
            .run(migration.version, migration.name, new Date().toISOString());
          applied.push(migration.version);
        })
        .immediate();
    }
    return applied;
  }

  schemaVersion(): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
      v: number | null;
    };
    return row.v ?? 0;
  }

  /** Runs several writes as one: all of them are stored, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** `ok`, or SQLite's list of problems. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('\n');
  }

  /**
   * Writes a consistent copy of the store to `file`, also while other connections (a running
   * server) write to it. SQLite's online backup copies every page in one step: it reads one
   * snapshot (WAL: writers go on meanwhile), and a write elsewhere cannot restart it half-way as
   * it would between small steps. The copy is made under a temporary name next to `file`,
   * checked, turned into a single file (no -wal) and renamed at the end: `file` never holds half a
   * backup, and a failure leaves nothing behind. Refuses an existing `file` unless `overwrite`.
   */
  async backupTo(file: string, options: { overwrite?: boolean } = {}): Promise<BackupResult> {
    const target = resolve(file);
    const source = resolve(this.path);
    if ([source, `${source}-wal`, `${source}-shm`].includes(target))
      throw new StoreError(
        `${target} is the store itself; write the backup to another file, e.g. outside DATA_DIR.`,
      );
    const found = statSync(target, { throwIfNoEntry: false });
    if (found?.isDirectory())
      throw new StoreError(
        `${target} is a directory; give the backup a file name, e.g. ${join(target, 'insights-backup.sqlite')}.`,
      );
    if (found && !options.overwrite)
      throw new BackupExistsError(`${target} exists already; nothing was written.`);
    const directory = dirname(target);
    if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory())
      throw new StoreError(
        `The directory ${directory} does not exist; create it, or write the backup elsewhere.`,
      );
    const temporary = join(
      directory,
      `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`,
    );
    try {
      await this.db.backup(temporary, { progress: () => ALL_PAGES });
      const copy = new Database(temporary);
      let schemaVersion: number;
      try {
        // One self-contained file: restoring it is copying it.
        copy.pragma('journal_mode = DELETE');
        const problems = (copy.pragma('integrity_check') as { integrity_check: string }[]).map(
          (r) => r.integrity_check,
        );
        if (problems.join('\n') !== 'ok')
          throw new StoreError(
            `The copy fails SQLite's integrity check (${problems.slice(0, 3).join('; ')}); nothing was written to ${target}. Check the store with the server stopped.`,
          );
        const row = copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
          v: number | null;
        };
        schemaVersion = row.v ?? 0;
      } finally {
        copy.close();
      }
      syncToDisk(temporary);
      // Checked again: the file may have appeared while the copy was made.
      if (!options.overwrite && existsSync(target))
        throw new BackupExistsError(`${target} exists already; nothing was written.`);
      renameSync(temporary, target);
      syncToDisk(directory, { directory: true });
      return { file: target, bytes: statSync(target).size, schemaVersion };
    } catch (error) {
      for (const leftover of ['', '-journal', '-wal', '-shm'])
        rmSync(`${temporary}${leftover}`, { force: true });
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        `The backup to ${target} failed (${(error as Error).message}); nothing was written there. Check that its directory is writable and has room.`,
      );
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // Daily values: follower_count, online_followers.

  /** Stores the values of one metric for several days at once; returns how many were written. */
  putDailyValues(
    accountId: string,
    metric: string,
    values: readonly { day: IsoDay; value: unknown }[],
    capturedAt: Date,
  ): number {
    const upsert = this.db.prepare(`
      INSERT INTO account_daily (account_id, metric, day, value, captured_at)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (account_id, metric, day) DO UPDATE SET
        value = excluded.value, captured_at = excluded.captured_at
      WHERE value IS NOT excluded.value`);
    const at = capturedAt.toISOString();
    return this.transaction(() => {
      let written = 0;
      for (const { day, value } of values)
        written += upsert.run(accountId, metric, day, JSON.stringify(value), at).changes;
      return written;
    });
  }

  dailyValues<V = number>(
    accountId: string,
    metric: string,
    range: { first?: IsoDay; last?: IsoDay } = {},
  ): StoredDay<V>[] {
    const rows = this.db
      .prepare(`
        SELECT day, value, captured_at FROM account_daily
        WHERE account_id = ? AND metric = ? AND day >= ? AND day <= ?
        ORDER BY day`)
      .all(accountId, metric, range.first ?? '0000-00-00', range.last ?? '9999-99-99') as {
      day: string;
      value: string;
      captured_at: string;
    }[];
    return rows.map((r) => ({
      day: r.day,
      value: JSON.parse(r.value) as V,
      capturedAt: r.captured_at,
    }));
  }

  /** The first day stored for a metric, or undefined. */
  firstDay(accountId: string, metric: string): IsoDay | undefined {
    const row = this.db
      .prepare('SELECT MIN(day) AS day FROM account_daily WHERE account_id = ? AND metric = ?')
      .get(accountId, metric) as { day: string | null };
    return row.day ?? undefined;
  }

  // Demographics.

  putDemographics(
    accountId: string,
    snapshot: {
      metric: string;
      breakdown: string;
      timeframe: string;
      day: IsoDay;
      results: readonly BreakdownResult[];
    },
    capturedAt: Date,
  ): number {
    const upsert = this.db.prepare(`
      INSERT INTO demographics (account_id, metric, breakdown, timeframe, day, results, captured_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id, metric, breakdown, timeframe, day) DO UPDATE SET
        results = excluded.results, captured_at = excluded.captured_at`);
    return this.transaction(
      () =>
        upsert.run(
          accountId,
          snapshot.metric,
          snapshot.breakdown,
          snapshot.timeframe,
          snapshot.day,
          JSON.stringify(snapshot.results),
          capturedAt.toISOString(),
        ).changes,
    );
  }

  demographics(
    accountId: string,
    key: { metric: string; breakdown: string; timeframe: string },
    range: { first?: IsoDay; last?: IsoDay } = {},
  ): StoredDemographics[] {
    const rows = this.db
      .prepare(`
        SELECT day, results, captured_at FROM demographics
        WHERE account_id = ? AND metric = ? AND breakdown = ? AND timeframe = ?
          AND day >= ? AND day <= ?
        ORDER BY day`)
      .all(
        accountId,
        key.metric,
        key.breakdown,
        key.timeframe,
        range.first ?? '0000-00-00',
        range.last ?? '9999-99-99',
      ) as { day: string; results: string; captured_at: string }[];
    return rows.map((r) => ({
      day: r.day,
      results: JSON.parse(r.results) as BreakdownResult[],
      capturedAt: r.captured_at,
    }));
  }

  firstDemographicsDay(
    accountId: string,
    key: { metric: string; breakdown: string; timeframe: string },
  ): IsoDay | undefined {
    const row = this.db
      .prepare(`
        SELECT MIN(day) AS day FROM demographics
        WHERE account_id = ? AND metric = ? AND breakdown = ? AND timeframe = ?`)
      .get(accountId, key.metric, key.breakdown, key.timeframe) as { day: string | null };
    return row.day ?? undefined;
  }

  // Stories.

  /** Records a story (or completes what is known of it); refuses one stored under another account. */
  noteStory(story: StoryInfo, seenAt: Date): void {
    this.transaction(() => {
      const known = this.db
        .prepare('SELECT account_id FROM stories WHERE story_id = ?')
        .get(story.id) as { account_id: string } | undefined;
      if (known && known.account_id !== story.accountId) {
        throw new StoreConflictError(
          `Story ${story.id} is stored as a story of account ${known.account_id}, not ${story.accountId}.`,
        );
      }
      const postedAt = story.postedAt?.toISOString() ?? null;
      const expiresAt = story.postedAt
        ? new Date(story.postedAt.getTime() + STORY_LIFETIME_MS).toISOString()
        : null;
      this.db
        .prepare(`
          INSERT INTO stories (story_id, account_id, media_type, posted_at, expires_at, first_seen_at)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (story_id) DO UPDATE SET
            media_type = COALESCE(excluded.media_type, media_type),
            posted_at  = COALESCE(excluded.posted_at, posted_at),
            expires_at = COALESCE(excluded.expires_at, expires_at)`)
        .run(
          story.id,
          story.accountId,
          story.mediaType ?? null,
          postedAt,
          expiresAt,
          seenAt.toISOString(),
        );
    });
  }

  hasStorySnapshot(storyId: string, hour: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM story_snapshots WHERE story_id = ? AND hour = ?')
        .get(storyId, hour) !== undefined
    );
  }

  /**
   * One hourly snapshot of a live story: the snapshot row and the story's latest numbers, together.
   * `hour` is the UTC hour it belongs to (YYYY-MM-DDTHH): the same hour twice keeps one row.
   */
  putStorySnapshot(
    story: StoryInfo,
    hour: string,
    metrics: Readonly<Record<string, number>>,
    capturedAt: Date,
  ): void {
    const at = capturedAt.toISOString();
    this.transaction(() => {
      this.noteStory(story, capturedAt);
      this.db
        .prepare(`
          INSERT INTO story_snapshots (story_id, hour, metrics, captured_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (story_id, hour) DO UPDATE SET
            metrics = excluded.metrics, captured_at = excluded.captured_at`)
        .run(story.id, hour, JSON.stringify(metrics), at);
      this.writeStoryMetrics(story.id, 'hourly_snapshot', metrics, at);
    });
  }

  /** A story's final numbers, from the story_insights webhook (delivered again: one row kept). */
  putStoryFinal(
    accountId: string,
    storyId: string,
    metrics: Readonly<Record<string, number>>,
    receivedAt: Date,
  ): void {
    const at = receivedAt.toISOString();
    this.transaction(() => {
      this.noteStory({ id: storyId, accountId }, receivedAt);
      this.db
        .prepare('UPDATE stories SET final_received_at = ? WHERE story_id = ?')
        .run(at, storyId);
      this.writeStoryMetrics(storyId, 'webhook', metrics, at);
    });
  }

  private writeStoryMetrics(
    storyId: string,
    source: StorySource,
    metrics: Readonly<Record<string, number>>,
    at: string,
  ): void {
    // The set of metrics is replaced as a whole: a metric a later answer lacks is not kept.
    this.db
      .prepare('DELETE FROM story_metrics WHERE story_id = ? AND source = ?')
      .run(storyId, source);
    const insert = this.db.prepare(
      'INSERT INTO story_metrics (story_id, source, metric, value, captured_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const [metric, value] of Object.entries(metrics))
      insert.run(storyId, source, metric, Math.round(value), at);
  }

  /** The account's stories that have expired by `now` (or whose final numbers came), newest first. */
  storyArchive(
    accountId: string,
    now: Date,
    page: { limit: number; after?: { endedAt: string; id: string } },
  ): ArchivedStory[] {
    const rows = this.db
      .prepare(`
        SELECT story_id, account_id, media_type, posted_at, expires_at, final_received_at,
               COALESCE(expires_at, final_received_at) AS ended_at
        FROM stories
        WHERE account_id = ?
          AND (expires_at <= ? OR final_received_at IS NOT NULL)
          AND (? IS NULL OR COALESCE(expires_at, final_received_at) < ?
               OR (COALESCE(expires_at, final_received_at) = ? AND story_id < ?))
        ORDER BY ended_at DESC, story_id DESC
        LIMIT ?`)
      .all(
        accountId,
        now.toISOString(),
        page.after?.endedAt ?? null,
        page.after?.endedAt ?? null,
        page.after?.endedAt ?? null,
        page.after?.id ?? null,
        page.limit,
      ) as {
      story_id: string;
      account_id: string;
      media_type: string | null;
      posted_at: string | null;
      expires_at: string | null;
      final_received_at: string | null;
      ended_at: string;
    }[];
    const metricsOf = this.db.prepare(
      'SELECT source, metric, value, captured_at FROM story_metrics WHERE story_id = ?',
    );
    return rows.map((r) => {
      const all = metricsOf.all(r.story_id) as {
        source: StorySource;
        metric: string;
        value: number;
        captured_at: string;
      }[];
      const byName = new Map<string, ArchivedStory['metrics'][number]>();
      for (const m of all) {
        const known = byName.get(m.metric);
        if (known?.source === 'webhook') continue;
        byName.set(m.metric, {
          name: m.metric,
          value: m.value,
          source: m.source,
          capturedAt: m.captured_at,
        });
      }
      return {
        id: r.story_id,
        accountId: r.account_id,
        ...(r.media_type ? { mediaType: r.media_type } : {}),
        ...(r.posted_at ? { postedAt: r.posted_at } : {}),
        ...(r.expires_at ? { expiresAt: r.expires_at } : {}),
        ...(r.final_received_at ? { finalReceivedAt: r.final_received_at } : {}),
        endedAt: r.ended_at,
        metrics: [...byName.values()],
      };
    });
  }

  // Retention.

  /**
   * Deletes the daily history of days before `day` (a US Pacific day), in one transaction: the
   * tables of DAILY_HISTORY_TABLES (daily values, demographics, scheduler runs) and the stories
   * that ended before that day began, with their snapshots and numbers. Users, sessions, share
   * links, connections and the audit log are never touched. Returns the rows deleted per table.
   */
  pruneHistoryBefore(day: IsoDay): Record<string, number> {
    if (!isIsoDay(day)) throw new StoreError(`Not a YYYY-MM-DD day: ${day}`);
    const dayStart = pacificDayStart(day);
    // A story seen without its posting time ended at most 24 hours after it was first seen.
    const ended = `(COALESCE(expires_at, final_received_at) < @endedBefore
      OR (expires_at IS NULL AND final_received_at IS NULL AND first_seen_at < @seenBefore))`;
    const times = {
      endedBefore: dayStart.toISOString(),
      seenBefore: new Date(dayStart.getTime() - STORY_LIFETIME_MS).toISOString(),
    };
    this.history.forgetOldestDays();
    return this.transaction(() => {
      const removed: Record<string, number> = {};
      for (const { table, dayColumn } of DAILY_HISTORY_TABLES)
        removed[table] = this.db
          .prepare(`DELETE FROM ${table} WHERE ${dayColumn} < ?`)
          .run(day).changes;
      for (const table of ['story_snapshots', 'story_metrics'])
        removed[table] = this.db
          .prepare(
            `DELETE FROM ${table} WHERE story_id IN (SELECT story_id FROM stories WHERE ${ended})`,
          )
          .run(times).changes;
      removed.stories = this.db.prepare(`DELETE FROM stories WHERE ${ended}`).run(times).changes;
      return removed;
    });
  }

  // Scheduler bookkeeping.

  runFinished(kind: string, period: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM snapshot_runs WHERE kind = ? AND period = ?')
        .get(kind, period) !== undefined
    );
  }

  finishRun(kind: string, period: string, at: Date): void {
    this.transaction(() => {
      this.db
        .prepare(`
          INSERT INTO snapshot_runs (kind, period, finished_at) VALUES (?, ?, ?)
          ON CONFLICT (kind, period) DO UPDATE SET finished_at = excluded.finished_at`)
        .run(kind, period, at.toISOString());
    });
  }
}

/** Flushes a file (or a directory's entries) to the disk; some systems cannot sync a directory. */
function syncToDisk(path: string, options: { directory?: boolean } = {}): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (error) {
    if (!options.directory) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
