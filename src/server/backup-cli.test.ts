/**
 * `npm run backup -- FILE`: a copy of the store in DATA_DIR while it is open and written (as by a
 * running server), an existing FILE kept unless --force, errors that say what to change, and a
 * copy that restores.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { runBackupCommand } from './backup-cli';
import { InsightsStore, STORE_FILE } from './store/insights-store';
import { MIGRATIONS } from './store/migrations';

// Each spawned case starts Node with tsx.
vi.setConfig({ testTimeout: 60_000 });

const CLI = fileURLToPath(new URL('./backup-cli.ts', import.meta.url));
const ACCOUNT = '17841405822304914';
const AT = new Date('2026-11-20T20:00:00Z');
const root = mkdtempSync(join(tmpdir(), 'backup-cli-'));
const dataDir = join(root, 'data');
const out = join(root, 'backups');
/** The server's connection: open for the whole file, its latest writes only in the WAL. */
let server: InsightsStore;

/** Runs the command in a process of its own, as `npm run backup` does. */
const backup = (args: string[], env: NodeJS.ProcessEnv = { DATA_DIR: dataDir }) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, out: stdout.trim(), err: stderr.trim() }));
  });

/** The message runBackupCommand rejects with. */
async function refusal(args: string[], env: NodeJS.ProcessEnv = { DATA_DIR: dataDir }) {
  try {
    await runBackupCommand(args, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`backup ${args.join(' ')} did not refuse`);
}

beforeAll(() => {
  mkdirSync(dataDir);
  mkdirSync(out);
  server = InsightsStore.open(join(dataDir, STORE_FILE));
  server.putDailyValues(
    ACCOUNT,
    'follower_count',
    [
      { day: '2026-11-18', value: 100 },
      { day: '2026-11-19', value: 101 },
    ],
    AT,
  );
});

afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

it('writes FILE while the store is open and written, says what it wrote; the copy restores', async () => {
  server.putDailyValues(ACCOUNT, 'follower_count', [{ day: '2026-11-20', value: 102 }], AT);
  const file = join(out, 'insights-2026-11-20.sqlite');
  const run = await backup([file]);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  const match = /^Wrote (.+) \((\d+\.\d) KB, schema version (\d+)\) from (.+)\.$/.exec(run.out);
  expect(match?.slice(1)).toEqual([
    file,
    (statSync(file).size / 1024).toFixed(1),
    String(MIGRATIONS.at(-1)?.version),
    join(dataDir, STORE_FILE),
  ]);
  expect(readdirSync(out)).toEqual(['insights-2026-11-20.sqlite']);
  // Restoring: the copy as DATA_DIR/insights.sqlite of a (stopped) server.
  const restoredDir = join(root, 'restored');
  mkdirSync(restoredDir);
  copyFileSync(file, join(restoredDir, STORE_FILE));
  const restored = InsightsStore.open(join(restoredDir, STORE_FILE));
  expect(restored.integrityCheck()).toBe('ok');
  expect(restored.migrated).toEqual([]);
  expect(restored.dailyValues(ACCOUNT, 'follower_count').map((d) => d.value)).toEqual([
    100, 101, 102,
  ]);
  restored.close();
});

it('refuses an existing FILE (kept as it was) unless --force, with no stack trace', async () => {
  const file = join(out, 'existing.sqlite');
  writeFileSync(file, 'last week’s backup');
  const refused = await backup([file]);
  expect(refused.code).toBe(2);
  expect(refused.err).toBe(
    `${file} exists already: choose another file name, or add --force to replace it.`,
  );
  expect(readFileSync(file, 'utf8')).toBe('last week’s backup');
  const forced = await backup([file, '--force']);
  expect(forced.code).toBe(0);
  expect(forced.out).toMatch(/^Wrote .* KB, schema version \d+\)/);
  const copy = InsightsStore.open(file);
  expect(copy.dailyValues(ACCOUNT, 'follower_count')).toHaveLength(3);
  copy.close();
});

it('errors say what to change', async () => {
  expect(await refusal([])).toMatch(/^Usage: npm run backup -- FILE \[--force\]/);
  expect(await refusal(['a.sqlite', 'b.sqlite'])).toMatch(/^Usage:/);
  expect(await refusal(['a.sqlite', '--forse'])).toMatch(/Unknown option '--forse'[\s\S]*Usage:/);
  expect(await refusal([join(out, 'x.sqlite')], { DATA_DIR: join(root, 'elsewhere') })).toBe(
    `There is no store at ${join(root, 'elsewhere', STORE_FILE)}: set DATA_DIR to the server's.`,
  );
  expect(await refusal([join(dataDir, STORE_FILE), '--force'])).toContain(
    'is the store itself; write the backup to another file',
  );
  expect(await refusal([join(root, 'missing', 'x.sqlite')])).toBe(
    `The directory ${join(root, 'missing')} does not exist; create it, or write the backup elsewhere.`,
  );
  expect(await refusal([out])).toContain('is a directory; give the backup a file name');
  const notAStore = join(root, 'not-a-store');
  mkdirSync(notAStore);
  writeFileSync(join(notAStore, STORE_FILE), 'hello');
  expect(await refusal([join(out, 'x.sqlite')], { DATA_DIR: notAStore })).toContain(
    'could not be opened',
  );
  expect(readdirSync(out).sort()).toEqual(['existing.sqlite', 'insights-2026-11-20.sqlite']);
});
