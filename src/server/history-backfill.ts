import {
  breakdownRow,
  HISTORY_BREAKDOWNS,
  HISTORY_SERIES_METRICS,
  HISTORY_TOTAL_METRICS,
  newestSettledDay,
  oldestGraphDay,
  RECHECK_DAYS,
  RECHECK_EVERY_DAYS,
} from '../graph/account-history';
import { splitIntoWindows, windowForDays } from '../graph/date-windows';
import type { IgMedia, InsightsResponse, ListResponse } from '../graph/graph-types';
import { mediaMetricsOffered } from '../graph/metric-catalogue';
import {
  addDays,
  dayOfEndTime,
  daysBetween,
  type IsoDay,
  laterDay,
  pacificDayOf,
  parseGraphTimestamp,
} from '../graph/pacific-days';
import { CATALOGUE_CHECKED_VERSION, parseGraphVersion } from '../graph/versions';
import type { AccountDirectory } from './account-directory';
import type { ApiError } from './api-errors';
import type { GraphCall, GraphClient, UpstreamMeter } from './graph-client';
import type { Redactor } from './redact';
import { SingleRun } from './single-run';
import type { HistoryStore, HistoryValue } from './store/history-store';

const MINUTE = 60_000;
const MAX_BATCH = 50;
/** Entries of the first batch when the usage figures are unknown or old: they measure the cost. */
const PROBE_BATCH = 5;
/** Usage figures older than this are not trusted: Graph's window rolls on. */
const USAGE_FRESH_MS = 10 * MINUTE;
const MAX_BACKOFF_MS = 60 * MINUTE;
/** Posts are snapshotted daily while younger than this many days, weekly after, up to a year. */
const MEDIA_DAILY_DAYS = 30;
const MEDIA_TRACK_DAYS = 365;
/** Pages of 100 posts listed at most per account and day. */
const MEDIA_LIST_PAGES = 10;

export interface HistoryBackfillOptions {
  history: HistoryStore;
  client: GraphClient;
  directory: AccountDirectory;
  now: () => Date;
  /** One line per run; errors are redacted first. */
  log: (line: string) => void;
  redact: Redactor;
  /** HISTORY_BUDGET_SHARE: the share (0–1) of Graph's rate-limit budget the backfill may use. */
  budgetShare: number;
  /** How often it wakes up while work remains (default 10 minutes). */
  tickMs?: number;
  graphVersion: string;
  /** HISTORY_RETENTION_DAYS: days the store deletes are not fetched either. */
  retentionDays?: number;
}

export type BackfillState = 'filling' | 'waiting-for-budget' | 'throttled' | 'done';

export interface BackfillReport {
  accounts: number;
  /** Batch entries sent (each counts against Graph's rate limit). */
  asked: number;
  /** Day values stored for the first time, and ones a re-check changed. */
  stored: number;
  revised: number;
  /** Set when the run stopped before every account was complete. */
  stopped?: 'budget' | 'throttled' | 'stopped';
  errors: string[];
}

export interface HistoryStatus {
  /** Settled days within Instagram's two years whose every kept metric is stored. */
  storedDays: number;
  /** Settled days Instagram still keeps: what a complete backfill holds. */
  settledDays: number;
  /** Days stored beyond Instagram's two years (kept since the dashboard started). */
  olderDays: number;
  oldestDay?: IsoDay;
  state: BackfillState;
}

type Ask =
  | { kind: 'totals'; day: IsoDay; metrics: string[]; last: IsoDay }
  | { kind: 'breakdown'; day: IsoDay; metrics: string[]; last: IsoDay; breakdown: string }
  | { kind: 'series'; first: IsoDay; last: IsoDay; metrics: string[] };

const KEPT_METRICS: readonly string[] = [...HISTORY_TOTAL_METRICS, ...HISTORY_SERIES_METRICS];

/**
 * Stores the daily value of every account metric the dashboard shows, from the newest settled day
 * back to the oldest Instagram keeps, in batches of 50, newest first. It spends at most
 * `budgetShare` of the rate-limit budget Graph reports in its usage headers, backs off when
 * throttled, and resumes from the store after a restart (what is stored is never asked again,
 * but for the weekly re-check of the newest 28 settled days).
 */
export class HistoryBackfill {
  private timer: NodeJS.Timeout | undefined;
  private readonly runs: SingleRun<BackfillReport>;
  private stopped = false;
  private backoffMs = 0;
  private readonly states = new Map<string, BackfillState>();
  /** Metrics Instagram refuses for an account (too few followers, not offered): kept as "none". */
  private readonly refused = new Map<string, Set<string>>();
  /** Breakdowns Instagram refuses for an account (this process): their cards ask Instagram. */
  private readonly refusedBreakdowns = new Map<string, Set<string>>();
  /** The Pacific day each account's posts were last snapshotted (this process). */
  private readonly mediaDoneOn = new Map<string, IsoDay>();
  private readonly version: number;
  /** At most how many usage points one entry costs, per account, as measured. */
  private readonly costPerEntry = new Map<string, number>();

  constructor(private readonly options: HistoryBackfillOptions) {
    this.runs = new SingleRun('history', () => this.runOnce(), options.log, options.redact);
    this.version = parseGraphVersion(options.graphVersion) ?? CATALOGUE_CHECKED_VERSION;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.runs.current;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick().then((report) => {
        const tick = this.options.tickMs ?? 10 * MINUTE;
        this.backoffMs =
          report?.stopped === 'throttled'
            ? Math.min(MAX_BACKOFF_MS, (this.backoffMs || tick) * 2)
            : 0;
        this.schedule(this.backoffMs || tick);
      });
    }, ms);
    this.timer.unref();
  }

  /** A run, unless one is already going. */
  tick(): Promise<BackfillReport | undefined> {
    return this.runs.run();
  }

  status(accountId: string): HistoryStatus {
    const today = pacificDayOf(this.options.now());
    const oldest = this.oldestToFill(today);
    const newest = newestSettledDay(today);
    const history = this.options.history;
    const stored = history.storedDays(accountId, KEPT_METRICS, oldest, newest);
    const older = history.storedDays(accountId, KEPT_METRICS, '0000-01-01', addDays(oldest, -1));
    const oldestDay = older[0] ?? stored[0];
    const settledDays = Math.max(0, daysBetween(oldest, newest) + 1);
    return {
      storedDays: stored.length,
      settledDays,
      olderDays: older.length,
      ...(oldestDay ? { oldestDay } : {}),
      // Done once every daily value is stored; breakdowns may still be filling after that.
      state: stored.length >= settledDays ? 'done' : (this.states.get(accountId) ?? 'filling'),
    };
  }

  /** One pass over every allowed account, until done, out of budget, or throttled. */
  async runOnce(): Promise<BackfillReport> {
    const meter: UpstreamMeter = { calls: 0 };
    const report: BackfillReport = { accounts: 0, asked: 0, stored: 0, revised: 0, errors: [] };
    const accounts = [...(await this.options.directory.accounts(meter)).keys()];
    for (const accountId of accounts) {
      if (this.stopped) {
        report.stopped = 'stopped';
        break;
      }
      if (await this.options.directory.problemFor(accountId, meter)) continue;
      report.accounts++;
      let outcome = await this.fillAccount(accountId, meter, report);
      if (outcome === 'done') outcome = await this.snapshotMedia(accountId, meter, report);
      this.states.set(accountId, outcome);
      if (outcome === 'throttled') {
        report.stopped = 'throttled';
        break;
      }
      if (outcome === 'waiting-for-budget') report.stopped = 'budget';
    }
    this.options.log(JSON.stringify({ event: 'history', ...report, upstream: meter.calls }));
    return report;
  }

  /** The oldest day to fill: Instagram's oldest, or the retention's cut-off if later. */
  private oldestToFill(today: IsoDay): IsoDay {
    const oldest = oldestGraphDay(today);
    const retention = this.options.retentionDays;
    if (!retention) return oldest;
    const cutOff = addDays(today, -retention);
    return laterDay(cutOff, oldest);
  }

  /** Whether the weekly re-check of the newest settled days is due. */
  private recheckDue(accountId: string): boolean {
    const last = this.options.history.rechecked(accountId);
    return (
      !last || last.getTime() <= this.options.now().getTime() - RECHECK_EVERY_DAYS * 86_400_000
    );
  }

  private plan(accountId: string, today: IsoDay): Ask[] {
    const { history } = this.options;
    const newest = newestSettledDay(today);
    const oldest = this.oldestToFill(today);
    const refused = this.refused.get(accountId) ?? new Set<string>();
    const totals = HISTORY_TOTAL_METRICS.filter((m) => !refused.has(m));
    const series = HISTORY_SERIES_METRICS.filter((m) => !refused.has(m));
    // A first fill asks the newest days anyway; later, once a week, they are asked again.
    const recheckFrom =
      history.rechecked(accountId) && this.recheckDue(accountId)
        ? addDays(newest, -RECHECK_DAYS + 1)
        : undefined;
    const missing = (metrics: readonly string[]) => {
      const stored = new Set(history.storedDays(accountId, metrics, oldest, newest));
      const days: IsoDay[] = [];
      for (let day = newest; day >= oldest; day = addDays(day, -1))
        if (!stored.has(day) || (recheckFrom && day >= recheckFrom)) days.push(day);
      return days;
    };
    const asks: Ask[] = [];
    if (totals.length > 0)
      for (const day of missing(HISTORY_TOTAL_METRICS))
        asks.push({ kind: 'totals', day, metrics: totals, last: day });
    if (series.length > 0) {
      // Contiguous runs of missing days, each asked 30 days at a time.
      const days = missing(HISTORY_SERIES_METRICS);
      let runEnd = days[0];
      days.forEach((day, i) => {
        const next = days[i + 1];
        if (next && next === addDays(day, -1)) return;
        for (const w of splitIntoWindows(day, runEnd as IsoDay).reverse())
          asks.push({ kind: 'series', first: w.first, last: w.last, metrics: series });
        runEnd = next;
      });
    }
    const refusedBreakdowns = this.refusedBreakdowns.get(accountId);
    for (const { breakdown, metrics } of HISTORY_BREAKDOWNS) {
      if (refusedBreakdowns?.has(breakdown)) continue;
      const markers = metrics.map((m) => breakdownRow(m, breakdown));
      for (const day of missing(markers))
        asks.push({ kind: 'breakdown', day, metrics: [...metrics], last: day, breakdown });
    }
    // The daily values first, breakdowns after; newest first: the days people look at most are
    // there soonest.
    const rank = (ask: Ask) => (ask.kind === 'breakdown' ? 1 : 0);
    return asks.sort(
      (a, b) => rank(a) - rank(b) || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0),
    );
  }

  private call(accountId: string, token: string, ask: Ask, meter: UpstreamMeter): GraphCall {
    const window =
      ask.kind === 'series' ? windowForDays(ask.first, ask.last) : windowForDays(ask.day, ask.day);
    return {
      path: `${accountId}/insights`,
      params: {
        metric: ask.metrics.join(','),
        period: 'day',
        metric_type: ask.kind === 'series' ? 'time_series' : 'total_value',
        ...(ask.kind === 'breakdown' ? { breakdown: ask.breakdown } : {}),
        since: String(window.since),
        until: String(window.until),
      },
      token,
      accountKey: accountId,
      meter,
    };
  }

  /** The highest usage figures Graph last reported for the account and the app, if recent. */
  private usage(accountId: string): { account: number; app: number } | undefined {
    const { client, now } = this.options;
    const account = client.usage.get(accountId);
    if (!account || now().getTime() - Date.parse(account.updatedAt) > USAGE_FRESH_MS)
      return undefined;
    const highest = (
      figures: { call_count?: number; total_time?: number; total_cputime?: number } | undefined,
    ) =>
      Math.max(
        0,
        ...[figures?.call_count, figures?.total_time, figures?.total_cputime].filter(
          (f): f is number => typeof f === 'number',
        ),
      );
    return { account: highest(account), app: highest(client.appUsage) };
  }

  /** How many entries the next batch may hold without going past the budget share. */
  private allowance(accountId: string): number {
    const used = this.usage(accountId);
    if (used === undefined) return PROBE_BATCH;
    // Graph rounds its percentages: the true figure may be half a point higher. The account's
    // figure moves fastest with its entries: the cost measured on it bounds the app's too.
    const room = this.options.budgetShare * 100 - Math.max(used.account, used.app) - 0.5;
    if (room <= 0) return 0;
    const cost = this.costPerEntry.get(accountId);
    if (cost === undefined) return PROBE_BATCH;
    return Math.max(0, Math.min(MAX_BATCH, Math.floor(room / cost)));
  }

  private async fillAccount(
    accountId: string,
    meter: UpstreamMeter,
    report: BackfillReport,
  ): Promise<BackfillState> {
    const { history, directory } = this.options;
    const today = pacificDayOf(this.options.now());
    const recheckDue = this.recheckDue(accountId);
    /** Questions answered this run, and ones left for the next run (Instagram failed). */
    const answered = new Set<string>();
    const skipped = new Set<string>();
    const key = (ask: Ask) =>
      `${ask.kind}:${ask.kind === 'breakdown' ? `${ask.breakdown}:` : ''}${ask.last}`;
    let asks = this.plan(accountId, today);
    const token = asks.length > 0 ? await directory.tokenFor(accountId, meter) : '';
    while (asks.length > 0) {
      if (this.stopped) return 'filling';
      const room = this.allowance(accountId);
      if (room === 0) return 'waiting-for-budget';
      const chunk = asks.slice(0, room);
      asks = asks.slice(chunk.length);
      const results = await this.send(
        accountId,
        chunk.map((ask) => this.call(accountId, token, ask, meter)),
        report,
      );
      const values: HistoryValue[] = [];
      let refusedAsk: Ask | undefined;
      for (const [i, result] of results.entries()) {
        const ask = chunk[i] as Ask;
        if (result.ok) {
          answered.add(key(ask));
          values.push(...this.read(accountId, ask, result.body));
          continue;
        }
        if (result.error.status === 429) {
          this.save(accountId, values, report);
          return 'throttled';
        }
        if (result.error.status >= 500) {
          skipped.add(key(ask));
          if (report.errors.length < 10) report.errors.push(this.describe(accountId, result.error));
          continue;
        }
        if (ask.kind === 'breakdown') {
          // Not offered for this account: its breakdown cards are asked of Instagram, as before.
          const refused = this.refusedBreakdowns.get(accountId) ?? new Set<string>();
          refused.add(ask.breakdown);
          this.refusedBreakdowns.set(accountId, refused);
          skipped.add(key(ask));
          continue;
        }
        // Instagram refuses the question itself (a metric not offered for this account).
        refusedAsk ??= ask;
      }
      this.save(accountId, values, report);
      if (refusedAsk) {
        const found = await this.findRefused(accountId, token, refusedAsk, meter, report);
        if (!found) skipped.add(key(refusedAsk));
        // The rest is asked again without the refused metrics.
        asks = this.plan(accountId, today).filter(
          (ask) => !answered.has(key(ask)) && !skipped.has(key(ask)),
        );
      }
    }
    if (skipped.size > 0) return 'filling';
    if (recheckDue) history.setRechecked(accountId, this.options.now());
    return 'done';
  }

  /**
   * Once a Pacific day: the lifetime metrics of the account's posts, daily in their first 30 days
   * and weekly after, up to a year old, so that a post's page can draw how it grew.
   */
  private async snapshotMedia(
    accountId: string,
    meter: UpstreamMeter,
    report: BackfillReport,
  ): Promise<BackfillState> {
    const { client, history, directory } = this.options;
    const today = pacificDayOf(this.options.now());
    if (this.mediaDoneOn.get(accountId) === today) return 'done';
    const token = await directory.tokenFor(accountId, meter);
    const login = directory.loginOf(accountId);
    const last = history.lastMediaDays(accountId);
    const due: { id: string; productType: string; mediaType?: string }[] = [];
    let after: string | undefined;
    for (let page = 0; page < MEDIA_LIST_PAGES; page++) {
      if (this.allowance(accountId) === 0) return 'waiting-for-budget';
      const list = await client.get<ListResponse<IgMedia>>({
        path: `${accountId}/media`,
        params: {
          fields: 'id,timestamp,media_product_type,media_type',
          limit: '100',
          ...(after ? { after } : {}),
        },
        token,
        accountKey: accountId,
        meter,
      });
      report.asked++;
      // Whose posts these are: opening one later (after a restart too) costs no look-up.
      directory.remember(accountId, list.data);
      let older = false;
      for (const post of list.data) {
        if (!post.timestamp) continue;
        const age = daysBetween(pacificDayOf(parseGraphTimestamp(post.timestamp)), today);
        if (age > MEDIA_TRACK_DAYS) {
          older = true;
          continue;
        }
        const stored = last.get(post.id);
        const every = age < MEDIA_DAILY_DAYS ? 1 : 7;
        if (!stored || daysBetween(stored, today) >= every)
          due.push({
            id: post.id,
            productType: post.media_product_type ?? 'FEED',
            ...(post.media_type ? { mediaType: post.media_type } : {}),
          });
      }
      after = list.paging?.cursors?.after;
      if (older || !list.paging?.next || !after) break;
    }
    while (due.length > 0) {
      if (this.stopped) return 'filling';
      const room = this.allowance(accountId);
      if (room === 0) return 'waiting-for-budget';
      const chunk = due.splice(0, room);
      // Every lifetime metric the post's page shows, as its kind and the account's login offer.
      const metrics = chunk.map((post) =>
        mediaMetricsOffered(this.version, login, post.productType, post.mediaType).map(
          (m) => m.name,
        ),
      );
      const results = await this.send(
        accountId,
        chunk.map((post, i) => ({
          path: `${post.id}/insights`,
          params: { metric: (metrics[i] ?? []).join(',') },
          token,
          accountKey: accountId,
          meter,
        })),
        report,
      );
      for (const [i, result] of results.entries()) {
        const post = chunk[i] as (typeof chunk)[number];
        const names = metrics[i] ?? [];
        if (!result.ok && (result.error.status === 429 || result.error.status >= 500)) {
          if (result.error.status === 429) return 'throttled';
          continue;
        }
        // A post Instagram gives no insights for (posted before the business account) is kept
        // as "none" for the day, and asked again on its schedule.
        const values = names.map((metric) => {
          const entry = result.ok ? result.body.data.find((d) => d.name === metric) : undefined;
          const value = entry?.values?.[0]?.value ?? entry?.total_value?.value;
          return { metric, value: typeof value === 'number' ? value : null };
        });
        report.stored += history.putMedia(accountId, post.id, today, values, this.options.now());
      }
    }
    this.mediaDoneOn.set(accountId, today);
    return 'done';
  }

  /** One batch call; it measures what an entry costs of the usage Graph reports. */
  private async send<T = InsightsResponse>(
    accountId: string,
    calls: GraphCall[],
    report: BackfillReport,
  ): Promise<({ ok: true; body: T } | { ok: false; error: ApiError })[]> {
    const before = this.usage(accountId);
    const results = await this.options.client.batch<T>(calls);
    report.asked += calls.length;
    const after = this.usage(accountId);
    if (before !== undefined && after !== undefined) {
      // Rounded figures hide up to a point of the change: the cost is at most (change + 1) / n,
      // and the tightest such bound seen is kept.
      const bound = (Math.max(0, after.account - before.account) + 1) / calls.length;
      this.costPerEntry.set(accountId, Math.min(bound, this.costPerEntry.get(accountId) ?? bound));
    }
    return results;
  }

  /** Asks each metric of a refused question alone, and keeps those Instagram refuses as "none". */
  private async findRefused(
    accountId: string,
    token: string,
    ask: Ask,
    meter: UpstreamMeter,
    report: BackfillReport,
  ): Promise<boolean> {
    const results = await this.options.client.batch<InsightsResponse>(
      ask.metrics.map((metric) =>
        this.call(accountId, token, { ...ask, metrics: [metric] }, meter),
      ),
    );
    report.asked += ask.metrics.length;
    const refused = this.refused.get(accountId) ?? new Set<string>();
    this.refused.set(accountId, refused);
    let found = false;
    for (const [i, result] of results.entries()) {
      const metric = ask.metrics[i] as string;
      if (result.ok || result.error.status >= 500 || result.error.status === 429) continue;
      refused.add(metric);
      found = true;
      if (report.errors.length < 10) report.errors.push(this.describe(accountId, result.error));
      if (ask.kind === 'series') {
        // No question will carry it again: its days are kept as "none" now.
        const today = pacificDayOf(this.options.now());
        const first = this.oldestToFill(today);
        const stored = new Set(
          this.options.history.storedDays(accountId, [metric], first, newestSettledDay(today)),
        );
        const values: HistoryValue[] = [];
        for (let day = first; day <= newestSettledDay(today); day = addDays(day, 1))
          if (!stored.has(day)) values.push({ metric, day, value: null });
        this.save(accountId, values, report);
      }
    }
    return found;
  }

  /** The day values an answer holds; every asked day gets a row (null: Instagram gave none). */
  private read(accountId: string, ask: Ask, body: InsightsResponse): HistoryValue[] {
    if (ask.kind === 'breakdown') {
      const rows: HistoryValue[] = [];
      for (const metric of ask.metrics) {
        const entry = body.data.find((d) => d.name === metric);
        const total = entry?.total_value?.value;
        rows.push({
          metric: breakdownRow(metric, ask.breakdown),
          day: ask.day,
          value: typeof total === 'number' ? total : null,
        });
        for (const result of entry?.total_value?.breakdowns?.[0]?.results ?? []) {
          const value = result.dimension_values[0];
          if (value !== undefined)
            rows.push({
              metric: breakdownRow(metric, ask.breakdown, value),
              day: ask.day,
              value: result.value,
            });
        }
      }
      return rows;
    }
    const refused = [...(this.refused.get(accountId) ?? [])].filter((m) =>
      (ask.kind === 'totals' ? HISTORY_TOTAL_METRICS : HISTORY_SERIES_METRICS).includes(m as never),
    );
    const values: HistoryValue[] = [];
    if (ask.kind === 'totals') {
      for (const metric of ask.metrics) {
        const entry = body.data.find((d) => d.name === metric);
        const value = entry?.total_value?.value;
        values.push({ metric, day: ask.day, value: typeof value === 'number' ? value : null });
      }
      for (const metric of refused) values.push({ metric, day: ask.day, value: null });
      return values;
    }
    for (const metric of [...ask.metrics, ...refused]) {
      const byDay = new Map<IsoDay, number>();
      for (const v of body.data.find((d) => d.name === metric)?.values ?? []) {
        if (v.end_time && typeof v.value === 'number') byDay.set(dayOfEndTime(v.end_time), v.value);
      }
      for (let day = ask.first; day <= ask.last; day = addDays(day, 1))
        values.push({ metric, day, value: byDay.get(day) ?? null });
    }
    return values;
  }

  private save(accountId: string, values: HistoryValue[], report: BackfillReport): void {
    if (values.length === 0) return;
    const { written, revised } = this.options.history.put(accountId, values, this.options.now());
    report.stored += written;
    report.revised += revised;
  }

  private describe(accountId: string, error: ApiError): string {
    return this.options.redact(`${accountId}: ${error.message}`).slice(0, 200);
  }
}
