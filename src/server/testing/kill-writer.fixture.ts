/**
 * A child process for the kill test: writes record groups into a store, each in one transaction,
 * and says on stdout (synchronously) when each has committed.
 *
 *   node --import tsx kill-writer.fixture.ts <db-file> loop    writes until killed
 *   node --import tsx kill-writer.fixture.ts <db-file> pause   after 20 groups, stops in the middle
 *                                                              of a large transaction and says
 *                                                              `mid 20 <wal size before> <wal size now>`
 *
 * Group i: 30 follower_count days of account A(i) with value i, and a story snapshot of story S(i)
 * (story row, snapshot row and three metrics, all equal to i).
 */
import { statSync, writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { addDays } from '../../graph/pacific-days';
import { InsightsStore } from '../store/insights-store';

const GROUP_DAYS = 30;
const FIRST_DAY = '2026-01-01';
const accountOf = (i: number) => `9${String(i).padStart(9, '0')}`;
const storyOf = (i: number) => `18${String(i).padStart(9, '0')}`;

const [path, mode] = process.argv.slice(2);
if (path && (mode === 'loop' || mode === 'pause')) {
  const store = InsightsStore.open(path);
  // A small page cache (better-sqlite3's default is 16 MB): a large transaction spills its
  // uncommitted pages to the WAL file, so the kill finds half a transaction on disk.
  (store as unknown as { db: Database.Database }).db.pragma('cache_size = 64');
  const say = (line: string) => writeSync(1, `${line}\n`);
  const days = Array.from({ length: GROUP_DAYS }, (_, k) => addDays(FIRST_DAY, k));
  const at = new Date('2026-02-01T12:00:00Z');
  say('ready');
  // Bounded, in case nobody kills it.
  for (let i = 0; i < 20_000; i++) {
    store.transaction(() => {
      store.putDailyValues(
        accountOf(i),
        'follower_count',
        days.map((day) => ({ day, value: i })),
        at,
      );
      if (mode === 'pause' && i === 20) {
        const walBefore = statSync(`${path}-wal`).size;
        // Enough rows that SQLite spills uncommitted pages to the WAL file before the kill.
        const bulk = Array.from({ length: 20_000 }, (_, k) => ({
          day: addDays('1990-01-01', k),
          value: k,
        }));
        store.putDailyValues('1', 'follower_count', bulk, at);
        say(`mid ${i} ${walBefore} ${statSync(`${path}-wal`).size}`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
        // Not killed in time: leave without committing.
        process.exit(3);
      }
      store.putStorySnapshot(
        { id: storyOf(i), accountId: accountOf(i), postedAt: at },
        '2026-02-01T12',
        { reach: i, views: i, replies: i },
        at,
      );
    });
    say(`committed ${i}`);
  }
}
