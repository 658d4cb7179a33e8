/**
 * `npm run backup -- FILE [--force]`: a consistent copy of the store in DATA_DIR (default ./data),
 * also while the server runs. FILE is written whole or not at all; an existing FILE is kept
 * unless --force. To restore: stop the server, copy FILE over DATA_DIR/insights.sqlite, remove
 * insights.sqlite-wal and insights.sqlite-shm, start the server (see the README).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BackupExistsError, InsightsStore, STORE_FILE, StoreError } from './store/insights-store';

const USAGE = `Usage: npm run backup -- FILE [--force]
  FILE      where the copy of DATA_DIR/${STORE_FILE} is written, e.g. backups/insights-2026-03-14.sqlite
  --force   replace FILE if it exists`;

class UsageError extends Error {}

/** 1536 → "1.5 KB". */
function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export async function runBackupCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const parse = () =>
    parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean' } } });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    // An unknown option, say: parseArgs names it.
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { positionals, values } = parsed;
  const [file, ...extra] = positionals;
  if (!file?.trim() || extra.length > 0) throw new UsageError(USAGE);
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  const path = join(dataDir, STORE_FILE);
  if (!existsSync(path))
    throw new UsageError(`There is no store at ${path}: set DATA_DIR to the server's.`);
  let store: InsightsStore;
  try {
    // As it is: a backup copies the store, it does not migrate it.
    store = InsightsStore.open(path, { migrate: false });
  } catch (error) {
    if (error instanceof StoreError) throw new UsageError(error.message);
    throw error;
  }
  try {
    const written = await store.backupTo(file, { overwrite: values.force === true });
    return `Wrote ${written.file} (${sizeOf(written.bytes)}, schema version ${written.schemaVersion}) from ${path}.`;
  } catch (error) {
    if (error instanceof BackupExistsError)
      throw new UsageError(
        `${resolve(file)} exists already: choose another file name, or add --force to replace it.`,
      );
    if (error instanceof StoreError) throw new UsageError(error.message);
    throw error;
  } finally {
    store.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runBackupCommand(process.argv.slice(2), process.env).then(
    (text) => console.log(text),
    (error: unknown) => {
      // A message that says what to change, never a stack trace.
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
