import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type FakeGraphServer, startFakeGraphServer } from '../fake-graph/fake-graph-server';
import { AccountDirectory } from './account-directory';
import { Auth } from './auth/auth';
import type { ScryptCost } from './auth/passwords';
import { Shares } from './auth/shares';
import { answerClientError } from './client-errors';
import { type Clock, pinnedClock, systemClock } from './clock';
import type { ConnectConfig, ServerConfig } from './config';
import { type ConnectEndpoints, Connections, META_ENDPOINTS } from './connect/connections';
import { loadTokenKey, TokenVault } from './connect/token-vault';
import { GraphClient } from './graph-client';
import { HistoryBackfill } from './history-backfill';
import { createRedactor } from './redact';
import { ResponseCache } from './response-cache';
import { createServerApp } from './server-app';
import { SnapshotScheduler } from './snapshot-scheduler';
import { InsightsStore, STORE_FILE } from './store/insights-store';

export interface StartOptions {
  /** Where request log lines go. */
  log?: (line: string) => void;
  distDir?: string;
  /** Default: the config's pinned instant (TEST_NOW), or the system clock. */
  now?: Clock;
  retry?: { attempts: number; baseDelayMs: number };
  /** How often the snapshot scheduler wakes up (default one hour). */
  snapshotTickMs?: number;
  /** false: the scheduler and the history backfill are made but not started (tests call their runOnce). Default true. */
  autoSnapshots?: boolean;
  /** false: demo mode's fake sends no story_insights webhooks. Default true. */
  demoWebhooks?: boolean;
  /** scrypt's cost for new passwords (tests lower it; default OWASP's). */
  passwordCost?: ScryptCost;
}

export interface RunningServer {
  url: string;
  mode: 'demo' | 'live';
  /** The built-in fake, in demo mode. */
  fake?: FakeGraphServer;
  client: GraphClient;
  /** What the server keeps (in memory when the config has no storage). */
  store: InsightsStore;
  /** Sign-in and sessions (tests make users and sessions through it). */
  auth: Auth;
  /** Live mode with no user yet: the one-time link that creates the first owner. */
  setupLink?: string;
  /** The daily and hourly snapshots, when the config has storage. */
  scheduler?: SnapshotScheduler;
  /** The history backfill, when the config has storage and a budget share above 0. */
  backfill?: HistoryBackfill;
  /** Connected accounts (tests run refreshes through it). */
  connections: Connections;
  /** The redirect URIs to enter in the App Dashboard, per configured login. */
  redirectUris: Partial<Record<'facebook' | 'instagram', string>>;
  close(): Promise<void>;
}

/** The demo keeps its own file, so that a live store never holds the demo accounts. */
const DEMO_STORE_FILE = 'insights-demo.sqlite';

/** Wires config to a listening server; in demo mode it starts the fake Graph API first. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  let { graphBaseUrl, tokens } = config;
  const now = options.now ?? (config.pinnedNow ? pinnedClock(config.pinnedNow) : systemClock);
  let fake: FakeGraphServer | undefined;
  let connect: ConnectConfig = config.connect ?? {};
  if (config.mode === 'demo') {
    fake = await startFakeGraphServer({ port: 0, host: '127.0.0.1', now });
    // Build the demo history now rather than during the first page view.
    for (const account of fake.fake.data.accounts) fake.fake.data.model(account.id, now());
    graphBaseUrl = fake.url;
    tokens = [fake.fake.token];
    // The Connect buttons work in the demo too: two made-up apps, registered with the fake below.
    connect = {
      ...connect,
      facebook: { appId: '1000000000001', appSecret: randomBytes(16).toString('hex') },
      instagram: { appId: '2000000000002', appSecret: randomBytes(16).toString('hex') },
      endpoints: fakeEndpoints(fake),
    };
  }
  const endpoints: ConnectEndpoints = {
    ...META_ENDPOINTS,
    facebookGraph: graphBaseUrl,
    ...connect.endpoints,
  };
  const log = options.log ?? batchedStdout();
  const storage = config.storage;
  const webhookSecrets = [storage?.webhookVerifyToken, storage?.appSecret].filter(
    (s): s is string => Boolean(s),
  );
  let connections: Connections | undefined;
  const redact = createRedactor(() => [
    ...tokens,
    ...webhookSecrets,
    ...(connections?.secrets() ?? []),
  ]);
  const cache = new ResponseCache(config.cacheMaxEntries, () => now().getTime());
  const client = new GraphClient({
    baseUrl: graphBaseUrl,
    version: config.graphVersion,
    timeoutMs: config.upstreamTimeoutMs,
    concurrencyPerAccount: config.concurrencyPerAccount,
    redact,
    now: () => now().getTime(),
    ...(options.retry ? { retry: options.retry } : {}),
    // Instagram Login's tokens read graph.instagram.com.
    hostFor: (token) =>
      connections?.loginOfToken(token) === 'instagram' ? endpoints.instagramGraph : undefined,
    onRejected: (token, error) => connections?.rejected(token, error),
  });
  let store: InsightsStore;
  try {
    store = InsightsStore.open(
      storage
        ? join(storage.dataDir, config.mode === 'demo' ? DEMO_STORE_FILE : STORE_FILE)
        : ':memory:',
    );
  } catch (error) {
    await fake?.close();
    throw error;
  }
  const directory = new AccountDirectory(
    client,
    cache,
    tokens,
    config.accountIds,
    () => connections?.routes() ?? new Map(),
    // What discovery found and whose media are whose outlive a restart only where the store does.
    storage ? { store: store.directory, now } : undefined,
  );
  let tokenKey: ReturnType<typeof loadTokenKey>;
  try {
    tokenKey = loadTokenKey({
      ...(connect.encryptionKey ? { envKey: connect.encryptionKey } : {}),
      ...(storage ? { dataDir: storage.dataDir } : {}),
    });
  } catch (error) {
    store.close();
    await fake?.close();
    throw error;
  }
  if (tokenKey.created)
    console.warn(
      `Created ${tokenKey.created}: the key that encrypts connected accounts' tokens. Back it up with the data directory (or set TOKEN_ENCRYPTION_KEY): without it the stored tokens cannot be read and every account must be reconnected.`,
    );
  let listeningAt = `http://${config.host}:${config.port}`;
  connections = new Connections({
    store: store.connections,
    vault: new TokenVault(tokenKey.key),
    now,
    graphVersion: config.graphVersion,
    apps: {
      ...(connect.facebook ? { facebook: connect.facebook } : {}),
      ...(connect.instagram ? { instagram: connect.instagram } : {}),
    },
    endpoints,
    publicUrl: () => config.publicUrl ?? listeningAt,
    log,
    timeoutMs: config.upstreamTimeoutMs,
    onAccountsRemoved: (ids) => {
      // A disconnected account's answers leave the cache with it.
      const gone = new Set(ids.flatMap((id) => [id, ...directory.forget(id)]));
      cache.deleteWhere((key) => gone.has(key.split(/[/?]/)[0] ?? ''));
    },
  });
  const scheduler =
    storage && storage.snapshots !== false
      ? new SnapshotScheduler({
          store,
          client,
          cache,
          directory,
          graphVersion: config.graphVersion,
          now,
          log,
          redact,
          ...(options.snapshotTickMs ? { tickMs: options.snapshotTickMs } : {}),
          ...(storage.historyRetentionDays
            ? { historyRetentionDays: storage.historyRetentionDays }
            : {}),
        })
      : undefined;
  const budgetShare = storage?.historyBudgetShare ?? 0.25;
  const backfill =
    storage && budgetShare > 0
      ? new HistoryBackfill({
          history: store.history,
          client,
          directory,
          now,
          log,
          redact,
          budgetShare,
          graphVersion: config.graphVersion,
          ...(storage.historyRetentionDays ? { retentionDays: storage.historyRetentionDays } : {}),
        })
      : undefined;
  const auth = new Auth({
    users: store.users,
    now,
    mode: config.mode,
    publicUrl: () => config.publicUrl ?? listeningAt,
    ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
  });
  const shares = new Shares(
    store.shares,
    now,
    () => config.publicUrl ?? listeningAt,
    options.passwordCost,
  );
  const app = createServerApp({
    auth,
    shares,
    workspaceName: config.workspaceName ?? 'Instagram Insights',
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.trustProxy ? { trustProxy: true } : {}),
    mode: config.mode,
    graphVersion: config.graphVersion,
    client,
    cache,
    directory,
    now,
    ...(config.pinnedNow ? { pageNow: () => now().toISOString() } : {}),
    redact,
    log: config.logRequests ? log : () => {},
    ...(options.distDir ? { distDir: options.distDir } : {}),
    // The history answers settled days only where it is kept on disk.
    ...(storage ? { history: { store: store.history, ...(backfill ? { backfill } : {}) } } : {}),
    connect: {
      connections,
      directory,
      now,
      mode: config.mode,
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      configuredAccounts: async () =>
        tokens.length === 0
          ? []
          : [...(await directory.configuredAccounts().catch(() => new Map())).keys()],
    },
    storage: {
      store,
      ...(storage?.webhookVerifyToken ? { webhookVerifyToken: storage.webhookVerifyToken } : {}),
      ...(storage?.appSecret ? { appSecret: storage.appSecret } : {}),
    },
  });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: config.port, hostname: config.host },
      (info: AddressInfo) => {
        const url = `http://${config.host}:${info.port}`;
        listeningAt = url;
        const setupLink = auth.setupLink();
        // Demo: the fake's apps accept this server's redirect URIs.
        if (fake && connect.facebook && connect.instagram) {
          for (const kind of ['facebook', 'instagram'] as const) {
            const app = connect[kind];
            if (!app) continue;
            fake.fake.oauth.registerApp({
              id: app.appId,
              secret: app.appSecret,
              kind,
              redirectUris: [
                `${(config.publicUrl ?? url).replace(/\/$/, '')}/auth/connect/${kind}/callback`,
              ],
            });
          }
        }
        const refreshTimer = setInterval(
          () => void connections?.refreshDue().catch(() => {}),
          3_600_000,
        );
        refreshTimer.unref();
        void connections?.refreshDue().catch(() => {});
        if (options.autoSnapshots !== false) {
          scheduler?.start();
          backfill?.start();
        }
        // Demo: the fake sends story_insights when its stories expire, as Meta would. It also
        // sends those of the last two days at once, so that the story archive is not empty.
        if (fake && storage?.appSecret && options.demoWebhooks !== false) {
          fake.startWebhooks({
            url: `http://${['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host}:${info.port}/webhooks/instagram`,
            appSecret: storage.appSecret,
            lookbackMs: 2 * 86_400_000,
          });
        }
        server.on('clientError', answerClientError);
        resolve({
          url,
          mode: config.mode,
          ...(fake ? { fake } : {}),
          client,
          store,
          auth,
          ...(setupLink ? { setupLink } : {}),
          ...(scheduler ? { scheduler } : {}),
          ...(backfill ? { backfill } : {}),
          connections: connections as Connections,
          redirectUris: Object.fromEntries(
            (connections as Connections).available.map((k) => [
              k,
              (connections as Connections).redirectUri(k),
            ]),
          ),
          close: async () => {
            clearInterval(refreshTimer);
            await scheduler?.stop();
            await backfill?.stop();
            await fake?.webhooks?.stop();
            await new Promise<void>((done) => server.close(() => done()));
            await fake?.close();
            store.close();
          },
        });
      },
    );
    server.once('error', (error: NodeJS.ErrnoException) => {
      store.close();
      void fake?.close();
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${config.port} is in use: set PORT to a free port.`
            : `The server could not start: ${error.message}`,
        ),
      );
    });
  });
}

/** The fake's hosts for both logins (demo mode and tests). */
export function fakeEndpoints(fake: { url: string; instagramUrl: string }): ConnectEndpoints {
  return {
    facebookGraph: fake.url,
    facebookDialog: fake.url,
    instagramGraph: fake.instagramUrl,
    instagramAuthorize: fake.instagramUrl,
    instagramApi: fake.instagramUrl,
  };
}

/**
 * Request log lines written to stdout in batches: a synchronous write per request (stdout is
 * synchronous for files and pipes) would cost a busy server a sixth of its time.
 */
function batchedStdout(): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('\n');
    pending = [];
    process.stdout.write(`${text}\n`);
  };
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
}
