/**
 * `npm run bench`: builds the app, then measures the proxy's speed, the Graph calls each page
 * costs, the app's weight, its Lighthouse scores, (when it exists) the compare page, and each view
 * loaded cold at 400 ms upstream latency with and without stored history, and prints one table.
 * The same figures go to bench-results/latest.json (and a dated copy). Everything runs on
 * 127.0.0.1, each step is bounded in time, and a failed step is shown in the table instead of
 * stopping the others.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { COLD_VIEWS_BUDGET_MS, coldViewRows, coldViews } from './cold-views';
import { hasComparePage, heavyViewRows, heavyViews } from './heavy-views';
import { errorText, formatTable, type Row, withTimeout } from './lib/util';
import { pageSpeed, pageSpeedRows } from './page-speed';
import { economyRows, pagesPass, weightRows } from './pages';
import { proxySpeed, proxySpeedRows } from './proxy-speed';

const RESULTS = resolve('bench-results');
const DIST = join(RESULTS, 'dist');
const WATCHDOG_MS = 15 * 60_000;

const watchdog = setTimeout(() => {
  console.error(`The bench ran longer than ${WATCHDOG_MS / 60_000} minutes and was stopped.`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

/** `npm run bench -- heavyViews pages`: only those steps (the build always runs). */
const STEPS = ['proxySpeed', 'pages', 'pageSpeed', 'heavyViews', 'coldViews'];
const only = new Set(process.argv.slice(2));
for (const name of only) {
  if (!STEPS.includes(name)) {
    console.error(`No bench step "${name}"; the steps are ${STEPS.join(', ')}.`);
    process.exit(2);
  }
}
const rows: Row[] = [];
const figures: Record<string, unknown> = {};
const started = Date.now();

async function step<T>(
  name: string,
  section: string,
  ms: number,
  run: () => Promise<T>,
  toRows: (result: T) => Row[],
): Promise<T | undefined> {
  if (only.size > 0 && !only.has(name)) return undefined;
  const t0 = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const result = await withTimeout(name, ms, run());
    figures[name] = result;
    rows.push(...toRows(result));
    return result;
  } catch (error) {
    figures[name] = { error: errorText(error) };
    rows.push({
      section,
      item: name,
      value: `failed: ${errorText(error)}`,
      goal: '',
      status: 'failed',
    });
    return undefined;
  } finally {
    process.stderr.write(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
}

mkdirSync(RESULTS, { recursive: true });
process.stderr.write('bench: building the app into bench-results/dist…\n');
const build = spawnSync(
  process.execPath,
  [
    resolve('node_modules/vite/bin/vite.js'),
    'build',
    '--outDir',
    DIST,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ],
  { stdio: ['ignore', 'inherit', 'inherit'], timeout: 180_000 },
);
const built = build.status === 0 && existsSync(join(DIST, 'index.html'));
if (!built)
  rows.push({ section: 'build', item: 'vite build', value: 'failed', goal: '', status: 'failed' });

await step('proxySpeed', '1 proxy speed', 180_000, proxySpeed, proxySpeedRows);
if (built) {
  await step(
    'pages',
    '2 upstream calls / 3 weight',
    240_000,
    () => pagesPass(DIST),
    (r) => [...economyRows(r.scenarios), ...weightRows(r.weight)],
  );
  await step('pageSpeed', '4 page speed', 600_000, () => pageSpeed(DIST), pageSpeedRows);
}

if (built && hasComparePage()) {
  await step('heavyViews', '5 heavy views', 120_000, () => heavyViews(DIST), heavyViewRows);
} else {
  rows.push({
    section: '5 heavy views',
    item: 'compare: 5 accounts × 2 years daily',
    value: 'not measured: no compare page yet',
    goal: '',
    status: 'not measured',
  });
}
if (built)
  await step(
    'coldViews',
    '6 cold views',
    COLD_VIEWS_BUDGET_MS,
    () => coldViews(DIST),
    coldViewRows,
  );

const table = formatTable(rows);
console.log(table);
const report = {
  date: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  },
  rows,
  figures,
};
const json = `${JSON.stringify(report, null, 2)}\n`;
// A partial run keeps latest.json whole.
const stamp = report.date.replace(/[:.]/g, '-');
if (only.size === 0) writeFileSync(join(RESULTS, 'latest.json'), json);
const file = only.size === 0 ? `bench-${stamp}.json` : `partial-${stamp}.json`;
writeFileSync(join(RESULTS, file), json);
console.log(
  `\nFigures written to bench-results/${only.size === 0 ? 'latest.json' : file} (${report.seconds} s).`,
);
process.exit(0);
