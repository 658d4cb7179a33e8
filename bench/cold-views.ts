/**
 * 6. Cold views at 400 ms upstream latency (#17): each view of the dashboard in Debian's Chromium
 * (fresh browser context, 1280×720, no scrolling) against a proxy whose response cache is empty,
 * with the fake Graph API answering each HTTP request after 400 ms (a batch pays it once).
 * Measured: the time from navigation until the last `/api` request finished (the page's requests
 * settled: none in flight for 500 ms), the browser's `/api` requests, and the Graph calls.
 *
 * Two situations, each view on a server of its own:
 * - after backfill: one DATA_DIR whose history backfill has finished (run at latency 0 to be
 *   quick); the server restarts on it before each view, so the cache is cold and the store full;
 * - fresh store: a new, empty DATA_DIR for each view.
 * In both the backfill and the snapshot scheduler are not started (autoSnapshots: false), so that
 * the Graph calls counted are the view's own.
 *
 * Goals: after backfill every view settles within two round trips (800 ms) and makes at most 12
 * browser requests; on a fresh store the two-year account view settles within eight (3,200 ms).
 * Round trips are upstream: the goals are judged from the view's first `/api` request (before it
 * the fresh browser loads the app, which no upstream latency touches); navigation is shown too.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Request } from '@playwright/test';
import type { FakeGraph } from '../src/fake-graph/fake-graph';
import { startFakeGraphServer } from '../src/fake-graph/fake-graph-server';
import { MAX_HISTORY_DAYS } from '../src/graph/date-windows';
import { addDays, pacificDayOf } from '../src/graph/pacific-days';
import type { ServerConfig } from '../src/server/config';
import { type RunningServer, startServer } from '../src/server/start-server';
import {
  assertLoopback,
  BENCH_TOKEN,
  benchServerConfig,
  CHROME_FLAGS,
  CHROME_PATH,
  NORTHWIND,
  ownerSession,
  type Row,
  type Status,
} from './lib/util';

export const COLD_LATENCY_MS = 400;
/** After backfill: two upstream round trips. */
const SETTLED_GOAL_MS = 2 * COLD_LATENCY_MS;
/** Fresh store, account over two years: eight round trips. */
const FRESH_TWO_YEARS_GOAL_MS = 8 * COLD_LATENCY_MS;
const MAX_API_REQUESTS = 12;
/** No request in flight for this long: the page has settled. */
const QUIET_MS = 500;
/** A view that has not settled by then is reported as such. */
const MAX_SETTLE_MS = 45_000;
/** Views left when the step has run this long are not measured (the step's budget is 6 min). */
export const COLD_VIEWS_BUDGET_MS = 6 * 60_000;
const SOFT_BUDGET_MS = COLD_VIEWS_BUDGET_MS - 45_000;

export interface ColdView {
  key: string;
  label: string;
  path: string;
}

export interface ColdLoad {
  /** From navigation until the last `/api` request finished. */
  settleMs: number;
  /** From navigation until the first `/api` request started: the app's own start. */
  firstApiMs: number;
  /** From the first `/api` request's start until the last finished: what the goals judge. */
  dataMs: number;
  /** The page was still busy after MAX_SETTLE_MS. */
  unsettled?: boolean;
  apiRequests: number;
  apiErrors: string[];
  /** Each `/api` request: path, and ms from navigation to its start and its end. */
  timeline: [path: string, start: number, end: number][];
  /** Graph calls as the rate limit counts them (each batch entry is one). */
  graphCalls: number;
  /** HTTP requests to the Graph API (a batch is one): each paid the latency. */
  graphRequests: number;
}

type Outcome = ColdLoad | { error: string };

export interface ColdViewResult extends ColdView {
  afterBackfill: Outcome;
  freshStore: Outcome;
}

export interface ColdViewsResult {
  latencyMs: number;
  backfill: {
    seconds: number;
    runs: number;
    graphCalls: number;
    /** Per account: settled days stored of those Instagram keeps. */
    accounts: { id: string; storedDays: number; settledDays: number }[];
  };
  views: ColdViewResult[];
}

/** The views of #17, with the URLs the app's URL-state modules read. */
export function coldViewList(
  accountIds: readonly string[],
  mediaId: string,
  today = pacificDayOf(new Date()),
): ColdView[] {
  const twoYears = `range=custom&from=${addDays(today, -(MAX_HISTORY_DAYS - 1))}&to=${addDays(today, -1)}`;
  const compare = `/compare?v=1&accounts=${accountIds.slice(0, 5).join(',')}`;
  return [
    { key: 'overview', label: 'overview (/)', path: '/' },
    { key: 'account-28d', label: 'account, 28 days', path: `/accounts/${NORTHWIND}` },
    { key: 'account-90d', label: 'account, 90 days', path: `/accounts/${NORTHWIND}?range=90d` },
    { key: 'account-2y', label: 'account, 2 years', path: `/accounts/${NORTHWIND}?${twoYears}` },
    { key: 'media-list', label: 'media list', path: `/accounts/${NORTHWIND}/media` },
    { key: 'media', label: 'media insights (a post)', path: `/media/${mediaId}` },
    { key: 'compare-90d', label: 'compare 5 accounts, 90 days', path: `${compare}&range=90d` },
    { key: 'compare-2y', label: 'compare 5 accounts, 2 years', path: `${compare}&${twoYears}` },
    { key: 'audience', label: 'audience', path: `/accounts/${NORTHWIND}/audience` },
  ];
}

export async function coldViews(distDir: string): Promise<ColdViewsResult> {
  const started = Date.now();
  const fake = await startFakeGraphServer({ port: 0, host: '127.0.0.1', token: BENCH_TOKEN });
  const { data } = fake.fake;
  for (const account of data.accounts) data.model(account.id, new Date());
  const accountIds = data.accounts.map((a) => a.id);
  // The newest feed post of the main account, as a person would open it from the media list.
  const post = data
    .publishedMedia(NORTHWIND, new Date())
    .find((m) => m.productType === 'FEED' && !m.beforeBusiness);
  if (!post) throw new Error('the fake has no feed post');
  // BENCH_COLD_VIEWS=account-2y,media-list: only those views.
  const only = process.env.BENCH_COLD_VIEWS?.split(',').filter(Boolean);
  const views = coldViewList(accountIds, post.id).filter((v) => !only || only.includes(v.key));
  if (views.length === 0) throw new Error(`BENCH_COLD_VIEWS names no view: ${only?.join(', ')}`);
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cold-views-'));
    dirs.push(dir);
    return dir;
  };
  const start = (dataDir: string) =>
    // No log: the request log is off, and the backfill's lines would cut into the table.
    startServer(storedConfig(fake.url, dataDir), { distDir, autoSnapshots: false, log: () => {} });
  const browser = await chromium.launch({
    executablePath: CHROME_PATH,
    args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')),
  });
  try {
    const filledDir = newDir();
    const backfill = await fill(fake.fake, accountIds, await start(filledDir));
    fake.fake.setFaults({ latencyMs: COLD_LATENCY_MS });

    /** One view on a server started for it on `dataDir`; the fake's counts start at 0. */
    const measureOn = async (dataDir: string, view: ColdView): Promise<Outcome> => {
      if (Date.now() - started > SOFT_BUDGET_MS)
        return { error: 'not measured: the step ran out of time' };
      const server = await start(dataDir);
      try {
        assertLoopback(server.url);
        // Counts, and the rate limit's window, start afresh for each view.
        fake.fake.resetStats();
        const load = await loadView(browser, server, view.path);
        const stats = fake.fake.getStats();
        return { ...load, graphCalls: stats.calls, graphRequests: stats.requests };
      } catch (error) {
        return {
          error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : `${error}`,
        };
      } finally {
        await server.close();
      }
    };

    const afterBackfill = new Map<string, Outcome>();
    for (const view of views) afterBackfill.set(view.key, await measureOn(filledDir, view));
    const results: ColdViewResult[] = [];
    for (const view of views) {
      results.push({
        ...view,
        afterBackfill: afterBackfill.get(view.key) ?? { error: 'not measured' },
        freshStore: await measureOn(newDir(), view),
      });
    }
    return { latencyMs: COLD_LATENCY_MS, backfill, views: results };
  } finally {
    await browser.close();
    await fake.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const TOKEN_KEY = randomBytes(32).toString('base64');

/** The bench's proxy with a store: the backfill may use the whole budget, to finish quickly. */
const storedConfig = (graphBaseUrl: string, dataDir: string): ServerConfig => ({
  ...benchServerConfig(graphBaseUrl),
  storage: { dataDir, historyBudgetShare: 1 },
  // A key of its own, so that no key file is made (and announced) in each DATA_DIR.
  connect: { encryptionKey: TOKEN_KEY },
});

/** Runs the backfill at latency 0 until every account is done, then closes the server. */
async function fill(
  fake: FakeGraph,
  accountIds: string[],
  server: RunningServer,
): Promise<ColdViewsResult['backfill']> {
  const t0 = Date.now();
  try {
    const { backfill } = server;
    if (!backfill) throw new Error('the server with storage made no history backfill');
    fake.setFaults({ latencyMs: 0 });
    fake.resetStats();
    let graphCalls = 0;
    let runs = 0;
    const done = () => accountIds.every((id) => backfill.status(id).state === 'done');
    while (!done()) {
      if (runs >= 10) {
        const states = accountIds.map((id) => `${id}: ${backfill.status(id).state}`).join(', ');
        throw new Error(`the backfill did not finish in ${runs} runs (${states})`);
      }
      const report = await backfill.runOnce();
      runs++;
      if (report.errors.length > 0) throw new Error(`the backfill failed: ${report.errors[0]}`);
      graphCalls += fake.getStats().calls;
      // Graph's rate-limit window rolls on: the next run has its budget again.
      fake.resetStats();
    }
    return {
      seconds: Math.round((Date.now() - t0) / 1000),
      runs,
      graphCalls,
      accounts: accountIds.map((id) => {
        const { storedDays, settledDays } = backfill.status(id);
        return { id, storedDays, settledDays };
      }),
    };
  } finally {
    await server.close();
  }
}

/**
 * Loads `path` in a fresh context and waits until no request has been in flight for QUIET_MS
 * (every request counts, so that a route's code loading is not taken for quiet).
 */
async function loadView(
  browser: Browser,
  server: RunningServer,
  path: string,
): Promise<Omit<ColdLoad, 'graphCalls' | 'graphRequests'>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    await context.addCookies([ownerSession(server).cookie]);
    // Nothing but the proxy under test: any other host is refused.
    await context.route(
      (u) => !u.origin.startsWith('http://127.0.0.1'),
      (route) => route.abort(),
    );
    const page = await context.newPage();
    const inflight = new Set<Request>();
    let navigated = Date.now();
    let lastActivity = navigated;
    let lastApiEnd = 0;
    const apiErrors: string[] = [];
    const started = new Map<Request, number>();
    const timeline: ColdLoad['timeline'] = [];
    const apiPath = (request: Request) => {
      const u = new URL(request.url());
      return u.pathname.startsWith('/api/') ? (u.pathname + u.search).slice(0, 160) : undefined;
    };
    page.on('request', (request) => {
      inflight.add(request);
      lastActivity = Date.now();
      if (apiPath(request)) started.set(request, lastActivity - navigated);
    });
    const finished = (request: Request, failure?: string) => {
      inflight.delete(request);
      lastActivity = Date.now();
      const path = apiPath(request);
      if (!path) return;
      lastApiEnd = lastActivity;
      timeline.push([path, started.get(request) ?? 0, lastApiEnd - navigated]);
      if (failure) apiErrors.push(`${failure} ${path}`);
    };
    page.on('requestfailed', (request) => finished(request, 'failed'));
    page.on('requestfinished', (request) => {
      // Its status is known by now; reading it must not delay the finish time.
      finished(request);
      void request.response().then((response) => {
        const path = apiPath(request);
        if (path && response && response.status() >= 400)
          apiErrors.push(`${response.status()} ${path}`);
      });
    });
    // A placeholder still on screen means more is to come (a slow render is not quiet).
    const skeletons = page.getByRole('status', { name: /^Loading/ });
    const quiet = () => inflight.size === 0 && Date.now() - lastActivity >= QUIET_MS;
    navigated = Date.now();
    await page.goto(`${server.url}${path}`, { waitUntil: 'load', timeout: 30_000 });
    let unsettled = false;
    for (;;) {
      if (Date.now() - navigated > MAX_SETTLE_MS) {
        unsettled = true;
        break;
      }
      // Quiet before and after looking for placeholders: a request may start meanwhile.
      if (quiet() && (await skeletons.count()) === 0 && quiet()) break;
      await page.waitForTimeout(50);
    }
    if (started.size === 0) throw new Error('the page made no /api request');
    if (new URL(page.url()).pathname.startsWith('/sign-in'))
      throw new Error('the page asked to sign in');
    const settleMs = unsettled ? Date.now() - navigated : lastApiEnd - navigated;
    const firstApiMs = Math.min(...started.values());
    return {
      settleMs,
      firstApiMs,
      dataMs: settleMs - firstApiMs,
      ...(unsettled ? { unsettled } : {}),
      apiRequests: started.size,
      apiErrors,
      timeline: timeline.sort((a, b) => a[1] - b[1]),
    };
  } finally {
    await context.close();
  }
}

const ms = (n: number) => `${n.toLocaleString('en-US')} ms`;

function outcomeText(o: Outcome): string {
  if ('error' in o) return o.error.startsWith('not measured') ? o.error : `failed: ${o.error}`;
  const settled = o.unsettled
    ? `still busy after ${ms(o.settleMs)}`
    : `settled ${ms(o.dataMs)} after the first /api (${ms(o.settleMs)} after navigation)`;
  const errors = o.apiErrors.length ? ` (${o.apiErrors.length} errors)` : '';
  return `${settled}; ${o.apiRequests} /api${errors}; ${o.graphCalls} Graph calls (${o.graphRequests} HTTP)`;
}

/** 'met', or by how much each limit was missed; without limits, 'info'. */
function judge(o: Outcome, limits?: { ms: number; requests?: number }): Status {
  if ('error' in o) return o.error.startsWith('not measured') ? 'not measured' : 'failed';
  if (!limits) return 'info';
  const over: string[] = [];
  if (o.unsettled || o.dataMs > limits.ms) over.push(ms(o.dataMs - limits.ms));
  if (limits.requests !== undefined && o.apiRequests > limits.requests)
    over.push(`${o.apiRequests - limits.requests} requests`);
  if (o.apiErrors.length > 0) over.push(`${o.apiErrors.length} /api errors`);
  return over.length === 0 ? 'met' : `missed by ${over.join(', ')}`;
}

export function coldViewRows(r: ColdViewsResult): Row[] {
  const section = `6 cold views (${r.latencyMs} ms upstream)`;
  const rows: Row[] = [
    {
      section,
      item: 'history backfill, five accounts (latency 0)',
      value:
        `${r.backfill.seconds} s, ${r.backfill.runs} runs, ${r.backfill.graphCalls} Graph calls; ` +
        `${Math.min(...r.backfill.accounts.map((a) => a.storedDays))} of ` +
        `${r.backfill.accounts[0]?.settledDays ?? 0} settled days stored`,
      goal: '',
      status: 'info',
    },
  ];
  for (const v of r.views) {
    rows.push({
      section,
      item: `${v.label}: after backfill`,
      value: outcomeText(v.afterBackfill),
      goal: `<= ${ms(SETTLED_GOAL_MS)}, <= ${MAX_API_REQUESTS} /api`,
      status: judge(v.afterBackfill, { ms: SETTLED_GOAL_MS, requests: MAX_API_REQUESTS }),
    });
    // Only the two-year account view has a goal on a fresh store.
    const fresh = v.key === 'account-2y' ? { ms: FRESH_TWO_YEARS_GOAL_MS } : undefined;
    rows.push({
      section,
      item: `${v.label}: fresh store`,
      value: outcomeText(v.freshStore),
      goal: fresh ? `<= ${ms(fresh.ms)}` : '',
      status: judge(v.freshStore, fresh),
    });
  }
  return rows;
}
