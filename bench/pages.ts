/**
 * 2. Upstream economy and 3. front-end weight, from one pass of Debian's Chromium (through
 * Playwright) over the built app served by the proxy in live mode, with the fake Graph API
 * upstream; everything on 127.0.0.1.
 *
 * Each page is loaded in a fresh browser against a fresh proxy (empty cache) sharing one fake, at
 * 1280×720 without scrolling (what the page asks for on its first view); the fake's /__stats
 * counts the Graph calls. Then the page is reloaded against the same proxy and counted again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { apiAnswersOf } from '../e2e/api-mock';
import { startFakeGraphServer } from '../src/fake-graph/fake-graph-server';
import { MAX_HISTORY_DAYS } from '../src/graph/date-windows';
import { addDays, pacificDayOf } from '../src/graph/pacific-days';
import { startServer } from '../src/server/start-server';
import { modelCalls, type PageRequest } from './lib/economy-model';
import {
  assertLoopback,
  BENCH_TOKEN,
  benchServerConfig,
  CHROME_FLAGS,
  CHROME_PATH,
  gzipSize,
  kb,
  NORTHWIND,
  ownerSession,
  type Row,
} from './lib/util';

export interface Scenario {
  key: string;
  label: string;
  path: string;
  /** Whether its assets count as the first page's (the overview). */
  firstPage?: boolean;
  /** Counted for front-end weight (one scenario per route). */
  weigh?: boolean;
}

export interface LoadFigures {
  /** Graph calls as the rate limit counts them (each batch entry is one). */
  calls: number;
  /** HTTP requests to the Graph API (a batch is one). */
  httpRequests: number;
  apiRequests: number;
  apiErrors: string[];
}

export interface ScenarioResult {
  key: string;
  label: string;
  path: string;
  first: LoadFigures;
  reload: LoadFigures;
  minimum: number;
  asAsked: number;
  naive: number;
  minimumParts: string[];
  /** Calls the proxy made beyond the minimum, by Graph path. */
  byPath: Record<string, number>;
  assets: { url: string; type: 'js' | 'css'; gzipBytes: number }[];
}

export interface WeightResult {
  firstPage: { jsGzip: number; cssGzip: number };
  routes: { key: string; label: string; jsGzip: number; routeJsGzip: number; cssGzip: number }[];
  entryJsGzip: number;
}

const VIEWPORT = { width: 1280, height: 720 };

export function scenarios(mediaId: string, today = pacificDayOf(new Date())): Scenario[] {
  const twoYears = `range=custom&from=${addDays(today, -(MAX_HISTORY_DAYS - 1))}&to=${addDays(today, -1)}`;
  return [
    { key: 'overview', label: 'overview (/)', path: '/', firstPage: true, weigh: true },
    {
      key: 'account-28d',
      label: 'account, default 28 days',
      path: `/accounts/${NORTHWIND}`,
      weigh: true,
    },
    { key: 'account-90d', label: 'account, 90 days', path: `/accounts/${NORTHWIND}?range=90d` },
    { key: 'account-2y', label: 'account, 2 years', path: `/accounts/${NORTHWIND}?${twoYears}` },
    { key: 'media-list', label: 'media list', path: `/accounts/${NORTHWIND}/media`, weigh: true },
    { key: 'media', label: 'media insights', path: `/media/${mediaId}`, weigh: true },
  ];
}

/** One `/api` answer as the upstream-economy model reads it. */
function observedRequest(u: URL, status: number, body: unknown) {
  let metricsAnswered: number | undefined;
  if (/^\/api\/\d+\/insights$/.test(u.pathname) && status === 200)
    metricsAnswered = (body as { data?: unknown[] } | undefined)?.data?.length;
  // A list page with each post's insights embedded (insights=lifetime).
  let postsWithInsights: number | undefined;
  if (u.searchParams.get('insights') && status === 200) {
    const list = body as { data?: { insights?: unknown; insights_error?: unknown }[] } | undefined;
    postsWithInsights = list?.data?.filter((p) => p.insights || p.insights_error).length;
  }
  return {
    url: u.pathname + u.search,
    status,
    ...(metricsAnswered !== undefined ? { metricsAnswered } : {}),
    ...(postsWithInsights !== undefined ? { postsWithInsights } : {}),
  };
}

/** Waits until no request has been in flight for `quietMs` (at most `maxMs`). */
async function settle(page: Page, inflight: () => number, lastActivity: () => number) {
  const started = Date.now();
  const quietMs = 1_000;
  while (Date.now() - started < 30_000) {
    if (inflight() === 0 && Date.now() - lastActivity() > quietMs) return;
    await page.waitForTimeout(100);
  }
}

interface Observed {
  requests: PageRequest[];
  assets: string[];
}

async function load(
  browser: Browser,
  url: string,
  reloadToo: boolean,
  onLoaded: () => Promise<void>,
  cookie?: { name: string; value: string; url: string },
) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (cookie) await context.addCookies([cookie]);
  // Nothing but the proxy under test: any other host is refused.
  await context.route(
    (u) => !u.origin.startsWith('http://127.0.0.1'),
    (route) => route.abort(),
  );
  const page = await context.newPage();
  let inflight = 0;
  let last = Date.now();
  let observed: Observed = { requests: [], assets: [] };
  page.on('request', () => {
    inflight++;
    last = Date.now();
  });
  const done = () => {
    inflight = Math.max(0, inflight - 1);
    last = Date.now();
  };
  page.on('requestfailed', done);
  page.on('requestfinished', async (request) => {
    try {
      const response = await request.response();
      const u = new URL(request.url());
      if (u.pathname.startsWith('/api/') && response) {
        // A batch counts as each of its paths, as if the browser had asked them alone.
        for (const answer of await apiAnswersOf(response))
          observed.requests.push(
            observedRequest(new URL(answer.path, u), answer.status, answer.body),
          );
      } else if (u.pathname.startsWith('/assets/')) observed.assets.push(u.pathname);
    } finally {
      done();
    }
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    await settle(
      page,
      () => inflight,
      () => last,
    );
    const first = observed;
    await onLoaded();
    let reload: Observed | undefined;
    if (reloadToo) {
      observed = { requests: [], assets: [] };
      await page.reload({ waitUntil: 'load', timeout: 30_000 });
      await settle(
        page,
        () => inflight,
        () => last,
      );
      reload = observed;
    }
    return { first, reload };
  } finally {
    await context.close();
  }
}

export async function pagesPass(distDir: string): Promise<{
  scenarios: ScenarioResult[];
  weight: WeightResult;
}> {
  const fake = await startFakeGraphServer({ port: 0, host: '127.0.0.1', token: BENCH_TOKEN });
  const browser = await chromium.launch({
    executablePath: CHROME_PATH,
    args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')),
  });
  try {
    const { data } = fake.fake;
    for (const account of data.accounts) data.model(account.id, new Date());
    const accountIds = new Set(data.accounts.map((a) => a.id));
    const stats = async (method = 'GET') => {
      const response = await fetch(`${fake.url}/__stats`, { method });
      return (await response.json()) as {
        requests: number;
        calls: number;
        byPath: Record<string, number>;
      };
    };
    const config = benchServerConfig(fake.url);
    // A recent post of the main account, as a person would open it from the media list.
    const probe = await startServer(config, { distDir });
    const probeSession = ownerSession(probe);
    const list = (await (
      await fetch(`${probe.url}/api/${NORTHWIND}/media?limit=5`, {
        headers: { cookie: probeSession.header },
      })
    ).json()) as {
      data: { id: string; media_product_type?: string }[];
    };
    await probe.close();
    const mediaId = list.data.find((m) => m.media_product_type === 'FEED')?.id ?? list.data[0]?.id;
    if (!mediaId) throw new Error('the fake listed no media');

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios(mediaId)) {
      const proxy = await startServer(config, { distDir });
      try {
        assertLoopback(proxy.url);
        await stats('DELETE');
        let first: Awaited<ReturnType<typeof stats>> | undefined;
        const { first: seen, reload } = await load(
          browser,
          `${proxy.url}${scenario.path}`,
          true,
          async () => {
            first = await stats();
            await stats('DELETE');
          },
          ownerSession(proxy).cookie,
        );
        const again = await stats();
        const figures = (s: typeof again, o: Observed): LoadFigures => ({
          calls: s.calls,
          httpRequests: s.requests,
          apiRequests: o.requests.length,
          apiErrors: o.requests
            .filter((r) => r.status >= 400)
            .map((r) => `${r.status} ${r.url.slice(0, 120)}`),
        });
        const model = modelCalls(seen.requests, accountIds, new Date());
        results.push({
          key: scenario.key,
          label: scenario.label,
          path: scenario.path,
          first: figures(first ?? again, seen),
          reload: figures(again, reload ?? { requests: [], assets: [] }),
          minimum: model.minimum,
          asAsked: model.asAsked,
          naive: model.naive,
          minimumParts: model.parts,
          byPath: Object.fromEntries(
            Object.entries(first?.byPath ?? {}).map(([p, n]) => [
              p.replace(/^\/v\d+\.\d+\//, ''),
              n,
            ]),
          ),
          assets: scenario.weigh
            ? [...new Set(seen.assets)]
                .filter((a) => /\.(js|css)$/.test(a))
                .map((a) => ({
                  url: a,
                  type: a.endsWith('.css') ? ('css' as const) : ('js' as const),
                  gzipBytes: gzipSize(readFileSync(join(distDir, a))),
                }))
            : [],
        });
      } finally {
        await proxy.close();
      }
    }
    return { scenarios: results, weight: weigh(results, scenarios(mediaId), distDir) };
  } finally {
    await browser.close();
    await fake.close();
  }
}

function weigh(results: ScenarioResult[], list: Scenario[], distDir: string): WeightResult {
  const weighed = results.filter((r) => list.find((s) => s.key === r.key)?.weigh);
  const sum = (assets: ScenarioResult['assets'], type: 'js' | 'css') =>
    assets.filter((a) => a.type === type).reduce((n, a) => n + a.gzipBytes, 0);
  const first = results.find((r) => list.find((s) => s.key === r.key)?.firstPage);
  // The entry: the script index.html loads and the modules it preloads.
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entryFiles = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const entry = entryFiles.map((url) => ({
    url: url ?? '',
    type: 'js' as const,
    gzipBytes: gzipSize(readFileSync(join(distDir, url ?? ''))),
  }));
  return {
    firstPage: {
      jsGzip: sum(first?.assets ?? [], 'js'),
      cssGzip: sum(first?.assets ?? [], 'css'),
    },
    entryJsGzip: sum(entry, 'js'),
    routes: weighed.map((r) => ({
      key: r.key,
      label: r.label,
      jsGzip: sum(r.assets, 'js'),
      routeJsGzip: sum(
        r.assets.filter((a) => !entryFiles.includes(a.url)),
        'js',
      ),
      cssGzip: sum(r.assets, 'css'),
    })),
  };
}

export function economyRows(results: ScenarioResult[]): Row[] {
  const section = '2 upstream calls';
  return results.flatMap((r): Row[] => {
    const errors = r.first.apiErrors.length ? `; ${r.first.apiErrors.length} /api errors` : '';
    return [
      {
        section,
        item: `${r.label}: first load`,
        value: `${r.first.calls} (as asked ${r.asAsked}, naive ${r.naive}; ${r.first.httpRequests} HTTP)${errors}`,
        goal: `= min ${r.minimum}`,
        status: r.first.calls <= r.minimum ? 'met' : 'missed',
      },
      {
        section,
        item: `${r.label}: reload`,
        value: `${r.reload.calls}`,
        goal: '0',
        status: r.reload.calls === 0 ? 'met' : 'missed',
      },
    ];
  });
}

export function weightRows(w: WeightResult): Row[] {
  const section = '3 front-end weight';
  return [
    {
      section,
      item: 'first page (overview): JS',
      value: `${kb(w.firstPage.jsGzip)} gzip (entry ${kb(w.entryJsGzip)})`,
      goal: '<= 170 KB',
      status: w.firstPage.jsGzip <= 170 * 1024 ? 'met' : 'missed',
    },
    {
      section,
      item: 'first page (overview): CSS',
      value: `${kb(w.firstPage.cssGzip)} gzip`,
      goal: '',
      status: 'info',
    },
    ...w.routes.map((r) => ({
      section,
      item: `${r.label}: all JS (beyond the entry)`,
      value: `${kb(r.jsGzip)} (${kb(r.routeJsGzip)})`,
      goal: '<= 300 KB',
      status: (r.jsGzip <= 300 * 1024 ? 'met' : 'missed') as Row['status'],
    })),
  ];
}
