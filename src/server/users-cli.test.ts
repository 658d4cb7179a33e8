/**
 * `npm run users`: people added, listed, removed and given a new password from the terminal, on
 * the store a live server uses; checked by signing in over HTTP.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { STORE_FILE } from './store/insights-store';
import { type FakeUpstream, startFake, startTestStack, type TestStack } from './testing/test-stack';

// Each case starts the command (Node, tsx, scrypt at full cost) several times.
vi.setConfig({ testTimeout: 90_000 });

const CLI = fileURLToPath(new URL('./users-cli.ts', import.meta.url));
const PASSWORD = 'a long enough passphrase';
const dataDir = mkdtempSync(join(tmpdir(), 'users-cli-'));
let upstream: FakeUpstream;
let stack: TestStack;

/** Runs the command in a process of its own; asynchronously, so that the server here keeps answering. */
const users = (args: string[], stdin = '') =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, DATA_DIR: dataDir },
      timeout: 30_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.on('close', (code) => resolve({ code, out: out.trim(), err: err.trim() }));
    child.stdin.end(stdin);
  });

const signIn = (email: string, password: string) =>
  stack.get('/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

beforeAll(async () => {
  upstream = await startFake({ warm: [] });
  // The server's store is the one the command writes (a file in DATA_DIR, not memory).
  stack = await startTestStack({
    upstream,
    signedIn: false,
    ownerless: true,
    config: { storage: { dataDir, snapshots: false } },
  });
}, 60_000);

afterAll(async () => {
  await stack?.close();
  await upstream?.close();
});

it('add: the person signs in with the password read from stdin; it is stored only as scrypt at OWASP cost', async () => {
  const added = await users(['add', 'Sam@Example.com', '--role', 'owner'], `${PASSWORD}\n`);
  expect(added).toMatchObject({ code: 0, out: 'Added sam@example.com (owner).' });
  const answer = await signIn('sam@example.com', PASSWORD);
  expect(answer.status).toBe(200);
  expect(answer.body.user).toMatchObject({ email: 'sam@example.com', role: 'owner' });
  const sam = stack.proxy.auth.users.findByEmail('sam@example.com');
  expect(stack.proxy.auth.users.passwordHash(sam?.id ?? '')).toMatch(/^scrypt\$17\$8\$1\$/);
  for (const file of [STORE_FILE, `${STORE_FILE}-wal`]) {
    const path = join(dataDir, file);
    if (existsSync(path)) expect(readFileSync(path).toString('latin1')).not.toContain(PASSWORD);
  }
});

it('add refuses a short or common password, an unknown role and a taken email, and writes nothing', async () => {
  for (const [args, stdin, message] of [
    [['add', 'kim@example.com', '--role', 'member'], 'short\n', 'at least 10 characters'],
    [['add', 'kim@example.com', '--role', 'member'], '1234567890\n', 'most common passwords'],
    [
      ['add', 'kim@example.com', '--role', 'boss'],
      `${PASSWORD}\n`,
      '--role must be owner or member',
    ],
    [
      ['add', 'not-an-email', '--role', 'member'],
      `${PASSWORD}\n`,
      'EMAIL must be an email address',
    ],
    [['add', 'sam@example.com', '--role', 'member'], `${PASSWORD}\n`, 'can sign in already'],
  ] as const) {
    const run = await users([...args], stdin);
    expect(run.code, args.join(' ')).toBe(2);
    expect(run.err).toContain(message);
  }
  expect((await users(['list'])).out).toBe('sam@example.com\towner\tall accounts');
});

it('a member with some accounts; list shows who sees what', async () => {
  const added = await users(
    ['add', 'kim@example.com', '--role', 'member', '--accounts', '17841405822304914'],
    `${PASSWORD}\n`,
  );
  expect(added.code).toBe(0);
  expect((await users(['list'])).out.split('\n')).toEqual([
    'kim@example.com\tmember\t17841405822304914',
    'sam@example.com\towner\tall accounts',
  ]);
});

it('reset-password and remove end the person’s sessions at once; the last owner stays', async () => {
  const before = await signIn('kim@example.com', PASSWORD);
  const cookie = before.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const accounts = () => stack.get('/api/accounts', { headers: { cookie } });
  expect((await accounts()).status).toBe(200);
  expect(
    (await users(['reset-password', 'kim@example.com'], 'another fine passphrase\n')).code,
  ).toBe(0);
  expect((await accounts()).status).toBe(401);
  expect((await signIn('kim@example.com', PASSWORD)).status).toBe(401);
  expect((await signIn('kim@example.com', 'another fine passphrase')).status).toBe(200);
  expect(await users(['remove', 'kim@example.com'])).toMatchObject({ code: 0 });
  expect((await signIn('kim@example.com', 'another fine passphrase')).status).toBe(401);
  const last = await users(['remove', 'sam@example.com']);
  expect(last.code).toBe(2);
  expect(last.err).toContain('at least one owner');
  expect((await users(['frobnicate'])).err).toContain('Usage: npm run users');
});
