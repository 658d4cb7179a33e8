import { gzipSync } from 'node:zlib';
import type { ServerConfig } from '../../src/server/config';
import type { RunningServer } from '../../src/server/start-server';

/** Every host the bench talks to; anything else is a bug. */
export const LOOPBACK = '127.0.0.1';

/** A recognisable token the proxy holds during the bench; it must never show in what it sends. */
export const BENCH_TOKEN = 'EAAB-bench-SECRET-token-456';

/** The proxy as the bench runs it: live mode against the fake at `graphBaseUrl`, log off. */
export const benchServerConfig = (graphBaseUrl: string): ServerConfig => ({
  port: 0,
  host: '127.0.0.1',
  mode: 'live',
  tokens: [BENCH_TOKEN],
  graphBaseUrl,
  graphVersion: 'v25.0',
  cacheMaxEntries: 5_000,
  upstreamTimeoutMs: 15_000,
  concurrencyPerAccount: 4,
  logRequests: false,
});

export const NORTHWIND = '17841405822304914';

/** Live mode needs a signed-in person: an owner's session, as a header and as a browser cookie. */
export function ownerSession(server: RunningServer): {
  header: string;
  cookie: { name: string; value: string; url: string };
} {
  const email = `bench-${Math.random().toString(36).slice(2)}@example.com`;
  const owner = server.auth.users.create({
    id: email,
    email,
    role: 'owner',
    createdAt: new Date(),
  });
  const value = server.auth.startSession(owner.id);
  return { header: `session=${value}`, cookie: { name: 'session', value, url: server.url } };
}

/** The same variable as the browser tests (playwright.config.ts) read. */
export const CHROME_PATH =
  process.env.CHROMIUM_PATH || process.env.CHROME_PATH || '/usr/bin/chromium';

/** Flags for Debian's Chromium in a container: no sandbox, no GPU, no traffic of its own. */
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-default-browser-check',
];

/** `missed by …`: how far from the goal, where a step says so. */
export type Status = 'met' | 'missed' | `missed by ${string}` | 'info' | 'not measured' | 'failed';

/** One line of the bench's table. */
export interface Row {
  section: string;
  item: string;
  value: string;
  goal: string;
  status: Status;
}

/** Rejects after `ms`, so that no step of the bench can hang it. */
export async function withTimeout<T>(label: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Bytes after gzip at the level servers and bundlers report (9). */
export const gzipSize = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 160) ?? '';

/** Throws unless the URL points at this machine's loopback address. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== LOOPBACK && host !== 'localhost' && host !== '[::1]')
    throw new Error(`The bench only talks to 127.0.0.1, not ${host}`);
}

/** The table, as plain text with aligned columns. */
export function formatTable(rows: readonly Row[]): string {
  const head: Row = {
    section: 'section',
    item: 'measure',
    value: 'value',
    goal: 'goal',
    status: 'info',
  };
  const cells = (r: Row) => [r.section, r.item, r.value, r.goal, r === head ? 'result' : r.status];
  const all = [head, ...rows].map(cells);
  const widths = all[0]?.map((_, i) => Math.max(...all.map((c) => (c[i] ?? '').length))) ?? [];
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(all[0] ?? []), rule, ...all.slice(1).map(line)].join('\n');
}
