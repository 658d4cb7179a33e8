/**
 * The proxy (and, unless given an upstream, the fake Graph API next to it) in a process of its own,
 * so that a load test or a benchmark can measure the server's memory and CPU apart from the client
 * that drives it. Started by `forkStack` (src/server/testing/fork-stack.ts) or by a script; it reads its
 * settings as JSON from the STACK_OPTIONS environment variable and listens on 127.0.0.1 only.
 *
 * When ready it prints one line `STACK-READY {"proxyUrl":…,"fakeUrl":…}` and, with an IPC channel,
 * also sends `{type: 'ready', …}`. Over IPC it answers `{type: 'memory'}` with process.memoryUsage()
 * and, with `movableClock`, `{type: 'move-clock', ms}` by moving its clock forward; with `storage`,
 * `{type: 'run-history'}` runs the history backfill once (it does not start on its own then).
 * The proxy's request log goes to stdout, one JSON line per request, as `npm start` writes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGraphServer } from '../../fake-graph/fake-graph-server';
import { type Clock, clockFromEnv } from '../clock';
import type { ServerConfig } from '../config';
import { startServer } from '../start-server';
import { READY_PREFIX, type StackProcessOptions } from './fork-stack';

const options = JSON.parse(process.env.STACK_OPTIONS ?? '{}') as StackProcessOptions;
const host = '127.0.0.1';
const token = options.token ?? 'demo-token';
// TEST_NOW moves the fake and the proxy to another day together; a movable clock runs that far
// ahead of it, once the parent moves it.
const baseClock = clockFromEnv();
let clockOffsetMs = 0;
const now: Clock = options.movableClock
  ? () => new Date(baseClock().getTime() + clockOffsetMs)
  : baseClock;
/** As test-stack's TEST_PASSWORD_COST: browser tests sign in often; the server keeps OWASP's cost. */
const PASSWORD_COST = { logN: 10, r: 8, p: 1 };

let fakeUrl = options.graphBaseUrl;
let closeFake: (() => Promise<void>) | undefined;
if (options.mode !== 'demo' && !fakeUrl) {
  const fake = await startFakeGraphServer({
    port: options.fakePort ?? 0,
    host,
    token,
    now,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  // Build the demo history before the first request rather than inside it.
  for (const account of fake.fake.data.accounts) fake.fake.data.model(account.id, now());
  fakeUrl = fake.url;
  closeFake = fake.close;
}

const config: ServerConfig = {
  port: options.port ?? 0,
  host,
  mode: options.mode ?? 'live',
  tokens: options.mode === 'demo' ? [] : [token],
  graphBaseUrl: fakeUrl ?? 'http://127.0.0.1:9',
  graphVersion: 'v25.0',
  ...(options.accountIds ? { accountIds: options.accountIds } : {}),
  cacheMaxEntries: options.cacheMaxEntries ?? 5_000,
  upstreamTimeoutMs: options.upstreamTimeoutMs ?? 15_000,
  concurrencyPerAccount: 4,
  logRequests: options.logRequests ?? true,
  ...(process.env.TEST_NOW ? { pinnedNow: process.env.TEST_NOW } : {}),
  // A store of its own, removed when the process ends; the whole rate limit for the backfill.
  ...(options.storage
    ? { storage: { dataDir: mkdtempSync(join(tmpdir(), 'stack-store-')), historyBudgetShare: 1 } }
    : {}),
};

// The request log goes to stdout the way `npm start` writes it (startServer's default).
const server = await startServer(config, {
  ...(options.distDir ? { distDir: options.distDir } : {}),
  ...(options.retry ? { retry: options.retry } : {}),
  // Only a movable clock is handed over: otherwise startServer pins TEST_NOW itself and tells the page.
  ...(options.movableClock ? { now } : {}),
  passwordCost: PASSWORD_COST,
  // With a store, the tests run the backfill themselves (run-history).
  ...(options.storage ? { autoSnapshots: false } : {}),
});

// Live mode needs a signed-in person: an owner, whose cookie the parent sends. With no owner, the
// parent gets the set-up link instead (startServer made it, as `npm start` prints it).
let sessionCookie = '';
if (options.owner !== 'none') {
  const owner = server.auth.users.create({
    id: 'stack-owner',
    email: options.owner?.email ?? 'owner@example.com',
    role: 'owner',
    createdAt: now(),
  });
  if (options.owner?.password)
    await server.auth.setPassword(owner.id, options.owner.password, owner.email);
  sessionCookie = `session=${server.auth.startSession(owner.id)}`;
}
const ready = {
  proxyUrl: server.url,
  sessionCookie,
  ...(server.setupLink ? { setupLink: server.setupLink } : {}),
  fakeUrl: server.fake?.url ?? fakeUrl,
  pid: process.pid,
};
console.log(`${READY_PREFIX}${JSON.stringify(ready)}`);
process.send?.({ type: 'ready', ...ready });

process.on('message', (message: { type?: string; id?: number; ms?: number }) => {
  if (message?.type === 'memory')
    process.send?.({ type: 'memory', id: message.id, usage: process.memoryUsage() });
  if (message?.type === 'run-history' && server.backfill) {
    const answer = (report?: unknown) =>
      process.send?.({ type: 'history', id: message.id, report });
    void server.backfill.runOnce().then(answer, () => answer());
  }
  if (message?.type === 'move-clock' && options.movableClock) {
    clockOffsetMs += message.ms ?? 0;
    process.send?.({ type: 'clock', id: message.id, now: now().toISOString() });
  }
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // Never hang on open keep-alive connections: a bounded close, then out.
  setTimeout(() => process.exit(0), 3_000).unref();
  void server
    .close()
    .then(() => closeFake?.())
    .finally(() => {
      if (config.storage) rmSync(config.storage.dataDir, { recursive: true, force: true });
      process.exit(0);
    });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
