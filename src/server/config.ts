import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_GRAPH_VERSION, parseGraphVersion } from '../graph/versions';
import type { ConnectEndpoints, LoginApp } from './connect/connections';
import { parseKey } from './connect/token-vault';

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a number, e.g. PORT=3000' })
    .int()
    .min(0, 'PORT must be between 0 and 65535')
    .max(65_535, 'PORT must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'HOST must name an address, e.g. HOST=127.0.0.1').default('127.0.0.1'),
  INSTAGRAM_ACCESS_TOKEN: z.string().trim().optional(),
  INSTAGRAM_ACCESS_TOKENS_FILE: z.string().trim().optional(),
  GRAPH_API_BASE_URL: z
    .url({ error: 'GRAPH_API_BASE_URL must be a URL such as https://graph.facebook.com' })
    .default('https://graph.facebook.com'),
  GRAPH_API_VERSION: z
    .string()
    .refine((v) => (parseGraphVersion(v) ?? 0) >= 22, {
      error:
        'GRAPH_API_VERSION must look like v25.0 and be v22.0 or newer (older versions have expired)',
    })
    .default(DEFAULT_GRAPH_VERSION),
  INSTAGRAM_ACCOUNT_IDS: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{5,25}(\s*,\s*\d{5,25})*$/.test(v), {
      error:
        'INSTAGRAM_ACCOUNT_IDS must be a comma-separated list of numeric Instagram account ids',
    })
    .optional(),
  CACHE_MAX_ENTRIES: z.coerce.number().int().min(10).default(5_000),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  UPSTREAM_CONCURRENCY_PER_ACCOUNT: z.coerce.number().int().min(1).max(50).default(4),
  LOG_REQUESTS: z.enum(['true', 'false']).default('true'),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error:
        'PUBLIC_URL must be the address people open, e.g. PUBLIC_URL=https://insights.example.com',
    })
    .refine((v) => /^https?:\/\/[^/?#]+\/?$/.test(v), {
      error:
        'PUBLIC_URL must be an origin without a path, e.g. PUBLIC_URL=https://insights.example.com (serve the dashboard at the root of its host)',
    })
    .optional(),
  WORKSPACE_NAME: z.string().trim().min(1).max(80).optional(),
  META_APP_ID: z
    .string()
    .trim()
    .regex(/^\d{5,25}$/, {
      error: 'META_APP_ID must be the App ID from the App Dashboard (digits)',
    })
    .optional(),
  META_APP_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{16,128}$/, {
      error: 'META_APP_SECRET must be the App Secret from the App Dashboard (letters and digits)',
    })
    .optional(),
  INSTAGRAM_APP_ID: z
    .string()
    .trim()
    .regex(/^\d{5,25}$/, {
      error:
        'INSTAGRAM_APP_ID must be the Instagram App ID from the App Dashboard (Instagram > API setup with Instagram login; digits)',
    })
    .optional(),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .refine((v) => parseKey(v) !== undefined, {
      error:
        'TOKEN_ENCRYPTION_KEY must be 32 random bytes in hex or base64, e.g. from `openssl rand -base64 32`',
    })
    .optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'], {
      error: 'TRUST_PROXY must be true (behind a reverse proxy that sets X-Forwarded-For) or false',
    })
    .default('false'),
  TEST_NOW: z.iso
    .datetime({
      offset: true,
      error:
        'TEST_NOW must be an ISO 8601 instant with its offset, e.g. TEST_NOW=2027-03-14T12:00:00-07:00 (or unset, for the real clock)',
    })
    .optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  mode: 'demo' | 'live';
  /** Tokens the server may use; never sent to the browser. Empty in demo mode until the fake starts. */
  tokens: string[];
  graphBaseUrl: string;
  graphVersion: string;
  /** Explicit allow-list; otherwise the accounts found through /me/accounts. */
  accountIds?: string[];
  cacheMaxEntries: number;
  upstreamTimeoutMs: number;
  concurrencyPerAccount: number;
  logRequests: boolean;
  /** PUBLIC_URL without a trailing slash: cookies are Secure when it is https, links start with it. */
  publicUrl?: string;
  /** TRUST_PROXY: the client's address is the last X-Forwarded-For entry (behind Caddy or nginx). */
  trustProxy?: boolean;
  /** WORKSPACE_NAME: who share viewers are told shared the view ("Shared by …"). */
  workspaceName?: string;
  /** TEST_NOW: the instant the server, its demo and the app take as now, standing still (tests). */
  pinnedNow?: string;
  /** The store and the webhooks; without it the server keeps nothing on disk and runs no snapshots. */
  storage?: StorageConfig;
  /** Connecting accounts in the app: the Meta apps of Facebook Login and Instagram Login. */
  connect?: ConnectConfig;
}

export interface ConnectConfig {
  facebook?: LoginApp;
  instagram?: LoginApp;
  /** Meta's hosts (tests and demo mode use the fake's). */
  endpoints?: Partial<ConnectEndpoints>;
  /** TOKEN_ENCRYPTION_KEY; unset, a key file in DATA_DIR is made on first start. */
  encryptionKey?: string;
}

/** Where the server keeps what the Graph API forgets, and how Meta's webhooks reach it. */
export interface StorageConfig {
  /** An existing, writable directory (absolute path). */
  dataDir: string;
  /** Both set, or neither (webhooks off). Generated in demo mode; never printed. */
  webhookVerifyToken?: string;
  appSecret?: string;
  /** Daily and hourly snapshots (default true). */
  snapshots?: boolean;
  /** HISTORY_BUDGET_SHARE: the share of Graph's rate-limit budget the history backfill may use; 0: none. */
  historyBudgetShare?: number;
  /** HISTORY_RETENTION_DAYS: history older than this many Pacific days is deleted once a day (unset: kept). */
  historyRetentionDays?: number;
}

export class ConfigError extends Error {}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function readTokensFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(
      `INSTAGRAM_ACCESS_TOKENS_FILE: cannot read ${path}; give the path of a file with one token per line`,
    );
  }
  const tokens = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (tokens.length === 0)
    throw new ConfigError(
      `INSTAGRAM_ACCESS_TOKENS_FILE: ${path} holds no token (one per line, # for comments)`,
    );
  return tokens;
}

/** Reads and checks the environment; throws a ConfigError listing every mistake. */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  // `PORT=` in an env file means unset, not port 0 (which would pick a random port).
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`The server's configuration is not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.INSTAGRAM_ACCESS_TOKEN && e.INSTAGRAM_ACCESS_TOKENS_FILE) {
    throw new ConfigError('Set INSTAGRAM_ACCESS_TOKEN or INSTAGRAM_ACCESS_TOKENS_FILE, not both');
  }
  const tokens = e.INSTAGRAM_ACCESS_TOKENS_FILE
    ? readTokensFile(e.INSTAGRAM_ACCESS_TOKENS_FILE)
    : e.INSTAGRAM_ACCESS_TOKEN
      ? [e.INSTAGRAM_ACCESS_TOKEN]
      : [];
  const problems: string[] = [];
  if (Boolean(e.META_APP_ID) !== Boolean(e.META_APP_SECRET))
    problems.push(
      `- ${e.META_APP_ID ? 'META_APP_SECRET' : 'META_APP_ID'}: set META_APP_ID and META_APP_SECRET together for Facebook Login, or neither`,
    );
  const instagramSecret = env.INSTAGRAM_APP_SECRET?.trim() || undefined;
  if (e.INSTAGRAM_APP_ID && !instagramSecret)
    problems.push(
      '- INSTAGRAM_APP_SECRET: set it with INSTAGRAM_APP_ID for Instagram Login (the Instagram App Secret)',
    );
  if (problems.length > 0)
    throw new ConfigError(`The server's configuration is not valid:\n${problems.join('\n')}`);
  const connect: ConnectConfig = {
    ...(e.META_APP_ID && e.META_APP_SECRET
      ? { facebook: { appId: e.META_APP_ID, appSecret: e.META_APP_SECRET } }
      : {}),
    ...(e.INSTAGRAM_APP_ID && instagramSecret
      ? { instagram: { appId: e.INSTAGRAM_APP_ID, appSecret: instagramSecret } }
      : {}),
    ...(e.TOKEN_ENCRYPTION_KEY ? { encryptionKey: e.TOKEN_ENCRYPTION_KEY } : {}),
  };
  // A server that lets owners connect accounts shows real data, even before the first connection.
  const mode = tokens.length > 0 || connect.facebook || connect.instagram ? 'live' : 'demo';
  if (mode === 'live' && !e.PUBLIC_URL && !LOOPBACK_HOSTS.has(e.HOST)) {
    throw new ConfigError(
      `The server's configuration is not valid:\n- PUBLIC_URL: set it to the address people open (e.g. PUBLIC_URL=https://insights.example.com) when HOST is ${e.HOST}: sign-in cookies and links depend on it`,
    );
  }
  const accountIds = e.INSTAGRAM_ACCOUNT_IDS
    ? e.INSTAGRAM_ACCOUNT_IDS.split(',').map((id) => id.trim())
    : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    mode,
    tokens,
    graphBaseUrl: e.GRAPH_API_BASE_URL.replace(/\/$/, ''),
    graphVersion: e.GRAPH_API_VERSION,
    ...(accountIds ? { accountIds } : {}),
    cacheMaxEntries: e.CACHE_MAX_ENTRIES,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    concurrencyPerAccount: e.UPSTREAM_CONCURRENCY_PER_ACCOUNT,
    logRequests: e.LOG_REQUESTS === 'true',
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/$/, '') } : {}),
    trustProxy: e.TRUST_PROXY === 'true',
    ...(e.WORKSPACE_NAME ? { workspaceName: e.WORKSPACE_NAME } : {}),
    ...(e.TEST_NOW ? { pinnedNow: e.TEST_NOW } : {}),
    ...(Object.keys(connect).length > 0 ? { connect } : {}),
  };
}

const HISTORY_BUDGET_SHARE_ERROR =
  'HISTORY_BUDGET_SHARE must be a number from 0 to 1: the share of the Graph API rate limit the history backfill may use (default 0.25; 0 turns it off)';
/** A century: more keeps everything anyway, and day arithmetic stays within calendars. */
const MAX_RETENTION_DAYS = 36_500;
const RETENTION_MISTAKE = `HISTORY_RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, e.g. HISTORY_RETENTION_DAYS=730 (or unset, to keep everything)`;

const storageSchema = z.object({
  DATA_DIR: z.string().trim().default('./data'),
  HISTORY_RETENTION_DAYS: z
    .string()
    .trim()
    .regex(/^[1-9]\d*$/, {
      error: RETENTION_MISTAKE,
    })
    .transform(Number)
    .refine((days) => days <= MAX_RETENTION_DAYS, {
      error: RETENTION_MISTAKE,
    })
    .optional(),
  WEBHOOK_VERIFY_TOKEN: z
    .string()
    .trim()
    .regex(/^[\x21-\x7e]{8,200}$/, {
      error:
        'WEBHOOK_VERIFY_TOKEN must be 8 to 200 printable characters without spaces (the Verify Token entered in the App Dashboard)',
    })
    .optional(),
  INSTAGRAM_APP_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{16,128}$/, {
      error:
        'INSTAGRAM_APP_SECRET must be the App Secret from the App Dashboard (letters and digits, usually 32)',
    })
    .optional(),
  HISTORY_BUDGET_SHARE: z.coerce
    .number({ error: HISTORY_BUDGET_SHARE_ERROR })
    .min(0, { error: HISTORY_BUDGET_SHARE_ERROR })
    .max(1, { error: HISTORY_BUDGET_SHARE_ERROR })
    .default(0.25),
});

/** Creates the data directory if needed and checks that the server may write in it. */
function ensureDataDir(dir: string): string {
  const path = resolve(dir);
  let found: ReturnType<typeof statSync>;
  try {
    found = statSync(path, { throwIfNoEntry: false });
  } catch {
    // ENOTDIR: a parent is a file; mkdir below says so.
    found = undefined;
  }
  if (found && !found.isDirectory()) {
    throw new ConfigError(
      `DATA_DIR: ${path} is a file, not a directory; choose a directory the server may create and write, e.g. DATA_DIR=./data`,
    );
  }
  if (!found) {
    try {
      // Parent by parent: Node's recursive mkdir can loop forever on some file systems (/proc).
      const missing: string[] = [];
      for (let dir = path; !existsSync(dir); dir = dirname(dir)) {
        missing.unshift(dir);
        if (dirname(dir) === dir) break;
      }
      for (const dir of missing) mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new ConfigError(
        `DATA_DIR: cannot create ${path} (${code}); choose a directory the server may create and write, e.g. DATA_DIR=./data`,
      );
    }
  }
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new ConfigError(
      `DATA_DIR: the server may not write in ${path}; give it write access or choose another directory, e.g. DATA_DIR=./data`,
    );
  }
  return path;
}

/**
 * Reads the store's and the webhooks' settings: DATA_DIR (created on first start),
 * HISTORY_RETENTION_DAYS, WEBHOOK_VERIFY_TOKEN and INSTAGRAM_APP_SECRET (both or neither). In demo
 * mode the webhook secrets are generated for the built-in fake, unless given. Throws a ConfigError
 * listing every mistake.
 */
export function loadStorageConfig(env: NodeJS.ProcessEnv, mode: 'demo' | 'live'): StorageConfig {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = storageSchema.safeParse(set);
  // The messages name the variables, never their values: two of them hold secrets.
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const e = parsed.success ? parsed.data : undefined;
  let verifyToken = e?.WEBHOOK_VERIFY_TOKEN;
  let appSecret = e?.INSTAGRAM_APP_SECRET;
  if (mode === 'demo') {
    verifyToken ??= randomBytes(18).toString('base64url');
    appSecret ??= randomBytes(16).toString('hex');
  } else if (
    e &&
    (verifyToken === undefined) !== (appSecret === undefined) &&
    // INSTAGRAM_APP_SECRET alone is Instagram Login's secret, without webhooks.
    !(verifyToken === undefined && set.INSTAGRAM_APP_ID)
  ) {
    problems.push(
      `Set both WEBHOOK_VERIFY_TOKEN and INSTAGRAM_APP_SECRET to receive Instagram webhooks, or neither (${verifyToken ? 'INSTAGRAM_APP_SECRET' : 'WEBHOOK_VERIFY_TOKEN'} is missing)`,
    );
  }
  let dataDir: string | undefined;
  try {
    dataDir = ensureDataDir(typeof set.DATA_DIR === 'string' ? set.DATA_DIR.trim() : './data');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(error.message);
  }
  if (problems.length > 0 || !dataDir) {
    throw new ConfigError(
      `The server's configuration is not valid:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
  }
  return {
    dataDir,
    ...(verifyToken && appSecret ? { webhookVerifyToken: verifyToken, appSecret } : {}),
    ...(e ? { historyBudgetShare: e.HISTORY_BUDGET_SHARE } : {}),
    ...(e?.HISTORY_RETENTION_DAYS ? { historyRetentionDays: e.HISTORY_RETENTION_DAYS } : {}),
  };
}

/** The whole configuration: every mistake in either part is reported at once. */
export function loadServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const problems: string[] = [];
  let config: ServerConfig | undefined;
  let storage: StorageConfig | undefined;
  const linesOf = (error: unknown) => {
    if (!(error instanceof ConfigError)) throw error;
    const text = error.message.replace(/^The server's configuration is not valid:\n/, '');
    problems.push(...text.split('\n').map((line) => (line.startsWith('- ') ? line : `- ${line}`)));
  };
  try {
    config = loadConfig(env);
  } catch (error) {
    linesOf(error);
  }
  try {
    const mode =
      config?.mode ??
      (env.INSTAGRAM_ACCESS_TOKEN?.trim() ||
      env.INSTAGRAM_ACCESS_TOKENS_FILE?.trim() ||
      env.META_APP_ID?.trim() ||
      env.INSTAGRAM_APP_ID?.trim()
        ? 'live'
        : 'demo');
    storage = loadStorageConfig(env, mode);
  } catch (error) {
    linesOf(error);
  }
  if (!config || !storage || problems.length > 0)
    throw new ConfigError(`The server's configuration is not valid:\n${problems.join('\n')}`);
  return { ...config, storage };
}
