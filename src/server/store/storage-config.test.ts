/** DATA_DIR, WEBHOOK_VERIFY_TOKEN and INSTAGRAM_APP_SECRET: read, checked, and never printed. */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig, loadStorageConfig } from '../config';

const root = mkdtempSync(join(tmpdir(), 'storage-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SECRET = 'abcdef0123456789abcdef0123456789';
const VERIFY = 'my-verify-token';

function mistake(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('DATA_DIR', () => {
  it('is created on first start, nested directories included', () => {
    const dir = join(root, 'a', 'b', 'data');
    const storage = loadStorageConfig({ DATA_DIR: dir }, 'live');
    expect(storage).toEqual({ dataDir: dir, historyBudgetShare: 0.25 });
    expect(statSync(dir).isDirectory()).toBe(true);
    // A second start finds it.
    expect(loadStorageConfig({ DATA_DIR: dir }, 'live').dataDir).toBe(dir);
  });

  it('a relative path is resolved against the working directory', () => {
    const storage = loadStorageConfig({ DATA_DIR: join(root, 'rel', '..', 'rel2') }, 'live');
    expect(storage.dataDir).toBe(join(root, 'rel2'));
  });

  it('a clear error when it cannot be created or written', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    expect(
      mistake(() => loadStorageConfig({ DATA_DIR: join(file, 'sub') }, 'live')).message,
    ).toMatch(/\n- DATA_DIR: cannot create .*a-file\/sub \(ENOTDIR\); choose a directory/);
    expect(mistake(() => loadStorageConfig({ DATA_DIR: file }, 'live')).message).toMatch(
      /\n- DATA_DIR: .*a-file is a file, not a directory/,
    );
  });
});

describe('HISTORY_BUDGET_SHARE', () => {
  const DATA_DIR = join(root, 'budget');

  it('is the share of the rate limit the backfill may use: 0.25 unless set, 0 turns it off', () => {
    expect(loadStorageConfig({ DATA_DIR }, 'live').historyBudgetShare).toBe(0.25);
    expect(
      loadStorageConfig({ DATA_DIR, HISTORY_BUDGET_SHARE: '0.1' }, 'live').historyBudgetShare,
    ).toBe(0.1);
    expect(
      loadStorageConfig({ DATA_DIR, HISTORY_BUDGET_SHARE: '0' }, 'live').historyBudgetShare,
    ).toBe(0);
  });

  it('refuses anything but a number from 0 to 1, saying what to set', () => {
    for (const value of ['25%', '1.5', '-0.1', 'half']) {
      expect(
        mistake(() => loadStorageConfig({ DATA_DIR, HISTORY_BUDGET_SHARE: value }, 'live')).message,
      ).toMatch(/HISTORY_BUDGET_SHARE: HISTORY_BUDGET_SHARE must be a number from 0 to 1/);
    }
  });
});

describe('webhook secrets', () => {
  const DATA_DIR = join(root, 'secrets');

  it('live mode: both, or neither', () => {
    expect(
      loadStorageConfig(
        { DATA_DIR, WEBHOOK_VERIFY_TOKEN: VERIFY, INSTAGRAM_APP_SECRET: SECRET },
        'live',
      ),
    ).toEqual({
      dataDir: DATA_DIR,
      webhookVerifyToken: VERIFY,
      appSecret: SECRET,
      historyBudgetShare: 0.25,
    });
    expect(loadStorageConfig({ DATA_DIR }, 'live')).toEqual({
      dataDir: DATA_DIR,
      historyBudgetShare: 0.25,
    });
    expect(
      mistake(() => loadStorageConfig({ DATA_DIR, WEBHOOK_VERIFY_TOKEN: VERIFY }, 'live')).message,
    ).toMatch(
      /Set both WEBHOOK_VERIFY_TOKEN and INSTAGRAM_APP_SECRET.*INSTAGRAM_APP_SECRET is missing/,
    );
    expect(
      mistake(() => loadStorageConfig({ DATA_DIR, INSTAGRAM_APP_SECRET: SECRET }, 'live')).message,
    ).toMatch(/WEBHOOK_VERIFY_TOKEN is missing/);
  });

  it('malformed values are named, never shown', () => {
    const badSecret = 'not a secret!';
    const badToken = 'has space';
    const error = mistake(() =>
      loadStorageConfig(
        { DATA_DIR, WEBHOOK_VERIFY_TOKEN: badToken, INSTAGRAM_APP_SECRET: badSecret },
        'live',
      ),
    );
    expect(error.message).toMatch(
      /- WEBHOOK_VERIFY_TOKEN: WEBHOOK_VERIFY_TOKEN must be 8 to 200 printable/,
    );
    expect(error.message).toMatch(
      /- INSTAGRAM_APP_SECRET: INSTAGRAM_APP_SECRET must be the App Secret/,
    );
    expect(error.message).not.toContain(badSecret);
    expect(error.message).not.toContain(badToken);
  });

  it('demo mode generates them (different on each start) unless given', () => {
    const a = loadStorageConfig({ DATA_DIR }, 'demo');
    const b = loadStorageConfig({ DATA_DIR }, 'demo');
    expect(a.webhookVerifyToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.appSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(a.appSecret).not.toBe(b.appSecret);
    expect(loadStorageConfig({ DATA_DIR, INSTAGRAM_APP_SECRET: SECRET }, 'demo').appSecret).toBe(
      SECRET,
    );
  });
});

describe('loadServerConfig', () => {
  it('the whole configuration, storage included', () => {
    const dir = join(root, 'server');
    const config = loadServerConfig({
      DATA_DIR: dir,
      INSTAGRAM_ACCESS_TOKEN: 'EAAB-token-value',
      WEBHOOK_VERIFY_TOKEN: VERIFY,
      INSTAGRAM_APP_SECRET: SECRET,
    });
    expect(config).toMatchObject({
      mode: 'live',
      storage: { dataDir: dir, webhookVerifyToken: VERIFY, appSecret: SECRET },
    });
    expect(existsSync(dir)).toBe(true);
  });

  it('lists the mistakes of both parts at once, without secrets', () => {
    const file = join(root, 'another-file');
    writeFileSync(file, 'x');
    const error = mistake(() =>
      loadServerConfig({
        PORT: 'x',
        INSTAGRAM_ACCESS_TOKEN: 'EAAB-token-value',
        DATA_DIR: file,
        WEBHOOK_VERIFY_TOKEN: VERIFY,
      }),
    );
    expect(error.message).toMatch(/^The server's configuration is not valid:\n/);
    expect(error.message).toMatch(/- PORT: /);
    expect(error.message).toMatch(/- Set both .*INSTAGRAM_APP_SECRET is missing/);
    expect(error.message).toMatch(/- DATA_DIR: .*another-file is a file, not a directory/);
    expect(error.message).not.toContain('EAAB-token-value');
    expect(error.message).not.toContain(VERIFY);
  });
});
