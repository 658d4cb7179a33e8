import type Database from 'better-sqlite3';
import type { IsoDay } from '../../graph/pacific-days';

/** One metric's value for one day; null when Instagram gave none (not available, never zero). */
export interface HistoryValue {
  metric: string;
  day: IsoDay;
  value: number | null;
}

/** Daily values of account metrics; behind InsightsStore.history. */
export class HistoryStore {
  private readonly oldest = new Map<string, IsoDay | undefined>();

  constructor(private readonly db: Database.Database) {}

  /**
   * Stores values in one transaction. A day already stored with the same value is left alone; one
   * with another value is updated and marked revised. Returns how many rows were new or revised.
   */
  put(
    accountId: string,
    values: readonly HistoryValue[],
    capturedAt: Date,
  ): { written: number; revised: number } {
    const at = capturedAt.toISOString();
    const existing = this.db.prepare(
      'SELECT value FROM account_history WHERE account_id = ? AND metric = ? AND day = ?',
    );
    const insert = this.db.prepare(
      'INSERT INTO account_history (account_id, metric, day, value, captured_at) VALUES (?, ?, ?, ?, ?)',
    );
    const revise = this.db.prepare(
      'UPDATE account_history SET value = ?, captured_at = ?, revised_at = ? WHERE account_id = ? AND metric = ? AND day = ?',
    );
    this.oldest.delete(accountId);
    return this.db
      .transaction(() => {
        let written = 0;
        let revised = 0;
        for (const { metric, day, value } of values) {
          const row = existing.get(accountId, metric, day) as { value: number | null } | undefined;
          if (!row) {
            insert.run(accountId, metric, day, value, at);
            written++;
          } else if (row.value !== value) {
            revise.run(value, at, at, accountId, metric, day);
            revised++;
          }
        }
        return { written, revised };
      })
      .immediate();
  }

  /** Stored values of some metrics over first..last: metric → day → value (null: none given). */
  values(
    accountId: string,
    metrics: readonly string[],
    first: IsoDay,
    last: IsoDay,
  ): Map<string, Map<IsoDay, number | null>> {
    const result = new Map<string, Map<IsoDay, number | null>>(metrics.map((m) => [m, new Map()]));
    if (metrics.length === 0) return result;
    const rows = this.db
      .prepare(
        `SELECT metric, day, value FROM account_history
         WHERE account_id = ? AND day >= ? AND day <= ?
           AND metric IN (${metrics.map(() => '?').join(',')})
         ORDER BY day`,
      )
      .all(accountId, first, last, ...metrics) as HistoryValue[];
    for (const row of rows) result.get(row.metric)?.set(row.day, row.value);
    return result;
  }

  /** Stored values of every metric whose name starts with `prefix`: metric → day → value. */
  valuesStartingWith(
    accountId: string,
    prefix: string,
    first: IsoDay,
    last: IsoDay,
  ): Map<string, Map<IsoDay, number | null>> {
    const rows = this.db
      .prepare(
        `SELECT metric, day, value FROM account_history
         WHERE account_id = ? AND day >= ? AND day <= ? AND metric >= ? AND metric < ?
         ORDER BY day`,
      )
      .all(accountId, first, last, prefix, `${prefix}\uffff`) as HistoryValue[];
    const result = new Map<string, Map<IsoDay, number | null>>();
    for (const row of rows) {
      const days = result.get(row.metric) ?? new Map<IsoDay, number | null>();
      days.set(row.day, row.value);
      result.set(row.metric, days);
    }
    return result;
  }

  /** The days of first..last for which every one of `metrics` is stored, in order. */
  storedDays(accountId: string, metrics: readonly string[], first: IsoDay, last: IsoDay): IsoDay[] {
    if (metrics.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT day FROM account_history
         WHERE account_id = ? AND day >= ? AND day <= ?
           AND metric IN (${metrics.map(() => '?').join(',')})
         GROUP BY day HAVING COUNT(*) = ? ORDER BY day`,
      )
      .all(accountId, first, last, ...metrics, metrics.length) as { day: IsoDay }[];
    return rows.map((r) => r.day);
  }

  /** The oldest day stored for the account, or undefined. */
  oldestDay(accountId: string): IsoDay | undefined {
    // Asked on every insights request: remembered until this store writes the account's history
    // (only this process writes it).
    if (this.oldest.has(accountId)) return this.oldest.get(accountId);
    const row = this.db
      .prepare('SELECT MIN(day) AS day FROM account_history WHERE account_id = ?')
      .get(accountId) as { day: IsoDay | null };
    this.oldest.set(accountId, row.day ?? undefined);
    return row.day ?? undefined;
  }

  /** Forgets what oldestDay remembered (after history was deleted). */
  forgetOldestDays(): void {
    this.oldest.clear();
  }

  rechecked(accountId: string): Date | undefined {
    const row = this.db
      .prepare('SELECT rechecked_at FROM history_state WHERE account_id = ?')
      .get(accountId) as { rechecked_at: string | null } | undefined;
    return row?.rechecked_at ? new Date(row.rechecked_at) : undefined;
  }

  setRechecked(accountId: string, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO history_state (account_id, rechecked_at) VALUES (?, ?)
         ON CONFLICT (account_id) DO UPDATE SET rechecked_at = excluded.rechecked_at`,
      )
      .run(accountId, at.toISOString());
  }

  // Posts' lifetime metrics, day by day.

  /** Stores a post's lifetime metrics as of `day` (a repeat of the day replaces it). */
  putMedia(
    accountId: string,
    mediaId: string,
    day: IsoDay,
    values: readonly { metric: string; value: number | null }[],
    capturedAt: Date,
  ): number {
    const upsert = this.db.prepare(`
      INSERT INTO media_history (media_id, account_id, metric, day, value, captured_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (media_id, metric, day) DO UPDATE SET
        value = excluded.value, captured_at = excluded.captured_at`);
    const at = capturedAt.toISOString();
    return this.db
      .transaction(() => {
        let written = 0;
        for (const { metric, value } of values)
          written += upsert.run(mediaId, accountId, metric, day, value, at).changes;
        return written;
      })
      .immediate();
  }

  /** A post's stored metrics: metric → [{day, value}] in day order. */
  mediaSeries(mediaId: string): Map<string, { day: IsoDay; value: number | null }[]> {
    const rows = this.db
      .prepare('SELECT metric, day, value FROM media_history WHERE media_id = ? ORDER BY day')
      .all(mediaId) as { metric: string; day: IsoDay; value: number | null }[];
    const series = new Map<string, { day: IsoDay; value: number | null }[]>();
    for (const row of rows) {
      const list = series.get(row.metric) ?? [];
      list.push({ day: row.day, value: row.value });
      series.set(row.metric, list);
    }
    return series;
  }

  /** The last day each of an account's posts was stored. */
  lastMediaDays(accountId: string): Map<string, IsoDay> {
    const rows = this.db
      .prepare(
        'SELECT media_id, MAX(day) AS day FROM media_history WHERE account_id = ? GROUP BY media_id',
      )
      .all(accountId) as { media_id: string; day: IsoDay }[];
    return new Map(rows.map((r) => [r.media_id, r.day]));
  }
}
