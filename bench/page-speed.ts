import { mkdirSync, writeFileSync } from 'node:fs';
/**
 * 4. Page speed: Lighthouse 12 (Node API) in Debian's Chromium, started by chrome-launcher, on the
 * overview, account, media list and media insights pages of the server in demo mode (its own
 * process, serving the built app). Desktop preset (Lighthouse's desktop config: simulated
 * throttling of a fast connection, no CPU slow-down, 1350×940 screen); performance and
 * accessibility only. Each page is audited BENCH_LH_RUNS times (default 3); the median stands.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { forkStack } from '../src/server/testing/fork-stack';
import {
  assertLoopback,
  CHROME_FLAGS,
  CHROME_PATH,
  errorText,
  NORTHWIND,
  type Row,
  withTimeout,
} from './lib/util';

export interface PageScore {
  key: string;
  label: string;
  path: string;
  performance?: number;
  accessibility?: number;
  metrics?: Record<string, number | undefined>;
  /** Accessibility audits that failed, by id. */
  failedAccessibility?: string[];
  /** Performance scores of every run, lowest first. */
  runs?: number[];
  /** Why runs that gave no score failed. */
  runErrors?: string[];
  error?: string;
}

/** Runs per page; the median performance run is reported. */
const RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);

export interface PageSpeedResult {
  preset: 'desktop';
  runsPerPage: number;
  chromium: string;
  pages: PageScore[];
  /** Why Lighthouse could not run at all. */
  error?: string;
}

async function audit(
  port: number,
  origin: string,
  page: { key: string; label: string; path: string },
): Promise<PageScore> {
  const score: PageScore = { ...page };
  try {
    const run = await withTimeout(
      `Lighthouse on ${page.path}`,
      120_000,
      lighthouse(
        `${origin}${page.path}`,
        {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          // Nothing leaves the machine: no third-party lookups, no update checks.
          blockedUrlPatterns: ['*://*.com/*', '*://*.net/*', '*://*.org/*'],
        },
        desktopConfig,
      ),
    );
    const lhr = run?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no result');
    if (lhr.runtimeError) throw new Error(lhr.runtimeError.message);
    // The whole report of the page's latest run, for a closer look (open it in the Lighthouse viewer).
    mkdirSync('bench-results/lighthouse', { recursive: true });
    writeFileSync(`bench-results/lighthouse/${page.key}.json`, JSON.stringify(lhr));
    // Lighthouse 12.2.3 cannot name the shifted elements in this Chromium; the trace can.
    if (process.env.BENCH_LH_SHIFTS) {
      const trace = (
        run?.artifacts as
          | { Trace?: { traceEvents: { name: string; ts: number; args?: { data?: unknown } }[] } }
          | undefined
      )?.Trace;
      const shifts = (trace?.traceEvents ?? []).filter((e) => e.name === 'LayoutShift');
      writeFileSync(
        `bench-results/lighthouse/${page.key}-shifts.json`,
        JSON.stringify(shifts, null, 1),
      );
    }
    const num = (id: string) => lhr.audits[id]?.numericValue;
    score.performance = Math.round((lhr.categories.performance?.score ?? 0) * 100);
    score.accessibility = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
    score.metrics = {
      fcpMs: num('first-contentful-paint'),
      lcpMs: num('largest-contentful-paint'),
      tbtMs: num('total-blocking-time'),
      cls: num('cumulative-layout-shift'),
      speedIndexMs: num('speed-index'),
    };
    score.failedAccessibility = (lhr.categories.accessibility?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id);
  } catch (error) {
    score.error = errorText(error);
  }
  return score;
}

export async function pageSpeed(distDir: string): Promise<PageSpeedResult> {
  const stack = await forkStack({ mode: 'demo', distDir, logRequests: false });
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const result: PageSpeedResult = {
    preset: 'desktop',
    runsPerPage: RUNS,
    chromium: '',
    pages: [],
  };
  try {
    assertLoopback(stack.proxyUrl);
    const list = (await (
      await fetch(`${stack.proxyUrl}/api/${NORTHWIND}/media?limit=5`)
    ).json()) as {
      data: { id: string; media_product_type?: string }[];
    };
    const mediaId = list.data.find((m) => m.media_product_type === 'FEED')?.id ?? list.data[0]?.id;
    const pages = [
      { key: 'overview', label: 'overview', path: '/' },
      { key: 'account', label: 'account', path: `/accounts/${NORTHWIND}` },
      { key: 'media-list', label: 'media list', path: `/accounts/${NORTHWIND}/media` },
      { key: 'media', label: 'media insights', path: `/media/${mediaId}` },
    ];
    try {
      chrome = await withTimeout(
        'starting Chromium',
        30_000,
        chromeLauncher.launch({
          chromePath: CHROME_PATH,
          chromeFlags: CHROME_FLAGS,
          logLevel: 'silent',
        }),
      );
      const version = (await (
        await fetch(`http://127.0.0.1:${chrome.port}/json/version`)
      ).json()) as {
        Browser?: string;
      };
      result.chromium = version.Browser ?? '';
    } catch (error) {
      result.error = `Chromium could not start: ${errorText(error)}`;
      return result;
    }
    for (const page of pages) {
      const runs: PageScore[] = [];
      for (let run = 0; run < RUNS; run++)
        runs.push(await audit(chrome.port, stack.proxyUrl, page));
      // Lighthouse varies from run to run: the run with the median performance score stands.
      const scored = runs
        .filter((r) => r.performance !== undefined)
        .sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0));
      const median = scored[Math.floor((scored.length - 1) / 2)];
      const runErrors = runs.flatMap((r) => (r.error ? [r.error] : []));
      result.pages.push(
        median
          ? {
              ...median,
              runs: scored.map((r) => r.performance ?? 0),
              ...(runErrors.length ? { runErrors } : {}),
            }
          : (runs[0] ?? { ...page, error: 'no run' }),
      );
    }
    return result;
  } finally {
    chrome?.kill();
    await stack.close();
  }
}

export function pageSpeedRows(r: PageSpeedResult): Row[] {
  const section = '4 page speed (LH desktop)';
  if (r.error)
    return [
      { section, item: 'Lighthouse', value: `not run: ${r.error}`, goal: '', status: 'failed' },
    ];
  return r.pages.flatMap((p): Row[] => {
    if (p.error)
      return [
        { section, item: p.label, value: `not measured: ${p.error}`, goal: '', status: 'failed' },
      ];
    const m = p.metrics ?? {};
    const ms = (v: number | undefined) => (v === undefined ? '?' : `${Math.round(v)} ms`);
    return [
      {
        section,
        item: `${p.label}: performance`,
        value: `${p.performance} (LCP ${ms(m.lcpMs)}, TBT ${ms(m.tbtMs)}, CLS ${m.cls?.toFixed(3) ?? '?'}; runs ${p.runs?.join('/') ?? '?'}${p.runErrors ? `, ${p.runErrors.length} failed: ${p.runErrors[0]?.slice(0, 60)}` : ''})`,
        goal: '>= 95',
        status: (p.performance ?? 0) >= 95 ? 'met' : 'missed',
      },
      {
        section,
        item: `${p.label}: accessibility`,
        value: `${p.accessibility}${p.failedAccessibility?.length ? ` (fails: ${p.failedAccessibility.join(', ')})` : ''}`,
        goal: '100',
        status: p.accessibility === 100 ? 'met' : 'missed',
      },
    ];
  });
}
