/**
 * The store's online backup: taken while another process writes, it is a whole store holding every
 * committed write and none of an unfinished one; it is written under another name and renamed at
 * the end, never over an existing file unless asked; and the copy restores.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkGroups, committed, kill, startWriter } from '../testing/writer-process';
import { BackupExistsError, InsightsStore, STORE_FILE, StoreError } from './insights-store';
import { MIGRATIONS } from './migrations';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'store-backup-'));
  dirs.push(dir);
  return dir;
}

const AT = new Date('2026-11-20T20:00:00Z');
const ACCOUNT = '17841405822304914';
const LATEST = MIGRATIONS.at(-1)?.version;

/** A store in a directory of its own, with a few days of follower counts. */
function storeWithData(): { dir: string; store: InsightsStore } {
  const dir = tempDir();
  const store = InsightsStore.open(join(dir, STORE_FILE));
  store.putDailyValues(
    ACCOUNT,
    'follower_count',
    [
      { day: '2026-11-18', value: 100 },
      { day: '2026-11-19', value: 101 },
    ],
    AT,
  );
  return { dir, store };
}

describe('a backup while another process writes', () => {
  it('in a loop: the copy is a whole store with every group committed before it began', async () => {
    const db = join(tempDir(), STORE_FILE);
    const { child, lines } = await startWriter(db, 'loop', (line) => line === 'committed 60');
    const store = InsightsStore.open(db, { migrate: false });
    const file = join(tempDir(), 'backup.sqlite');
    try {
      const before = Math.max(...committed(lines));
      const written = await store.backupTo(file);
      const during = Math.max(...committed(lines));
      expect(written).toMatchObject({ file, schemaVersion: LATEST });
      // The copy opens on its own, passes integrity_check (checkGroups) and holds whole groups.
      const groups = checkGroups(file);
      expect(groups).toBeGreaterThanOrEqual(before + 1);
      expect(groups).toBeLessThanOrEqual(during + 2);
    } finally {
      store.close();
      await kill(child);
    }
    // The writer went on meanwhile; its store is whole too.
    expect(checkGroups(db)).toBeGreaterThanOrEqual(61);
  });

  it('in the middle of a transaction: the copy holds every committed group and none of it', async () => {
    const db = join(tempDir(), STORE_FILE);
    const { child } = await startWriter(db, 'pause', (line) => line.startsWith('mid '));
    const store = InsightsStore.open(db, { migrate: false });
    const file = join(tempDir(), 'backup.sqlite');
    try {
      await store.backupTo(file);
    } finally {
      store.close();
      await kill(child);
    }
    expect(checkGroups(file)).toBe(20);
    const raw = new Database(file, { readonly: true });
    expect(
      raw.prepare("SELECT COUNT(*) AS n FROM account_daily WHERE account_id = '1'").get(),
    ).toEqual({ n: 0 });
    raw.close();
  });
});

describe('the backup file', () => {
  it('is one self-contained file, written under another name and renamed at the end', async () => {
    const { store } = storeWithData();
    const out = tempDir();
    const file = join(out, 'backup.sqlite');
    const seen = new Set<string>();
    let watching = true;
    const watch = () => {
      for (const name of readdirSync(out)) seen.add(name);
      if (watching) setImmediate(watch);
    };
    watch();
    const written = await store.backupTo(file);
    watching = false;
    expect(seen.has('backup.sqlite')).toBe(false);
    expect([...seen].some((name) => /^\.backup\.sqlite\..*\.partial$/.test(name))).toBe(true);
    // Nothing else is left: no temporary file, no -wal or -shm.
    expect(readdirSync(out)).toEqual(['backup.sqlite']);
    expect(written.bytes).toBe(readFileSync(file).length);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
    store.close();
  });

  it('holds what is only in the WAL of the open store (not yet checkpointed)', async () => {
    const { dir, store } = storeWithData();
    store.putDailyValues(ACCOUNT, 'follower_count', [{ day: '2026-11-20', value: 102 }], AT);
    expect(readdirSync(dir)).toContain(`${STORE_FILE}-wal`);
    const file = join(tempDir(), 'backup.sqlite');
    await store.backupTo(file);
    store.close();
    const copy = InsightsStore.open(file);
    expect(copy.dailyValues(ACCOUNT, 'follower_count').map((d) => d.value)).toEqual([
      100, 101, 102,
    ]);
    copy.close();
  });

  it('an existing file is kept unless overwriting is asked; the store itself and directories are refused', async () => {
    const { dir, store } = storeWithData();
    const out = tempDir();
    const file = join(out, 'backup.sqlite');
    writeFileSync(file, 'an older backup');
    await expect(store.backupTo(file)).rejects.toThrow(BackupExistsError);
    expect(readFileSync(file, 'utf8')).toBe('an older backup');
    for (const [target, message] of [
      [join(dir, STORE_FILE), 'is the store itself'],
      [join(dir, `${STORE_FILE}-wal`), 'is the store itself'],
      [out, 'is a directory; give the backup a file name'],
      [join(out, 'missing', 'backup.sqlite'), 'does not exist; create it'],
    ] as const) {
      await expect(store.backupTo(target)).rejects.toThrow(StoreError);
      await expect(store.backupTo(target)).rejects.toThrow(message);
    }
    expect(readdirSync(out)).toEqual(['backup.sqlite']);
    const written = await store.backupTo(file, { overwrite: true });
    expect(written.schemaVersion).toBe(LATEST);
    const copy = InsightsStore.open(file);
    expect(copy.integrityCheck()).toBe('ok');
    expect(copy.dailyValues(ACCOUNT, 'follower_count')).toHaveLength(2);
    copy.close();
    store.close();
  });
});

describe('restoring', () => {
  it('the copy over DATA_DIR/insights.sqlite (its -wal and -shm removed) is the store at the backup', async () => {
    const { store } = storeWithData();
    const file = join(tempDir(), 'backup.sqlite');
    await store.backupTo(file);
    store.putDailyValues(ACCOUNT, 'follower_count', [{ day: '2026-11-20', value: 999 }], AT);
    store.close();
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir);
    // The store that was there, with the -wal and -shm a killed server leaves behind.
    const old = InsightsStore.open(join(dataDir, STORE_FILE));
    old.putDailyValues('42', 'follower_count', [{ day: '2026-01-01', value: 1 }], AT);
    const aside = tempDir();
    for (const extra of ['-wal', '-shm'])
      copyFileSync(join(dataDir, `${STORE_FILE}${extra}`), join(aside, extra));
    old.close();
    for (const extra of ['-wal', '-shm'])
      copyFileSync(join(aside, extra), join(dataDir, `${STORE_FILE}${extra}`));
    // The README's steps: the copy over the store, its -wal and -shm removed.
    copyFileSync(file, join(dataDir, STORE_FILE));
    for (const extra of ['-wal', '-shm']) rmSync(join(dataDir, `${STORE_FILE}${extra}`));
    const restored = InsightsStore.open(join(dataDir, STORE_FILE));
    expect(restored.migrated).toEqual([]);
    expect(restored.integrityCheck()).toBe('ok');
    expect(restored.dailyValues(ACCOUNT, 'follower_count').map((d) => d.value)).toEqual([100, 101]);
    expect(restored.dailyValues('42', 'follower_count')).toEqual([]);
    restored.close();
  });
});

describe('opening without migrating', () => {
  it('opens a store as it is, and refuses a database that is no store', () => {
    const dir = tempDir();
    const path = join(dir, STORE_FILE);
    const first = InsightsStore.open(path, { migrations: MIGRATIONS.slice(0, 1) });
    first.close();
    const asItIs = InsightsStore.open(path, { migrate: false });
    expect(asItIs.migrated).toEqual([]);
    expect(asItIs.schemaVersion()).toBe(1);
    asItIs.close();
    const other = join(dir, 'other.sqlite');
    const raw = new Database(other);
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.close();
    expect(() => InsightsStore.open(other, { migrate: false })).toThrow(
      'is not a store of this dashboard',
    );
  });
});
