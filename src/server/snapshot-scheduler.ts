import { RECENT_ONLY_DAYS } from '../graph/date-windows';
import type { IgMedia, InsightsResponse, ListResponse } from '../graph/graph-types';
import { mediaMetricsOffered } from '../graph/metric-catalogue';
import { addDays, dayOfEndTime, pacificDayOf, parseGraphTimestamp } from '../graph/pacific-days';
import { CATALOGUE_CHECKED_VERSION, parseGraphVersion } from '../graph/versions';
import type { AccountDirectory } from './account-directory';
import { ApiError } from './api-errors';
import type { GraphClient, UpstreamMeter } from './graph-client';
import {
  cachedGet,
  type FetchContext,
  fetchAccountInsights,
  fetchMediaInsights,
} from './insights-fetch';
import { planAccountInsights } from './insights-plan';
import type { Redactor } from './redact';
import type { ResponseCache } from './response-cache';
import { SingleRun } from './single-run';
import type { InsightsStore } from './store/insights-store';

const HOUR_MS = 3_600_000;
const STORIES_TTL_MS = 60_000;

/** The demographics kept each day: every metric, breakdown and timeframe the audience page shows. */
export const DEMOGRAPHIC_SNAPSHOTS = {
  metrics: ['follower_demographics', 'engaged_audience_demographics'],
  breakdowns: ['age', 'gender', 'country', 'city'],
  timeframes: ['this_month', 'this_week'],
} as const;

export interface SnapshotSchedulerOptions {
  store: InsightsStore;
  client: GraphClient;
  cache: ResponseCache;
  directory: AccountDirectory;
  graphVersion: string;
  now: () => Date;
  /** One line per run; errors are redacted first. */
  log: (line: string) => void;
  redact: Redactor;
  /** How often the scheduler wakes up (default one hour): stories each time, the daily part once a Pacific day. */
  tickMs?: number;
  /** HISTORY_RETENTION_DAYS: once a Pacific day, history older than this many days is deleted. */
  historyRetentionDays?: number;
}

export interface SnapshotReport {
  /** `ran`, or `done` when today's daily snapshots were already stored (before a restart, say). */
  daily: 'ran' | 'done';
  accounts: number;
  /** Rows written or changed (daily values and demographics). */
  values: number;
  /** Stories snapshotted this run. */
  stories: number;
  /** What Instagram does not give for an account (fewer than 100 followers, too few viewers…). */
  unavailable: number;
  /** Failures that will be retried on the next run, redacted. */
  errors: string[];
  /** Rows deleted by HISTORY_RETENTION_DAYS, when today's pruning ran in this run. */
  pruned?: number;
}

/** Errors that later runs may not get: the run is retried at the next tick. */
const isTransient = (error: unknown) =>
  !(error instanceof ApiError) || error.status === 429 || error.status >= 500;

/**
 * Keeps what the Graph API forgets. Once a US Pacific day, for every allowed account: the last 30
 * days of follower_count and online_followers, and the demographics; then, with
 * HISTORY_RETENTION_DAYS, it deletes history older than that. Every hour: the insights of
 * each live story, until it expires. It goes through the server's GraphClient and ResponseCache, so
 * its calls are cached, throttled and coalesced with the pages'. Upstream errors never stop the
 * server: the run logs one line and the next tick tries again.
 */
export class SnapshotScheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly runs: SingleRun<SnapshotReport>;
  private stopped = false;
  private readonly version: number;
  /** Stories asked this hour without an answer worth keeping (too few viewers): not asked again. */
  private tried = { hour: '', ids: new Set<string>() };

  constructor(private readonly options: SnapshotSchedulerOptions) {
    this.version = parseGraphVersion(options.graphVersion) ?? CATALOGUE_CHECKED_VERSION;
    this.runs = new SingleRun('snapshots', () => this.runOnce(), options.log, options.redact);
  }

  /** Runs now, then every tick. The timer never keeps the process alive. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? HOUR_MS);
    this.timer.unref();
    void this.tick();
  }

  /** Stops the timer and waits for a run in progress (which stops between two steps). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.runs.current;
  }

  /** A run, unless one is already going. */
  tick(): Promise<SnapshotReport | undefined> {
    return this.runs.run();
  }

  /** One run: today's daily snapshots if not yet stored, and this hour's story snapshots. */
  async runOnce(): Promise<SnapshotReport> {
    const { store, directory } = this.options;
    const now = this.options.now();
    const today = pacificDayOf(now);
    const meter: UpstreamMeter = { calls: 0 };
    const report: SnapshotReport = {
      daily: 'done',
      accounts: 0,
      values: 0,
      stories: 0,
      unavailable: 0,
      errors: [],
    };
    const fail = (what: string, error: unknown) => {
      if (!isTransient(error)) {
        report.unavailable++;
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      report.errors.push(this.options.redact(`${what}: ${message}`).slice(0, 200));
    };
    let accounts: string[] = [];
    try {
      accounts = [...(await directory.accounts(meter)).keys()];
    } catch (error) {
      fail('accounts', error);
    }
    report.accounts = accounts.length;
    const dailyDue = accounts.length > 0 && !store.runFinished('daily', today);
    if (dailyDue) {
      report.daily = 'ran';
      const before = report.errors.length;
      for (const id of accounts) {
        if (this.stopped) break;
        await this.daily(id, now, meter, report, fail);
      }
      if (report.errors.length === before && !this.stopped && store.isOpen)
        store.finishRun('daily', today, now);
    }
    const retention = this.options.historyRetentionDays;
    // After the day's snapshots, so that what they wrote is pruned too; local, so without accounts.
    if (retention && !this.stopped && store.isOpen && !store.runFinished('prune', today)) {
      try {
        const removed = store.pruneHistoryBefore(addDays(today, -retention));
        report.pruned = Object.values(removed).reduce((sum, n) => sum + n, 0);
        store.finishRun('prune', today, now);
      } catch (error) {
        fail('pruning history', error);
      }
    }
    for (const id of accounts) {
      if (this.stopped) break;
      await this.stories(id, now, meter, report, fail);
    }
    this.options.log(
      JSON.stringify({
        event: 'snapshots',
        day: today,
        daily: report.daily,
        accounts: report.accounts,
        values: report.values,
        stories: report.stories,
        unavailable: report.unavailable,
        ...(report.pruned !== undefined ? { pruned: report.pruned } : {}),
        upstream: meter.calls,
        ...(report.errors.length ? { errors: report.errors.slice(0, 5) } : {}),
      }),
    );
    return report;
  }

  private async context(id: string, now: Date, meter: UpstreamMeter): Promise<FetchContext> {
    return {
      client: this.options.client,
      cache: this.options.cache,
      token: await this.options.directory.tokenFor(id, meter),
      accountKey: id,
      meter,
      now,
    };
  }

  /** follower_count and online_followers of the last 30 days, and today's demographics. */
  private async daily(
    id: string,
    now: Date,
    meter: UpstreamMeter,
    report: SnapshotReport,
    fail: (what: string, error: unknown) => void,
  ): Promise<void> {
    const { store } = this.options;
    const today = pacificDayOf(now);
    let ctx: FetchContext;
    try {
      ctx = await this.context(id, now, meter);
    } catch (error) {
      fail(`${id}`, error);
      return;
    }
    for (const [metric, period] of [
      ['follower_count', 'day'],
      ['online_followers', 'lifetime'],
    ] as const) {
      if (this.stopped) return;
      try {
        const plan = planAccountInsights(
          { metric, period, since: addDays(today, -RECENT_ONLY_DAYS), until: addDays(today, -1) },
          this.version,
          now,
        );
        const fetched = await fetchAccountInsights(ctx, id, plan);
        const values = (fetched.body.data.find((d) => d.name === metric)?.values ?? []).flatMap(
          (v) => (v.end_time ? [{ day: dayOfEndTime(v.end_time), value: v.value }] : []),
        );
        if (store.isOpen) report.values += store.putDailyValues(id, metric, values, now);
      } catch (error) {
        fail(`${id} ${metric}`, error);
      }
    }
    const asks = DEMOGRAPHIC_SNAPSHOTS.metrics.flatMap((metric) =>
      DEMOGRAPHIC_SNAPSHOTS.breakdowns.flatMap((breakdown) =>
        DEMOGRAPHIC_SNAPSHOTS.timeframes.map((timeframe) => ({ metric, breakdown, timeframe })),
      ),
    );
    // In parallel: the GraphClient holds each account to its concurrency cap.
    await Promise.all(
      asks.map(async (ask) => {
        if (this.stopped) return;
        try {
          const plan = planAccountInsights(
            {
              metric: ask.metric,
              period: 'lifetime',
              metric_type: 'total_value',
              breakdown: ask.breakdown,
              timeframe: ask.timeframe,
            },
            this.version,
            now,
          );
          const fetched = await fetchAccountInsights(ctx, id, plan);
          const entry = fetched.body.data.find((d) => d.name === ask.metric);
          const results = entry?.total_value?.breakdowns?.[0]?.results;
          if (!results) {
            report.unavailable++;
            return;
          }
          if (store.isOpen)
            report.values += store.putDemographics(id, { ...ask, day: today, results }, now);
        } catch (error) {
          fail(`${id} ${ask.metric} ${ask.breakdown} ${ask.timeframe}`, error);
        }
      }),
    );
  }

  /** This hour's insights of each live story of an account (a story already done this hour is skipped). */
  private async stories(
    id: string,
    now: Date,
    meter: UpstreamMeter,
    report: SnapshotReport,
    fail: (what: string, error: unknown) => void,
  ): Promise<void> {
    const { store, directory } = this.options;
    const hour = now.toISOString().slice(0, 13);
    let ctx: FetchContext;
    let live: (IgMedia & { id: string })[];
    try {
      ctx = await this.context(id, now, meter);
      const list = await cachedGet<ListResponse<IgMedia>>(
        ctx,
        `${id}/stories`,
        { fields: 'id,media_type,media_product_type,timestamp', limit: '100' },
        STORIES_TTL_MS,
      );
      live = list.value.data;
      directory.remember(id, live);
    } catch (error) {
      fail(`${id} stories`, error);
      return;
    }
    // Instagram Login offers fewer story metrics.
    const login = directory.loginOf(id);
    if (this.tried.hour !== hour) this.tried = { hour, ids: new Set() };
    for (const item of live) {
      if (this.stopped || !store.isOpen) return;
      const postedAt = item.timestamp ? parseTimestamp(item.timestamp) : undefined;
      const story = {
        id: item.id,
        accountId: id,
        ...(item.media_type ? { mediaType: item.media_type } : {}),
        ...(postedAt ? { postedAt } : {}),
      };
      if (store.hasStorySnapshot(item.id, hour) || this.tried.ids.has(item.id)) continue;
      try {
        const metrics = mediaMetricsOffered(this.version, login, 'STORY', item.media_type);
        const fetched = await fetchMediaInsights(
          ctx,
          item.id,
          { metrics },
          {
            productType: 'STORY',
            ...(item.media_type ? { mediaType: item.media_type } : {}),
            timestamp: item.timestamp ?? now.toISOString(),
          },
        );
        const values = storyValues(fetched.body);
        if (!store.isOpen) return;
        store.putStorySnapshot(story, hour, values, now);
        report.stories++;
      } catch (error) {
        // A story with fewer than 5 viewers has no insights yet: keep what is known of it.
        if (store.isOpen) store.noteStory(story, now);
        if (!isTransient(error)) this.tried.ids.add(item.id);
        fail(`${id} story ${item.id}`, error);
      }
    }
  }
}

function parseTimestamp(value: string): Date | undefined {
  try {
    return parseGraphTimestamp(value);
  } catch {
    return undefined;
  }
}

/** `{reach: 17, views: 28, …}` from a media insights answer. */
function storyValues(body: InsightsResponse): Record<string, number> {
  const values: Record<string, number> = {};
  for (const entry of body.data) {
    const value = entry.values?.[0]?.value ?? entry.total_value?.value;
    if (typeof value === 'number' && Number.isFinite(value)) values[entry.name] = value;
  }
  return values;
}
