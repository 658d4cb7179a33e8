/**
 * A kill at any moment of a write leaves the store consistent: a child process writes record groups
 * in transactions and is killed with SIGKILL, then the store is opened again and checked.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkGroups, committed, kill, startWriter } from '../testing/writer-process';
import { InsightsStore } from './insights-store';

const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'store-kill-'));
  dirs.push(dir);
  return join(dir, 'insights.sqlite');
}

describe('a kill during a write', () => {
  it('in the middle of a transaction: the half-written group is gone, every committed one is whole', async () => {
    const db = tempDb();
    const { child, lines } = await startWriter(db, 'pause', (line) => line.startsWith('mid '));
    // Part of the uncommitted transaction has reached the disk (the WAL) when the kill comes.
    const [, , before, during] = (lines.find((l) => l.startsWith('mid ')) ?? '').split(' ');
    expect(Number(during)).toBeGreaterThan(Number(before) + 100_000);
    await kill(child);
    expect(Math.max(...committed(lines))).toBe(19);
    expect(checkGroups(db)).toBe(20);
    const raw = new Database(db, { readonly: true });
    expect(
      raw.prepare("SELECT COUNT(*) AS n FROM account_daily WHERE account_id = '1'").get(),
    ).toEqual({ n: 0 });
    raw.close();
  });

  it('at a random moment of a writing loop: no half group, nothing committed lost', async () => {
    const db = tempDb();
    const { child, lines } = await startWriter(db, 'loop', (line) => line === 'committed 60');
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 25)));
    await kill(child);
    const seen = Math.max(...committed(lines));
    const groups = checkGroups(db);
    expect(groups).toBeGreaterThanOrEqual(seen + 1);
    // Writing goes on after a restart, on top of what was kept.
    const store = InsightsStore.open(db);
    store.putDailyValues('42', 'follower_count', [{ day: '2026-03-01', value: 1 }], new Date());
    expect(store.dailyValues('42', 'follower_count')).toHaveLength(1);
    store.close();
    expect(existsSync(db)).toBe(true);
  });
});
