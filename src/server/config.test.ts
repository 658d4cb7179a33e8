import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadServerConfig, loadStorageConfig } from './config';

const TOKEN = 'EAAB-test-SECRET-token-123';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'proxy-config-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The ConfigError loadConfig throws for this environment. */
function mistake(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('defaults: port 3000 on 127.0.0.1, Graph v26.0, demo mode without a token', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      mode: 'demo',
      tokens: [],
      graphBaseUrl: 'https://graph.facebook.com',
      graphVersion: 'v26.0',
      cacheMaxEntries: 5_000,
      upstreamTimeoutMs: 15_000,
      concurrencyPerAccount: 4,
      logRequests: true,
      trustProxy: false,
    });
  });

  it('live mode with a token; every setting read', () => {
    const config = loadConfig({
      INSTAGRAM_ACCESS_TOKEN: `  ${TOKEN}  `,
      PORT: '8080',
      HOST: '0.0.0.0',
      GRAPH_API_BASE_URL: 'http://127.0.0.1:4010/',
      GRAPH_API_VERSION: 'v24.0',
      INSTAGRAM_ACCOUNT_IDS: '17841405822304914, 17841400118305523',
      CACHE_MAX_ENTRIES: '100',
      UPSTREAM_TIMEOUT_MS: '2500',
      UPSTREAM_CONCURRENCY_PER_ACCOUNT: '2',
      LOG_REQUESTS: 'false',
      PUBLIC_URL: 'https://insights.example.com/',
      TRUST_PROXY: 'true',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      mode: 'live',
      tokens: [TOKEN],
      graphBaseUrl: 'http://127.0.0.1:4010',
      graphVersion: 'v24.0',
      accountIds: ['17841405822304914', '17841400118305523'],
      cacheMaxEntries: 100,
      upstreamTimeoutMs: 2500,
      concurrencyPerAccount: 2,
      logRequests: false,
      publicUrl: 'https://insights.example.com',
      trustProxy: true,
    });
  });

  it('live mode on an address other than loopback needs PUBLIC_URL, and says why', () => {
    const error = mistake({ INSTAGRAM_ACCESS_TOKEN: TOKEN, HOST: '0.0.0.0' });
    expect(error.message).toContain(
      'PUBLIC_URL: set it to the address people open (e.g. PUBLIC_URL=https://insights.example.com) when HOST is 0.0.0.0',
    );
    // Loopback and demo mode need none.
    expect(loadConfig({ INSTAGRAM_ACCESS_TOKEN: TOKEN, HOST: 'localhost' }).mode).toBe('live');
    expect(loadConfig({ HOST: '0.0.0.0' }).mode).toBe('demo');
  });

  it('PUBLIC_URL is an origin; TRUST_PROXY is true or false', () => {
    expect(mistake({ PUBLIC_URL: 'insights.example.com' }).message).toContain(
      'PUBLIC_URL must be the address people open',
    );
    expect(mistake({ PUBLIC_URL: 'https://example.com/insights' }).message).toContain(
      'PUBLIC_URL must be an origin without a path',
    );
    expect(mistake({ TRUST_PROXY: 'yes' }).message).toContain('TRUST_PROXY must be true');
  });

  it('variables of other programs are ignored', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'test' }).mode).toBe('demo');
  });

  it.each(['abc', '70000', '-1', '3.5', '80a'])('PORT=%s: says what a port must be', (port) => {
    const error = mistake({ PORT: port });
    expect(error.message).toMatch(/^The server's configuration is not valid:\n- PORT: PORT must/);
  });

  it.each(['v19.0', 'v21.0', '25', 'v25', 'latest'])(
    'GRAPH_API_VERSION=%s: asks for v22.0 or newer in the vNN.0 form',
    (version) => {
      const error = mistake({ GRAPH_API_VERSION: version });
      expect(error.message).toContain(
        '- GRAPH_API_VERSION: GRAPH_API_VERSION must look like v25.0 and be v22.0 or newer',
      );
    },
  );

  it.each(['abc', '17841405822304914;17841400118305523', '17841405822304914,', '1234', 'me'])(
    'INSTAGRAM_ACCOUNT_IDS=%s: asks for a comma-separated list of numeric ids',
    (ids) => {
      const error = mistake({ INSTAGRAM_ACCOUNT_IDS: ids });
      expect(error.message).toContain(
        'INSTAGRAM_ACCOUNT_IDS must be a comma-separated list of numeric Instagram account ids',
      );
    },
  );

  it('GRAPH_API_BASE_URL must be a URL', () => {
    expect(mistake({ GRAPH_API_BASE_URL: 'graph.facebook.com' }).message).toContain(
      'GRAPH_API_BASE_URL must be a URL',
    );
  });

  it('TEST_NOW pins the clock to an instant with its offset, and says how to write one', () => {
    expect(loadConfig({ TEST_NOW: '2027-03-14T12:00:00-07:00' }).pinnedNow).toBe(
      '2027-03-14T12:00:00-07:00',
    );
    expect(loadConfig({}).pinnedNow).toBeUndefined();
    for (const wrong of ['2027-03-14', 'tomorrow', '2027-03-14T12:00:00']) {
      expect(mistake({ TEST_NOW: wrong }).message).toContain(
        'TEST_NOW must be an ISO 8601 instant with its offset, e.g. TEST_NOW=2027-03-14T12:00:00-07:00',
      );
    }
  });

  it('lists every mistake at once', () => {
    const error = mistake({ PORT: 'x', GRAPH_API_VERSION: 'v19.0', INSTAGRAM_ACCOUNT_IDS: 'x' });
    expect(error.message.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
  });

  it('both token variables: says to choose one', () => {
    const file = join(dir, 'both.txt');
    writeFileSync(file, `${TOKEN}\n`);
    const error = mistake({ INSTAGRAM_ACCESS_TOKEN: TOKEN, INSTAGRAM_ACCESS_TOKENS_FILE: file });
    expect(error.message).toBe(
      'Set INSTAGRAM_ACCESS_TOKEN or INSTAGRAM_ACCESS_TOKENS_FILE, not both',
    );
  });

  it('an unreadable tokens file: names the file and what it must hold', () => {
    const missing = join(dir, 'no-such-file.txt');
    const error = mistake({ INSTAGRAM_ACCESS_TOKENS_FILE: missing });
    expect(error.message).toBe(
      `INSTAGRAM_ACCESS_TOKENS_FILE: cannot read ${missing}; give the path of a file with one token per line`,
    );
    // A directory cannot be read as a file either.
    expect(mistake({ INSTAGRAM_ACCESS_TOKENS_FILE: dir }).message).toContain('cannot read');
  });

  it('a tokens file without tokens: says how to write one', () => {
    const file = join(dir, 'empty.txt');
    writeFileSync(file, '# only a comment\n\n   \n');
    expect(mistake({ INSTAGRAM_ACCESS_TOKENS_FILE: file }).message).toContain('holds no token');
  });

  it('a tokens file with several tokens: one per line, comments and blank lines skipped', () => {
    const file = join(dir, 'tokens.txt');
    writeFileSync(
      file,
      `# Northwind and Lumen\r\n${TOKEN}\r\n\r\n  EAAB-second-token-456  \n# retired: EAAB-old\nEAAB-third-token-789\n`,
    );
    const config = loadConfig({ INSTAGRAM_ACCESS_TOKENS_FILE: file });
    expect(config.mode).toBe('live');
    expect(config.tokens).toEqual([TOKEN, 'EAAB-second-token-456', 'EAAB-third-token-789']);
  });

  it('no message repeats a token', () => {
    const messages = [
      mistake({ INSTAGRAM_ACCESS_TOKEN: TOKEN, PORT: 'x', GRAPH_API_VERSION: 'v19.0' }).message,
      mistake({ INSTAGRAM_ACCESS_TOKEN: TOKEN, INSTAGRAM_ACCESS_TOKENS_FILE: '/nonexistent' })
        .message,
    ];
    for (const message of messages) expect(message).not.toContain(TOKEN);
  });

  it('a variable set to nothing counts as unset', () => {
    const config = loadConfig({
      PORT: '',
      HOST: '',
      INSTAGRAM_ACCESS_TOKEN: '',
      GRAPH_API_VERSION: '',
      INSTAGRAM_ACCOUNT_IDS: ' ',
      LOG_REQUESTS: '',
    });
    expect(config).toEqual(loadConfig({}));
  });
});

describe('HISTORY_RETENTION_DAYS', () => {
  const storage = (days?: string) =>
    loadStorageConfig(
      { DATA_DIR: dir, ...(days === undefined ? {} : { HISTORY_RETENTION_DAYS: days }) },
      'demo',
    );

  it('unset or empty: everything is kept', () => {
    expect(storage()).not.toHaveProperty('historyRetentionDays');
    expect(storage('  ')).not.toHaveProperty('historyRetentionDays');
  });

  it.each([
    ['730', 730],
    [' 30 ', 30],
    ['1', 1],
    ['36500', 36_500],
  ])('%j: %i days', (value, days) => {
    expect(storage(value).historyRetentionDays).toBe(days);
  });

  it.each(['0', '-30', '3.5', '1e3', '0x10', '30d', 'forever', '036', '36501', '99999999999'])(
    '%s: says what it must be',
    (value) => {
      let message = '';
      try {
        storage(value);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toBe(
        "The server's configuration is not valid:\n- HISTORY_RETENTION_DAYS: HISTORY_RETENTION_DAYS must be a whole number of days from 1 to 36500, e.g. HISTORY_RETENTION_DAYS=730 (or unset, to keep everything)",
      );
    },
  );

  it('reaches the server’s configuration, and is reported with the other mistakes', () => {
    expect(
      loadServerConfig({ DATA_DIR: dir, HISTORY_RETENTION_DAYS: '365' }).storage,
    ).toMatchObject({ historyRetentionDays: 365 });
    const error = (() => {
      try {
        loadServerConfig({ DATA_DIR: dir, HISTORY_RETENTION_DAYS: 'a year', PORT: 'x' });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toContain('- PORT: PORT must be a number');
    expect(error?.message).toContain(
      '- HISTORY_RETENTION_DAYS: HISTORY_RETENTION_DAYS must be a whole number of days',
    );
  });
});

describe('connecting accounts (META_APP_*, INSTAGRAM_APP_*, TOKEN_ENCRYPTION_KEY)', () => {
  const FB = { META_APP_ID: '1234567890', META_APP_SECRET: 'abcdef0123456789abcdef0123456789' };
  const IG = {
    INSTAGRAM_APP_ID: '9876543210',
    INSTAGRAM_APP_SECRET: '0123456789abcdef0123456789abcdef',
  };

  it('either login makes a live server, which lets owners connect accounts before any token', () => {
    expect(loadConfig(FB)).toMatchObject({
      mode: 'live',
      tokens: [],
      connect: { facebook: { appId: FB.META_APP_ID, appSecret: FB.META_APP_SECRET } },
    });
    expect(loadConfig(IG)).toMatchObject({
      mode: 'live',
      connect: { instagram: { appId: IG.INSTAGRAM_APP_ID, appSecret: IG.INSTAGRAM_APP_SECRET } },
    });
    expect(loadConfig({ ...FB, ...IG }).connect).toMatchObject({
      facebook: { appId: FB.META_APP_ID },
      instagram: { appId: IG.INSTAGRAM_APP_ID },
    });
  });

  it('a Facebook Login needs its id and secret together, Instagram Login its secret', () => {
    expect(mistake({ META_APP_ID: FB.META_APP_ID }).message).toContain(
      'META_APP_SECRET: set META_APP_ID and META_APP_SECRET together for Facebook Login, or neither',
    );
    expect(mistake({ META_APP_SECRET: FB.META_APP_SECRET }).message).toContain(
      'META_APP_ID: set META_APP_ID and META_APP_SECRET together',
    );
    expect(mistake({ INSTAGRAM_APP_ID: IG.INSTAGRAM_APP_ID }).message).toContain(
      'INSTAGRAM_APP_SECRET: set it with INSTAGRAM_APP_ID for Instagram Login',
    );
  });

  it('refuses ids and secrets that cannot be Meta’s, naming where to find them, never echoing them', () => {
    const message = mistake({
      META_APP_ID: 'my-app',
      META_APP_SECRET: 'short',
      INSTAGRAM_APP_ID: 'x1',
      INSTAGRAM_APP_SECRET: IG.INSTAGRAM_APP_SECRET,
    }).message;
    expect(message).toContain('META_APP_ID must be the App ID from the App Dashboard (digits)');
    expect(message).toContain('META_APP_SECRET must be the App Secret from the App Dashboard');
    expect(message).toContain('INSTAGRAM_APP_ID must be the Instagram App ID');
    expect(message).not.toContain('short');
    expect(message).not.toContain('my-app');
  });

  it('TOKEN_ENCRYPTION_KEY takes 32 bytes in hex or base64, and says how to make one otherwise', () => {
    const hex = 'ab'.repeat(32);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...FB, TOKEN_ENCRYPTION_KEY: hex }).connect?.encryptionKey).toBe(hex);
    expect(loadConfig({ ...FB, TOKEN_ENCRYPTION_KEY: base64 }).connect?.encryptionKey).toBe(base64);
    for (const bad of ['ab'.repeat(16), 'not a key', Buffer.alloc(31).toString('base64')]) {
      const message = mistake({ ...FB, TOKEN_ENCRYPTION_KEY: bad }).message;
      expect(message).toContain('TOKEN_ENCRYPTION_KEY must be 32 random bytes in hex or base64');
      expect(message).toContain('openssl rand -base64 32');
      expect(message).not.toContain(bad);
    }
  });
});
