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
}

export interface ForkedStack {
  proxyUrl: string;
  /** The fake Graph API the proxy talks to (the child's own, or the one given). */
  fakeUrl: string;
  /** `session=…`: the Cookie header of an owner's session (live mode needs one). */
  sessionCookie: string;
  pid: number;
  child: ChildProcess;
  /** process.memoryUsage() of the child. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Whether the child is still running. */
  alive(): boolean;
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
  let nextId = 0;
  const pending = new Map<number, (usage: NodeJS.MemoryUsage) => void>();
  child.on('message', (message: { type?: string; id?: number; usage?: NodeJS.MemoryUsage }) => {
    if (message.type === 'memory' && message.id !== undefined && message.usage) {
      pending.get(message.id)?.(message.usage);
      pending.delete(message.id);
    }
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
      (message: { type?: string; proxyUrl?: string; fakeUrl?: string; sessionCookie?: string }) => {
        if (message.type !== 'ready' || !message.proxyUrl) return;
        clearTimeout(timer);
        resolve({
          proxyUrl: message.proxyUrl,
          fakeUrl: message.fakeUrl ?? '',
          sessionCookie: message.sessionCookie ?? '',
          pid: child.pid ?? 0,
          child,
          alive: () => !exited,
          memory: () =>
            new Promise((done, fail) => {
              if (exited) return fail(new Error('The server process has exited.'));
              const id = nextId++;
              pending.set(id, done);
              child.send({ type: 'memory', id });
              setTimeout(() => {
                if (pending.delete(id))
                  fail(new Error('The server process did not report memory.'));
              }, 5_000).unref();
            }),
          close,
        });
      },
    );
  });
}
