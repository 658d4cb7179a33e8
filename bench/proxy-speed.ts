/**
 * 1. Proxy speed: a cached account-insights request through the proxy (its own process, request
 * log on as `npm start` has it) against a bare node:http server sending the same bytes, measured
 * with autocannon from this process, one after the other in the same run.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { addDays, pacificDayOf } from '../src/graph/pacific-days';
import { forkStack } from '../src/server/testing/fork-stack';
import { assertLoopback, BENCH_TOKEN, NORTHWIND, type Row, round } from './lib/util';

export const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SPEED_SECONDS ?? 10);
const WARMUP_S = 2;

export interface SpeedFigures {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export interface ProxySpeedResult {
  path: string;
  bodyBytes: number;
  connections: number;
  durationSeconds: number;
  proxy: SpeedFigures;
  bare: SpeedFigures;
  /** The same bytes through Hono on @hono/node-server, the proxy's framework, with no logic. */
  hono: SpeedFigures;
  ratio: number;
  honoRatio: number;
  /** One demo server, rounds taking turns: an owner's session cookie against none (the demo owner). */
  sessionCheck: { rounds: number; signedIn: SpeedFigures; noSession: SpeedFigures };
  /** Signed-in throughput / no-session throughput on that one server: what the session check costs. */
  sessionRatio: number;
}

async function cannon(
  url: string,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<SpeedFigures> {
  assertLoopback(url);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    rps: round(result.requests.average, 0),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

async function measure(url: string, headers: Record<string, string> = {}): Promise<SpeedFigures> {
  await cannon(url, WARMUP_S, headers);
  return cannon(url, DURATION_S, headers);
}

const SESSION_ROUNDS = 3;

/**
 * Two kinds of request to one server, in alternate rounds after a warm-up of each, so that the
 * machine's drift (other processes, CPU clocks) falls on both alike; the figures pool the rounds.
 */
async function takingTurns(
  url: string,
  kinds: { signedIn: Record<string, string>; noSession: Record<string, string> },
): Promise<{ rounds: number; signedIn: SpeedFigures; noSession: SpeedFigures }> {
  const seconds = Math.max(1, Math.round(DURATION_S / 2));
  const runs: { signedIn: SpeedFigures[]; noSession: SpeedFigures[] } = {
    signedIn: [],
    noSession: [],
  };
  for (const kind of ['signedIn', 'noSession'] as const) {
    const warm = await fetch(url, { headers: kinds[kind] });
    await warm.arrayBuffer();
    if (warm.status !== 200) throw new Error(`the demo server answered ${warm.status} (${kind})`);
    await cannon(url, WARMUP_S, kinds[kind]);
  }
  for (let round = 0; round < SESSION_ROUNDS; round++) {
    // Swap the order every round: neither kind always runs on a machine the other warmed.
    const order =
      round % 2 === 0 ? (['signedIn', 'noSession'] as const) : (['noSession', 'signedIn'] as const);
    for (const kind of order) runs[kind].push(await cannon(url, seconds, kinds[kind]));
  }
  return {
    rounds: SESSION_ROUNDS,
    signedIn: pooled(runs.signedIn, seconds),
    noSession: pooled(runs.noSession, seconds),
  };
}

/** Rounds of one kind as one run: total requests over total time; latencies their worst. */
function pooled(runs: SpeedFigures[], seconds: number): SpeedFigures {
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const worst = (key: 'p50' | 'p90' | 'p99' | 'max') => Math.max(...runs.map((r) => r[key]));
  return {
    rps: round(requests / (seconds * runs.length), 0),
    p50: worst('p50'),
    p90: worst('p90'),
    p99: worst('p99'),
    max: worst('max'),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    requests,
  };
}

function startBare(bodyFile: string, contentType: string, kind: 'node' | 'hono') {
  const child = fork(fileURLToPath(new URL('./bare-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BARE_BODY_FILE: bodyFile,
      BARE_CONTENT_TYPE: contentType,
      BARE_KIND: kind,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise<{ url: string; close: () => void }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare server did not start')), 20_000);
    child.once('exit', () => reject(new Error('the bare server exited')));
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m.type !== 'ready' || !m.url) return;
      clearTimeout(timer);
      resolve({ url: m.url, close: () => child.kill('SIGTERM') });
    });
  });
}

export async function proxySpeed(): Promise<ProxySpeedResult> {
  const today = pacificDayOf(new Date());
  const path =
    `/api/${NORTHWIND}/insights?metric=reach&period=day&metric_type=time_series` +
    `&since=${addDays(today, -28)}&until=${addDays(today, -1)}`;
  // The proxy writes its request log to stdout as in production; here it goes nowhere.
  const stack = await forkStack({ token: BENCH_TOKEN, logRequests: true });
  const dir = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  const baselines: { close: () => void }[] = [];
  try {
    // Live mode: as an owner who signed in.
    const signedIn = { cookie: stack.sessionCookie };
    const first = await fetch(`${stack.proxyUrl}${path}`, { headers: signedIn });
    const bytes = Buffer.from(await first.arrayBuffer());
    if (first.status !== 200) throw new Error(`the proxy answered ${first.status} to ${path}`);
    const again = await fetch(`${stack.proxyUrl}${path}`, { headers: signedIn });
    await again.arrayBuffer();
    if (again.headers.get('x-cache') !== 'HIT') throw new Error('the request was not cached');
    const bodyFile = join(dir, 'body.json');
    writeFileSync(bodyFile, bytes);
    const type = first.headers.get('content-type') ?? 'application/json';
    const bare = await startBare(bodyFile, type, 'node');
    baselines.push(bare);
    const bareFigures = await measure(`${bare.url}${path}`);
    bare.close();
    const hono = await startBare(bodyFile, type, 'hono');
    baselines.push(hono);
    const honoFigures = await measure(`${hono.url}${path}`);
    hono.close();
    const proxyFigures = await measure(`${stack.proxyUrl}${path}`, signedIn);
    await stack.close();
    // Demo mode answers a request without a cookie as the demo owner, with no session look-up; the
    // same server answers its owner's session cookie after the check. Only the check differs.
    const demo = await forkStack({ mode: 'demo', logRequests: true });
    baselines.push({ close: () => void demo.close() });
    const sessionCheck = await takingTurns(`${demo.proxyUrl}${path}`, {
      signedIn: { cookie: demo.sessionCookie },
      noSession: {},
    });
    await demo.close();
    return {
      path,
      bodyBytes: bytes.length,
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      proxy: proxyFigures,
      bare: bareFigures,
      hono: honoFigures,
      ratio: round(proxyFigures.rps / bareFigures.rps, 2),
      honoRatio: round(honoFigures.rps / bareFigures.rps, 2),
      sessionCheck,
      sessionRatio: round(sessionCheck.signedIn.rps / sessionCheck.noSession.rps, 2),
    };
  } finally {
    for (const b of baselines) b.close();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const failedAny = (f: SpeedFigures) => f.errors + f.non2xx > 0;

export function proxySpeedRows(r: ProxySpeedResult): Row[] {
  const section = '1 proxy speed';
  const at = `${r.connections} conn, ${r.durationSeconds} s, ${r.bodyBytes} B body`;
  return [
    {
      section,
      item: `bare node:http (${at})`,
      value: `${r.bare.rps} req/s, p50 ${r.bare.p50} ms, p99 ${r.bare.p99} ms`,
      goal: 'baseline',
      status: 'info',
    },
    {
      section,
      item: 'Hono on node-server, same bytes, no logic',
      value: `${r.hono.rps} req/s, p50 ${r.hono.p50} ms, p99 ${r.hono.p99} ms (${r.honoRatio} of bare)`,
      goal: 'framework floor',
      status: 'info',
    },
    {
      section,
      item: 'proxy, cached insights request, signed in',
      value: `${r.proxy.rps} req/s, p50 ${r.proxy.p50} ms, p99 ${r.proxy.p99} ms`,
      goal: '',
      status: r.proxy.errors + r.proxy.non2xx === 0 ? 'info' : 'failed',
    },
    {
      section,
      item: `one demo server, ${r.sessionCheck.rounds} rounds each in turn: an owner's session cookie`,
      value: `${r.sessionCheck.signedIn.rps} req/s, p99 ${r.sessionCheck.signedIn.p99} ms`,
      goal: '',
      status: failedAny(r.sessionCheck.signedIn) ? 'failed' : 'info',
    },
    {
      section,
      item: 'the same requests without a cookie (the demo owner: no session check)',
      value: `${r.sessionCheck.noSession.rps} req/s, p99 ${r.sessionCheck.noSession.p99} ms`,
      goal: '',
      status: failedAny(r.sessionCheck.noSession) ? 'failed' : 'info',
    },
    {
      section,
      item: 'signed in / without session check',
      value: `${r.sessionRatio}`,
      goal: '>= 0.9',
      status: r.sessionRatio >= 0.9 ? 'met' : 'missed',
    },
    {
      section,
      item: 'proxy / bare throughput',
      value: `${r.ratio}`,
      goal: '>= 0.5',
      status: r.ratio >= 0.5 ? 'met' : 'missed',
    },
    {
      section,
      item: 'proxy p99 latency',
      value: `${r.proxy.p99} ms`,
      goal: '< 10 ms',
      status: r.proxy.p99 < 10 ? 'met' : 'missed',
    },
  ];
}
