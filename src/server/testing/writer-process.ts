/**
 * The writer process of the store's tests (kill-writer.fixture.ts): started on a store file, it
 * writes record groups in transactions and says when each has committed; checkGroups reads a
 * store it wrote (after a kill, or a backup taken meanwhile) and checks every group is whole.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { InsightsStore } from '../store/insights-store';

const WRITER = fileURLToPath(new URL('./kill-writer.fixture.ts', import.meta.url));

/** Starts the writer; resolves with it once `until` accepts a line it printed. */
export function startWriter(
  db: string,
  mode: 'loop' | 'pause',
  until: (line: string) => boolean,
): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, db, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer did not get there in time; stderr: ${stderr}`));
    }, 15_000);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (until(line)) {
          clearTimeout(timer);
          resolve({ child, lines });
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the writer ended early (${code}); stderr: ${stderr}`));
    });
  });
}

export async function kill(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
}

export const committed = (lines: string[]) =>
  lines.flatMap((line) => {
    const match = /^committed (\d+)$/.exec(line);
    return match ? [Number(match[1])] : [];
  });

/** Every group in the store is whole, the groups are 0..n-1 without a gap; returns n. */
export function checkGroups(db: string): number {
  // Opening the store recovers it (the WAL's committed frames are kept, the rest dropped).
  const store = InsightsStore.open(db);
  expect(store.integrityCheck()).toBe('ok');
  expect(store.migrated).toEqual([]);
  store.close();
  const raw = new Database(db, { readonly: true });
  try {
    const daily = raw
      .prepare(`SELECT account_id, COUNT(*) AS n, MIN(value) AS lo, MAX(value) AS hi
                FROM account_daily GROUP BY account_id ORDER BY account_id`)
      .all() as { account_id: string; n: number; lo: string; hi: string }[];
    const stories = raw
      .prepare(`SELECT s.story_id, s.account_id,
                  (SELECT COUNT(*) FROM story_snapshots p WHERE p.story_id = s.story_id) AS snapshots,
                  (SELECT COUNT(*) FROM story_metrics m WHERE m.story_id = s.story_id) AS metrics,
                  (SELECT MIN(value) FROM story_metrics m WHERE m.story_id = s.story_id) AS lo,
                  (SELECT MAX(value) FROM story_metrics m WHERE m.story_id = s.story_id) AS hi
                FROM stories s ORDER BY s.story_id`)
      .all() as {
      story_id: string;
      account_id: string;
      snapshots: number;
      metrics: number;
      lo: number;
      hi: number;
    }[];
    expect(daily.length).toBe(stories.length);
    daily.forEach((row, i) => {
      expect(row.account_id).toBe(`9${String(i).padStart(9, '0')}`);
      expect(row).toMatchObject({ n: 30, lo: String(i), hi: String(i) });
      expect(stories[i]).toEqual({
        story_id: `18${String(i).padStart(9, '0')}`,
        account_id: row.account_id,
        snapshots: 1,
        metrics: 3,
        lo: i,
        hi: i,
      });
    });
    return daily.length;
  } finally {
    raw.close();
  }
}
