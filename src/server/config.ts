import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_GRAPH_VERSION, parseGraphVersion } from '../graph/versions';

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
}

export class ConfigError extends Error {}

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
  const accountIds = e.INSTAGRAM_ACCOUNT_IDS
    ? e.INSTAGRAM_ACCOUNT_IDS.split(',').map((id) => id.trim())
    : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    mode: tokens.length > 0 ? 'live' : 'demo',
    tokens,
    graphBaseUrl: e.GRAPH_API_BASE_URL.replace(/\/$/, ''),
    graphVersion: e.GRAPH_API_VERSION,
    ...(accountIds ? { accountIds } : {}),
    cacheMaxEntries: e.CACHE_MAX_ENTRIES,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    concurrencyPerAccount: e.UPSTREAM_CONCURRENCY_PER_ACCOUNT,
    logRequests: e.LOG_REQUESTS === 'true',
  };
}
