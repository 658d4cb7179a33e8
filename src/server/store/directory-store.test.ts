/**
 * What the account directory remembers across restarts: migration 7 on top of a store of
 * version 6, discoveries kept by token fingerprint (never the token) and replaced as a whole,
 * and media owners written once, changed in place and forgotten per account.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenFingerprint } from './directory-store';
import { InsightsStore } from './insights-store';
import { MIGRATIONS } from './migrations';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'directory-store-'));
  dirs.push(dir);
  return join(dir, 'insights.sqlite');
}

const ACCOUNT = '17841405822304914';
const OTHER = '17841400118305523';
const TOKEN = 'EAAB-directory-store-SECRET-token';
const FOUND_AT = Date.parse('2026-11-20T20:00:00Z');
const POST = {
  id: '17900000000000001',
  accountId: ACCOUNT,
  productType: 'FEED',
  mediaType: 'IMAGE',
  timestamp: '2026-11-01T10:00:00+0000',
};

describe('migration 7: remembered accounts and media owners', () => {
  it('runs once on a store of version 6, keeping its data, and adds empty tables', () => {
    const path = tempFile();
    const old = InsightsStore.open(path, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    expect(old.schemaVersion()).toBe(6);
    old.history.put(ACCOUNT, [{ metric: 'views', day: '2026-11-01', value: 5 }], new Date());
    old.close();

    const upgraded = InsightsStore.open(path);
    expect(upgraded.migrated).toEqual([7]);
    expect(
      upgraded.history.values(ACCOUNT, ['views'], '2026-11-01', '2026-11-01').get('views'),
    ).toEqual(new Map([['2026-11-01', 5]]));
    expect(upgraded.directory.discoveries([tokenFingerprint(TOKEN)])).toEqual(new Map());
    expect(upgraded.directory.mediaOwner(POST.id)).toBeUndefined();
    upgraded.close();

    const raw = new Database(path, { readonly: true });
    const tables = raw
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('token_discoveries', 'discovered_accounts', 'media_owners') ORDER BY name",
      )
      .pluck()
      .all();
    expect(tables).toEqual(['discovered_accounts', 'media_owners', 'token_discoveries']);
    raw.close();
    const again = InsightsStore.open(path);
    expect(again.migrated).toEqual([]);
    again.close();
  });
});

describe('discoveries', () => {
  it('are kept by the SHA-256 of the token, never the token, and replaced as a whole', () => {
    const path = tempFile();
    const store = InsightsStore.open(path);
    const fingerprint = tokenFingerprint(TOKEN);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const other = tokenFingerprint('another-token');
    store.directory.saveDiscovery(
      new Map([
        [fingerprint, [OTHER, ACCOUNT]],
        [other, []],
      ]),
      FOUND_AT,
    );
    expect(store.directory.discoveries([fingerprint, other, tokenFingerprint('unknown')])).toEqual(
      new Map([
        [fingerprint, { foundAt: FOUND_AT, accounts: [OTHER, ACCOUNT] }],
        [other, { foundAt: FOUND_AT, accounts: [] }],
      ]),
    );
    // The next discovery replaces the last: a token it did not hear from is not remembered.
    store.directory.saveDiscovery(new Map([[fingerprint, [ACCOUNT]]]), FOUND_AT + 1);
    expect(store.directory.discoveries([fingerprint, other])).toEqual(
      new Map([[fingerprint, { foundAt: FOUND_AT + 1, accounts: [ACCOUNT] }]]),
    );
    store.close();
    for (const file of [path, `${path}-wal`]) {
      const bytes = readFileSync(file, { flag: 'a+' });
      expect(bytes.includes(TOKEN)).toBe(false);
    }
  });
});

describe('media owners', () => {
  it('one row per media, changed in place, kept across a restart, forgotten per account', () => {
    const path = tempFile();
    const store = InsightsStore.open(path);
    const collaboration = { ...POST, id: '17900000000000002', collaborators: [OTHER] };
    const elsewhere = { ...POST, id: '17900000000000003', accountId: OTHER };
    expect(store.directory.putMediaOwners([POST, collaboration, elsewhere])).toBe(3);
    // Seen again unchanged: nothing is written.
    expect(store.directory.putMediaOwners([POST, collaboration])).toBe(0);
    expect(store.directory.putMediaOwners([{ ...POST, productType: 'REELS' }])).toBe(1);
    store.close();

    const reopened = InsightsStore.open(path);
    expect(reopened.directory.mediaOwner(POST.id)).toEqual({ ...POST, productType: 'REELS' });
    expect(reopened.directory.mediaOwner(collaboration.id)).toEqual(collaboration);
    expect(reopened.directory.forgetMediaOf(ACCOUNT)).toBe(2);
    expect(reopened.directory.mediaOwner(POST.id)).toBeUndefined();
    expect(reopened.directory.mediaOwner(elsewhere.id)).toEqual(elsewhere);
    reopened.close();
  });

  it('a listing is one transaction: a row SQLite refuses stores none of them', () => {
    const store = InsightsStore.open(':memory:');
    const broken = { ...POST, id: '17900000000000009', accountId: null as unknown as string };
    expect(() => store.directory.putMediaOwners([POST, broken])).toThrow(/NOT NULL/);
    expect(store.directory.mediaOwner(POST.id)).toBeUndefined();
    store.close();
  });
});
