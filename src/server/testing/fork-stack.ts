/**
 * Starts src/server/testing/stack-process.ts in a child process: the proxy (and a fake Graph API, unless an
 * upstream is given) apart from the test or benchmark that drives it, so that the server's memory
 * can be read and its CPU is its own. Everything listens on 127.0.0.1; the child stops when its
 * parent goes away.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Faults } from '../../fake-graph/fake-graph';

export const READY_PREFIX = 'STACK-READY ';

export interface StackProcessOptions {
  /** `demo` starts the built-in fake as `npm start` does without a token. Default `live`. */
  mode?: 'live' | 'demo';
  /** The Graph API to use in live mode; without it a fake starts in the child. */
  graphBaseUrl?: string;
  /** The token the proxy holds (and the fake it starts accepts). */
  token?: string;
  /** Port of the proxy; 0 (default) picks a free one. */
  port?: number;
  /** Port of the fake the child starts; 0 (default) picks a free one. */
  fakePort?: number;
  /** Faults of the fake the child starts (changeable later through its PUT /__faults). */
  faults?: Partial<Faults>;
  distDir?: string;
  logRequests?: boolean;
  accountIds?: string[];
  cacheMaxEntries?: number;
  retry?: { attempts: number; baseDelayMs: number };
  upstreamTimeoutMs?: number;
  /** An instant (ISO 8601) the child's clock stands at, as TEST_NOW sets it; default: the parent's TEST_NOW or the real clock. */
  now?: string;
  /**
   * Who exists when the stack starts. Default: an owner (owner@example.com, no password) whose
   * session the stack reports. `none`: nobody, and the stack reports the set-up link that creates
   * the first owner. `{email, password}`: that owner, with a password to sign in with.
   */
  owner?: 'none' | { email: string; password: string };
  /**
   * The parent can move the child's clock (the proxy's and its fake's) forward with `moveClock`,
   * e.g. past a session's expiry. The page is then not told a pinned instant (TEST_NOW).
   */
  movableClock?: boolean;
  /** A store in a temporary DATA_DIR, with the history backfill run by `runHistory`. */
  storage?: boolean;
}

export interface ForkedStack {
  proxyUrl: string;
  /** The fake Graph API the proxy talks to (the child's own, or the one given). */
  fakeUrl: string;
  /** `session=…`: the Cookie header of an owner's session (live mode needs one); empty with `owner: 'none'`. */
  sessionCookie: string;
  /** With `owner: 'none'`: the one-time link that creates the first owner. */
  setupLink?: string;
  pid: number;
  child: ChildProcess;
  /** process.memoryUsage() of the child. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Whether the child is still running. */
  alive(): boolean;
  /** Moves the child's clock forward by `ms` (needs `movableClock`); resolves with its new now. */
  moveClock(ms: number): Promise<Date>;
  /** Runs the history backfill once (needs `storage`); resolves when it has finished. */
  runHistory(): Promise<void>;
  close(): Promise<void>;
}

export interface ForkOptions {
  /** Called with every chunk the child writes to stdout (its request log); default: dropped. */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** How long to wait for the child to listen. Default 60 s. */
  readyTimeoutMs?: number;
  /** Extra V8 flags for the child, e.g. `--max-old-space-size=256`. */
  execArgv?: string[];
}

/** What the child answers over IPC: `memory` with its usage, `clock` with its new now. */
interface ChildAnswer {
  type?: string;
  id?: number;
  usage?: NodeJS.MemoryUsage;
  now?: string;
}

const ENTRY = fileURLToPath(new URL('./stack-process.ts', import.meta.url));

export function forkStack(
  options: StackProcessOptions = {},
  fork_: ForkOptions = {},
): Promise<ForkedStack> {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx', ...(fork_.execArgv ?? [])],
    env: {
      ...process.env,
      ...(options.now ? { TEST_NOW: options.now } : {}),
      STACK_OPTIONS: JSON.stringify(options),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => fork_.onStdout?.(chunk));
  let stderr = '';
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
    fork_.onStderr?.(chunk);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // Questions to the child over IPC (memory, move the clock), each answered with its id.
  let nextId = 0;
  const pending = new Map<number, (answer: ChildAnswer) => void>();
  child.on('message', (message: ChildAnswer) => {
    if (
      (message.type === 'memory' || message.type === 'clock' || message.type === 'history') &&
      message.id !== undefined
    ) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  const ask = (question: { type: string; [key: string]: unknown }, what: string, ms = 5_000) =>
    new Promise<ChildAnswer>((done, fail) => {
      if (exited) return fail(new Error('The server process has exited.'));
      const id = nextId++;
      pending.set(id, done);
      child.send({ ...question, id });
      setTimeout(() => {
        if (pending.delete(id)) fail(new Error(`The server process did not ${what}.`));
      }, ms).unref();
    });

  const close = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exit;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`The server process did not start in time.\n${stderr}`));
    }, fork_.readyTimeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server process exited (code ${code}) before it was ready.\n${stderr}`));
    });
    child.on(
      'message',
      (message: {
        type?: string;
        proxyUrl?: string;
        fakeUrl?: string;
        sessionCookie?: string;
        setupLink?: string;
      }) => {
        if (message.type !== 'ready' || !message.proxyUrl) return;
        clearTimeout(timer);
        resolve({
          proxyUrl: message.proxyUrl,
          fakeUrl: message.fakeUrl ?? '',
          sessionCookie: message.sessionCookie ?? '',
          ...(message.setupLink ? { setupLink: message.setupLink } : {}),
          pid: child.pid ?? 0,
          child,
          alive: () => !exited,
          memory: async () => {
            const answer = await ask({ type: 'memory' }, 'report memory');
            return answer.usage as NodeJS.MemoryUsage;
          },
          moveClock: async (ms) => {
            if (!options.movableClock) throw new Error('Start the stack with movableClock: true.');
            const answer = await ask({ type: 'move-clock', ms }, 'move its clock');
            return new Date(answer.now as string);
          },
          runHistory: async () => {
            if (!options.storage) throw new Error('Start the stack with storage: true.');
            await ask({ type: 'run-history' }, 'run its history backfill', 120_000);
          },
          close,
        });
      },
    );
  });
}
