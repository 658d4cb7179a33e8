/**
 * For the store's server tests: the proxy with a store in a temporary DATA_DIR, webhooks
 * configured and the scheduler made but not started (tests call its runOnce), in front of the
 * fake Graph API over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../config';
import { type RunningServer, startServer } from '../start-server';
import { webhookSignature } from '../webhooks';
import { ALL_DEMO_ACCOUNTS, DEFAULT_RETRY, type FakeUpstream } from './test-stack';

export const VERIFY_TOKEN = 'verify-Token-0123456789';
export const APP_SECRET = 'appsecret0123456789abcdef01234567';

export interface StoredStack {
  url: string;
  server: RunningServer;
  dataDir: string;
  logs: string[];
  /** The Cookie header of an owner's session (get() sends it). */
  cookie: string;
  /** `GET {proxy}{path}` as JSON (or text), as the owner or with another session's cookie. */
  get(
    path: string,
    options?: { cookie?: string },
    // biome-ignore lint/suspicious/noExplicitAny: tests walk Graph answers of many shapes
  ): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  /** POSTs a webhook body; signed with the app secret unless a signature (or null: none) is given. */
  postWebhook(
    body: string | Uint8Array,
    signature?: string | null,
    // biome-ignore lint/suspicious/noExplicitAny: tests walk Graph answers of many shapes
  ): Promise<{ status: number; body: any }>;
  /**
   * Stops the server, and starts it again on the same DATA_DIR (with other tokens or another
   * allow-list, as an operator may change them between two starts).
   */
  restart(changes?: Pick<StoredStackOptions, 'tokens' | 'accountIds'>): Promise<void>;
  close(): Promise<void>;
}

export interface StoredStackOptions {
  upstream: FakeUpstream;
  /** INSTAGRAM_ACCOUNT_IDS (default: every demo account); null: none, discovery decides. */
  accountIds?: string[] | null;
  /** The configured tokens (default: the fake's). */
  tokens?: string[];
  /** Reuse a DATA_DIR (default: a new temporary one, removed on close). */
  dataDir?: string;
  /** Webhook secrets (default VERIFY_TOKEN and APP_SECRET); null: webhooks not configured. */
  webhooks?: { verifyToken: string; appSecret: string } | null;
  /** HISTORY_RETENTION_DAYS (default: keep everything). */
  historyRetentionDays?: number;
}

export async function startStoredStack(options: StoredStackOptions): Promise<StoredStack> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'stored-stack-'));
  const secrets =
    options.webhooks === null
      ? {}
      : {
          webhookVerifyToken: options.webhooks?.verifyToken ?? VERIFY_TOKEN,
          appSecret: options.webhooks?.appSecret ?? APP_SECRET,
        };
  const accountIds = (ids: string[] | null | undefined) =>
    ids === null ? {} : { accountIds: ids ?? ALL_DEMO_ACCOUNTS };
  let config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    mode: 'live',
    tokens: options.tokens ?? [options.upstream.token],
    graphBaseUrl: options.upstream.url,
    graphVersion: 'v25.0',
    ...accountIds(options.accountIds),
    cacheMaxEntries: 5_000,
    upstreamTimeoutMs: 5_000,
    concurrencyPerAccount: 4,
    logRequests: true,
    storage: {
      dataDir,
      // The whole rate limit for the history backfill: tests run it to the end in one go.
      historyBudgetShare: 1,
      ...secrets,
      ...(options.historyRetentionDays
        ? { historyRetentionDays: options.historyRetentionDays }
        : {}),
    },
  };
  const logs: string[] = [];
  const start = () =>
    startServer(config, {
      log: (line) => logs.push(line),
      retry: DEFAULT_RETRY,
      now: options.upstream.clock.now,
      autoSnapshots: false,
    });
  let server = await start();
  // An owner's session, kept in the store, so that it outlives restart().
  const owner = server.auth.users.create({
    id: 'stored-stack-owner',
    email: 'owner@example.com',
    role: 'owner',
    createdAt: options.upstream.clock.now(),
  });
  const cookie = `session=${server.auth.startSession(owner.id)}`;
  const stack: StoredStack = {
    cookie,
    get url() {
      return server.url;
    },
    get server() {
      return server;
    },
    dataDir,
    logs,
    async get(path, options) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { cookie: options?.cookie ?? cookie },
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: the text is the body.
      }
      return { status: response.status, body, text, headers: response.headers };
    },
    async postWebhook(body, signature) {
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      const sig = signature === undefined ? webhookSignature(bytes, APP_SECRET) : signature;
      if (sig !== null) headers['X-Hub-Signature-256'] = sig;
      const response = await fetch(`${server.url}/webhooks/instagram`, {
        method: 'POST',
        headers,
        body: bytes as Uint8Array<ArrayBuffer>,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON.
      }
      return { status: response.status, body: parsed };
    },
    async restart(changes = {}) {
      await server.close();
      if (changes.tokens) config = { ...config, tokens: changes.tokens };
      if (changes.accountIds !== undefined) {
        const { accountIds: _previous, ...rest } = config;
        config = { ...rest, ...accountIds(changes.accountIds) };
      }
      server = await start();
    },
    async close() {
      await server.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
