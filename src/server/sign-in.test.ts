/**
 * Sign-in, over real HTTP against the proxy in live mode: nothing under /api without a session
 * (1,000 generated requests, no upstream call), cookie flags, session fixation, expiry, sign-out,
 * password changes, the set-up and invitation links, the sign-in rate limit, cross-origin requests,
 * what a member may see, and that no password or session id shows in a log line or an answer body.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './auth/auth';
import {
  askBatch,
  batchUrl,
  expectBatchRefusesEach,
  otherAccountRequests,
} from './testing/other-accounts';
import {
  expectGraphError,
  expectSafeAnswers,
  type FakeUpstream,
  LUMEN,
  NORTHWIND,
  startFake,
  startTestStack,
  type TestStack,
  TINY,
} from './testing/test-stack';

const PASSWORD = 'correct horse battery staple';
const stacks: TestStack[] = [];
let upstream: FakeUpstream;
let dist: string;

beforeAll(async () => {
  upstream = await startFake({ warm: [NORTHWIND, LUMEN, TINY] });
  dist = mkdtempSync(join(tmpdir(), 'sign-in-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
}, 60_000);

afterAll(async () => {
  expectSafeAnswers(stacks);
  for (const s of stacks) await s.close();
  await upstream?.close();
});

/** A live-mode proxy whose get() sends no cookie unless told; the fake's clock is its clock. */
async function stackFor(options: Parameters<typeof startTestStack>[0] = {}): Promise<TestStack> {
  const stack = await startTestStack({
    upstream,
    signedIn: false,
    accountIds: [NORTHWIND, LUMEN, TINY],
    distDir: dist,
    ...options,
  });
  stacks.push(stack);
  return stack;
}

/** A user with a password, made through the invitation link as an owner would. */
async function userWithPassword(
  stack: TestStack,
  email: string,
  role: 'owner' | 'member',
  accounts: 'all' | string[] = 'all',
): Promise<void> {
  const invited = await stack.get('/api/users', {
    method: 'POST',
    headers: { cookie: stack.ownerCookie, 'content-type': 'application/json' },
    body: JSON.stringify({ email, role, accounts }),
  });
  expect(invited.status).toBe(201);
  const token = new URL(invited.body.invitation_url).hash.slice(1);
  const accepted = await post(stack, '/auth/invitation', { token, password: PASSWORD });
  expect(accepted.status).toBe(200);
}

const post = (
  stack: TestStack,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  stack.get(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** `name=value` of the session cookie an answer sets. */
function sessionCookie(answer: { headers: Headers }): string | undefined {
  const set = answer.headers.getSetCookie().find((c) => /^(__Host-)?session=/.test(c));
  return set?.split(';')[0];
}

async function signIn(stack: TestStack, email: string, password = PASSWORD) {
  const answer = await post(stack, '/auth/sign-in', { email, password });
  return { answer, cookie: sessionCookie(answer) };
}

/** Requests without a valid session: every /api route, with no cookie or a made-up one. */
async function anonymousRequests(stack: TestStack) {
  const listed = await stack.get(`/api/${NORTHWIND}/media?limit=10`, {
    headers: { cookie: stack.ownerCookie },
  });
  const mediaIds = (listed.body.data as { id: string }[]).map((m) => m.id);
  const id = fc.oneof(
    fc.constantFrom(NORTHWIND, LUMEN, TINY, ...mediaIds),
    fc.stringMatching(/^\d{1,25}$/),
  );
  const path = fc.oneof(
    fc.constantFrom('/api/accounts', '/api/users', '/api/users/x', '/api/me/accounts', '/api/'),
    id.chain((i) =>
      fc.constantFrom(
        `/api/${i}`,
        `/api/${i}/media?limit=5`,
        `/api/${i}/stories`,
        `/api/${i}/insights?metric=reach&period=day`,
        `/api/${i}/picture`,
        `/api/${i}/stored/follower_count`,
        `/api/${i}/stored/online_followers`,
        `/api/${i}/stored/demographics?breakdown=age`,
        `/api/${i}/stories/archive`,
      ),
    ),
  );
  // No cookie, a made-up one, an empty one, or a session id from another server's format.
  const cookie = fc.oneof(
    fc.constant(undefined),
    fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/).map((v) => `session=${v}`),
    fc.constantFrom('session=', 'session=null', '__Host-session=abc', 'sid=1'),
  );
  return { path, cookie };
}

describe('without a session', () => {
  it('every /api route answers 401 in the Graph error shape and asks Instagram nothing (1,000 generated requests)', async () => {
    const stack = await stackFor();
    const { path, cookie } = await anonymousRequests(stack);
    let sent = 0;
    const before = upstream.requests();
    await fc.assert(
      fc.asyncProperty(path, cookie, async (p, c) => {
        sent++;
        const answer = await stack.get(p, c ? { headers: { cookie: c } } : {});
        expect(answer.status, p).toBe(401);
        expectGraphError(answer.body, 190);
        expect(answer.body.error.type).toBe('NotSignedIn');
      }),
      { seed: 20_261_130, numRuns: 1_000, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(upstream.requests() - before).toBe(0);
  }, 120_000);

  it('the same requests in 1,000 generated batches of one to four: 401 for the batch, nothing asked of Instagram', async () => {
    const stack = await stackFor();
    const { path, cookie } = await anonymousRequests(stack);
    let sent = 0;
    const before = upstream.requests();
    await fc.assert(
      fc.asyncProperty(fc.array(path, { minLength: 1, maxLength: 4 }), cookie, async (paths, c) => {
        sent += paths.length;
        const answer = await stack.get(batchUrl(paths), c ? { headers: { cookie: c } } : {});
        expect(answer.status, paths.join(' ')).toBe(401);
        expectGraphError(answer.body, 190);
        expect(answer.body.error.type).toBe('NotSignedIn');
      }),
      { seed: 20_261_130, numRuns: 1_000, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(upstream.requests() - before).toBe(0);
  }, 120_000);

  it('/api/health says only that the server is up, and its mode', async () => {
    const stack = await stackFor();
    const answer = await stack.get('/api/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', mode: 'live' });
    const signedIn = await stack.get('/api/health', { headers: { cookie: stack.ownerCookie } });
    expect(signedIn.body).toHaveProperty('usage');
  });

  it('pages lead to sign-in with the way back; the sign-in, set-up and invitation pages open', async () => {
    const stack = await stackFor();
    for (const [path, location] of [
      ['/', '/sign-in'],
      [
        `/accounts/${NORTHWIND}?v=1&range=7d`,
        `/sign-in?next=${encodeURIComponent(`/accounts/${NORTHWIND}?v=1&range=7d`)}`,
      ],
      ['/settings/users', `/sign-in?next=${encodeURIComponent('/settings/users')}`],
    ] as const) {
      const answer = await stack.get(path, { redirect: 'manual' });
      expect(answer.status, path).toBe(303);
      expect(answer.headers.get('location')).toBe(location);
    }
    for (const path of ['/sign-in', '/setup', '/invitation']) {
      expect((await stack.get(path)).status, path).toBe(200);
    }
  });
});

describe('signing in', () => {
  it('the cookie is HttpOnly, SameSite=Lax, path /; the session works until sign-out', async () => {
    const stack = await stackFor();
    await userWithPassword(stack, 'ana@example.com', 'member');
    const { answer, cookie } = await signIn(stack, 'ana@example.com');
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ email: 'ana@example.com', role: 'member' });
    const set = answer.headers.getSetCookie().find((c) => c.startsWith('session='));
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Lax/);
    expect(set).toMatch(/; Path=\//);
    expect(set).not.toMatch(/; Secure/);
    expect((cookie ?? '').length).toBeGreaterThanOrEqual('session='.length + 43);
    expect((await stack.get('/api/accounts', { headers: { cookie: cookie ?? '' } })).status).toBe(
      200,
    );
    const out = await post(stack, '/auth/sign-out', {}, { cookie: cookie ?? '' });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join()).toMatch(/session=;.*Max-Age=0/);
    expect((await stack.get('/api/accounts', { headers: { cookie: cookie ?? '' } })).status).toBe(
      401,
    );
  });

  it('under an https PUBLIC_URL the cookie is __Host-session and Secure', async () => {
    const stack = await stackFor({ config: { publicUrl: 'https://insights.example.com' } });
    await userWithPassword(stack, 'ana@example.com', 'owner');
    const answer = await post(
      stack,
      '/auth/sign-in',
      { email: 'ana@example.com', password: PASSWORD },
      { origin: 'https://insights.example.com' },
    );
    expect(answer.status).toBe(200);
    const set = answer.headers.getSetCookie().find((c) => c.startsWith('__Host-session='));
    expect(set).toMatch(/; Secure/);
    expect(set).toMatch(/; HttpOnly/);
    expect(set).not.toMatch(/Domain=/);
  });

  it('a wrong password and an unknown email get the same answer, and no cookie', async () => {
    const stack = await stackFor();
    await userWithPassword(stack, 'ana@example.com', 'member');
    const wrong = await signIn(stack, 'ana@example.com', 'not the password at all');
    const unknown = await signIn(stack, 'nobody@example.com', PASSWORD);
    for (const { answer, cookie } of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body.error.message).toBe('The email or the password is not right.');
      expect(cookie).toBeUndefined();
    }
  });

  it('a session id the browser had before signing in is not kept (session fixation)', async () => {
    const stack = await stackFor();
    await userWithPassword(stack, 'ana@example.com', 'member');
    const first = (await signIn(stack, 'ana@example.com')).cookie ?? '';
    const planted = 'session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    for (const before of [first, planted]) {
      const again = await post(
        stack,
        '/auth/sign-in',
        { email: 'ana@example.com', password: PASSWORD },
        { cookie: before },
      );
      const after = sessionCookie(again);
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect((await stack.get('/api/accounts', { headers: { cookie: before } })).status).toBe(401);
      expect((await stack.get('/api/accounts', { headers: { cookie: after ?? '' } })).status).toBe(
        200,
      );
    }
  });

  it('a session ends after 14 idle days, and after 30 days however often it is used', async () => {
    const stack = await stackFor();
    await userWithPassword(stack, 'ana@example.com', 'member');
    const start = stack.clock.now().toISOString();
    try {
      const idle = (await signIn(stack, 'ana@example.com')).cookie ?? '';
      stack.clock.advance(SESSION_IDLE_MS - 60_000);
      expect((await stack.get('/api/health', { headers: { cookie: idle } })).body).toHaveProperty(
        'usage',
      );
      stack.clock.advance(SESSION_IDLE_MS);
      expect((await stack.get('/api/accounts', { headers: { cookie: idle } })).status).toBe(401);

      const busy = (await signIn(stack, 'ana@example.com')).cookie ?? '';
      // /api/health shows its usage figures to signed-in people only; it asks Instagram nothing.
      const signedIn = async (cookie: string) =>
        'usage' in (await stack.get('/api/health', { headers: { cookie } })).body;
      for (let day = 0; day < 29; day++) {
        stack.clock.advance(86_400_000);
        expect(await signedIn(busy)).toBe(true);
      }
      stack.clock.advance(SESSION_ABSOLUTE_MS - 29 * 86_400_000);
      expect(await signedIn(busy)).toBe(false);
    } finally {
      stack.clock.set(start);
    }
  });

  it('changing the password ends every other session of the user and keeps this browser signed in', async () => {
    const stack = await stackFor();
    await userWithPassword(stack, 'ana@example.com', 'member');
    const laptop = (await signIn(stack, 'ana@example.com')).cookie ?? '';
    const phone = (await signIn(stack, 'ana@example.com')).cookie ?? '';
    const weak = await post(
      stack,
      '/auth/password',
      { current_password: PASSWORD, new_password: 'password123' },
      { cookie: laptop },
    );
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toContain('most common passwords');
    const wrongCurrent = await post(
      stack,
      '/auth/password',
      { current_password: 'not it at all', new_password: 'a much better passphrase' },
      { cookie: laptop },
    );
    expect(wrongCurrent.status).toBe(403);
    const changed = await post(
      stack,
      '/auth/password',
      { current_password: PASSWORD, new_password: 'a much better passphrase' },
      { cookie: laptop },
    );
    expect(changed.status).toBe(200);
    const renewed = sessionCookie(changed) ?? '';
    for (const old of [laptop, phone])
      expect((await stack.get('/api/accounts', { headers: { cookie: old } })).status).toBe(401);
    expect((await stack.get('/api/accounts', { headers: { cookie: renewed } })).status).toBe(200);
    expect((await signIn(stack, 'ana@example.com')).answer.status).toBe(401);
    expect((await signIn(stack, 'ana@example.com', 'a much better passphrase')).answer.status).toBe(
      200,
    );
  });
});

describe('abuse', () => {
  it('10 failed sign-ins for one email in 15 minutes, then 429 with Retry-After, even with the right password', async () => {
    const stack = await stackFor({ config: { trustProxy: true } });
    await userWithPassword(stack, 'ana@example.com', 'member');
    const from = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` });
    const start = stack.clock.now().toISOString();
    try {
      for (let i = 0; i < 10; i++) {
        const answer = await post(
          stack,
          '/auth/sign-in',
          { email: 'ana@example.com', password: `guess number ${i}` },
          from(i),
        );
        expect(answer.status).toBe(401);
      }
      const blocked = await post(
        stack,
        '/auth/sign-in',
        { email: 'ANA@example.com', password: PASSWORD },
        from(99),
      );
      expect(blocked.status).toBe(429);
      expectGraphError(blocked.body);
      const wait = Number(blocked.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(15 * 60);
      expect(sessionCookie(blocked)).toBeUndefined();
      stack.clock.advance(15 * 60_000 + 1_000);
      const later = await post(
        stack,
        '/auth/sign-in',
        { email: 'ana@example.com', password: PASSWORD },
        from(99),
      );
      expect(later.status).toBe(200);
    } finally {
      stack.clock.set(start);
    }
  });

  it('10 failed sign-ins from one address, whatever the emails, then 429', async () => {
    const stack = await stackFor();
    await userWithPassword(stack, 'ana@example.com', 'member');
    for (let i = 0; i < 10; i++) {
      const answer = await signIn(stack, `someone${i}@example.com`, 'a guessed password');
      expect(answer.answer.status).toBe(401);
    }
    const blocked = await signIn(stack, 'ana@example.com');
    expect(blocked.answer.status).toBe(429);
    expect(blocked.answer.body.error.message).not.toContain('ana@example.com');
  });

  it('a state-changing request from another origin, or without one, is refused and changes nothing', async () => {
    const stack = await stackFor();
    await userWithPassword(stack, 'ana@example.com', 'member');
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: stack.url.replace('127.0.0.1', 'localhost') },
      {},
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      const signInTry = await fetch(`${stack.url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: 'ana@example.com', password: PASSWORD }),
      });
      expect(signInTry.status, JSON.stringify(headers)).toBe(403);
      expect(signInTry.headers.getSetCookie()).toEqual([]);
      const addUser = await fetch(`${stack.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: stack.ownerCookie, ...headers },
        body: JSON.stringify({ email: 'mallory@example.com', role: 'owner' }),
      });
      expect(addUser.status, JSON.stringify(headers)).toBe(403);
      expectGraphError(await addUser.json());
    }
    const users = await stack.get('/api/users', { headers: { cookie: stack.ownerCookie } });
    expect(users.body.data.map((u: { email: string }) => u.email)).not.toContain(
      'mallory@example.com',
    );
    // A browser that sends no Origin but says same-origin is the dashboard's own page.
    const sameOrigin = await fetch(`${stack.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: 'ana@example.com', password: PASSWORD }),
    });
    expect(sameOrigin.status).toBe(200);
  });
});

describe('what a member sees', () => {
  it('only the accounts an owner gave them: every other account and its media is not found, with no upstream call', async () => {
    const stack = await stackFor();
    const owner = { headers: { cookie: stack.ownerCookie } };
    // The owner's listings teach the server who owns which media.
    const lumenMedia = (await stack.get(`/api/${LUMEN}/media?limit=10`, owner)).body.data as {
      id: string;
    }[];
    const lumenStories = (await stack.get(`/api/${LUMEN}/stories`, owner)).body.data as {
      id: string;
    }[];
    await userWithPassword(stack, 'ana@example.com', 'member', [NORTHWIND]);
    const cookie = (await signIn(stack, 'ana@example.com')).cookie ?? '';
    const as = { headers: { cookie } };
    const accounts = await stack.get('/api/accounts', as);
    expect(accounts.body.data.map((a: { id: string }) => a.id)).toEqual([NORTHWIND]);
    expect((await stack.get(`/api/${NORTHWIND}/insights?metric=reach&period=day`, as)).status).toBe(
      200,
    );
    const paths = [
      `/api/${LUMEN}`,
      `/api/${LUMEN}?fields=id,username`,
      `/api/${LUMEN}/media`,
      `/api/${LUMEN}/stories`,
      `/api/${LUMEN}/insights?metric=reach&period=day`,
      `/api/${LUMEN}/picture`,
      `/api/${LUMEN}/stored/follower_count`,
      `/api/${LUMEN}/stored/online_followers`,
      `/api/${LUMEN}/stored/demographics?breakdown=age`,
      `/api/${LUMEN}/stories/archive`,
      `/api/${LUMEN}/history`,
      `/api/${LUMEN}/collaborative_media`,
      `/api/${TINY}/insights?metric=reach&period=day`,
      ...[...lumenMedia, ...lumenStories].flatMap((m) => [
        `/api/${m.id}`,
        `/api/${m.id}/insights`,
        `/api/${m.id}/history`,
        `/api/${m.id}/picture`,
        `/api/${m.id}/picture?size=thumbnail`,
      ]),
    ];
    const before = upstream.requests();
    for (const path of paths) {
      const answer = await stack.get(path, as);
      expect(answer.status, path).toBe(404);
      expectGraphError(answer.body);
      expect(answer.text).not.toContain('lumen');
    }
    expect(upstream.requests() - before).toBe(0);
    const users = await stack.get('/api/users', as);
    expect(users.status).toBe(403);
    expectGraphError(users.body);
  });

  it("the share links' 1,000 generated requests for other accounts, in batches of one to four: each refused as it is alone, none reaching Instagram", async () => {
    const stack = await stackFor();
    const { direct, tricks } = await otherAccountRequests(stack, NORTHWIND, [LUMEN, TINY]);
    const cookie = stack.cookieFor({
      email: 'max@example.com',
      role: 'member',
      accounts: [NORTHWIND],
    });
    // Their own account answers in a batch, and warms its cache.
    const own = await askBatch(
      stack,
      [`/api/${NORTHWIND}`, `/api/${NORTHWIND}/media?limit=3`, '/api/accounts'],
      cookie,
    );
    expect('entries' in own && own.entries.map((e) => e.status)).toEqual([200, 200, 200]);
    let sent = 0;
    const before = upstream.requests();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(direct, tricks), { minLength: 1, maxLength: 4 }),
        async (asked) => {
          sent += asked.length;
          await expectBatchRefusesEach(stack, asked, cookie);
        },
      ),
      { seed: 20_261_130, numRuns: 1_000, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(upstream.requests() - before).toBe(0);
  }, 180_000);
});

describe('the set-up and invitation links', () => {
  it('the first start prints a set-up link that creates the first owner once, and expires after an hour', async () => {
    const stack = await stackFor();
    // The test stack made an owner; a store without users is what a first start finds.
    const fresh = await startTestStack({
      upstream,
      signedIn: false,
      distDir: dist,
      ownerless: true,
    });
    stacks.push(fresh);
    expect((await fresh.get('/auth/session')).body).toMatchObject({
      signed_in: false,
      setup_needed: true,
    });
    const link = fresh.proxy.setupLink ?? '';
    expect(link).toMatch(new RegExp(`^${fresh.url}/setup#[A-Za-z0-9_-]{43}$`));
    const token = new URL(link).hash.slice(1);
    expect((await post(fresh, '/auth/link', { token, purpose: 'setup' })).body).toEqual({
      usable: true,
    });
    const tooShort = await post(fresh, '/auth/setup', {
      token,
      email: 'boss@example.com',
      password: 'short',
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.message).toContain('at least 10 characters');
    const made = await post(fresh, '/auth/setup', {
      token,
      email: 'Boss@Example.com',
      password: PASSWORD,
    });
    expect(made.status).toBe(200);
    expect(made.body.user).toMatchObject({ email: 'boss@example.com', role: 'owner' });
    expect(sessionCookie(made)).toBeDefined();
    const replay = await post(fresh, '/auth/setup', {
      token,
      email: 'mallory@example.com',
      password: PASSWORD,
    });
    expect(replay.status).toBe(410);
    expectGraphError(replay.body);
    expect((await signIn(fresh, 'mallory@example.com')).answer.status).toBe(401);

    // An hour later an unused link no longer works.
    const other = await startTestStack({ upstream, signedIn: false, ownerless: true });
    stacks.push(other);
    const late = new URL(other.proxy.setupLink ?? '').hash.slice(1);
    const start = other.clock.now().toISOString();
    try {
      other.clock.advance(3_600_001);
      const expired = await post(other, '/auth/setup', {
        token: late,
        email: 'boss@example.com',
        password: PASSWORD,
      });
      expect(expired.status).toBe(410);
    } finally {
      other.clock.set(start);
    }
    // A server that has an owner has no use for a set-up link, even one made before.
    const spare = new URL(
      stack.proxy.setupLink ?? `${stack.url}/setup#${'x'.repeat(43)}`,
    ).hash.slice(1);
    expect((await post(stack, '/auth/link', { token: spare, purpose: 'setup' })).body).toEqual({
      usable: false,
    });
    const taken = await post(stack, '/auth/setup', {
      token: spare,
      email: 'mallory@example.com',
      password: PASSWORD,
    });
    expect(taken.status).toBe(410);
  });

  it('an invitation link sets a password once; a replayed or forged one is refused', async () => {
    const stack = await stackFor();
    const invited = await stack.get('/api/users', {
      method: 'POST',
      headers: { cookie: stack.ownerCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ben@example.com', role: 'member', accounts: [TINY] }),
    });
    expect(invited.status).toBe(201);
    expect(invited.body.user).toMatchObject({
      email: 'ben@example.com',
      accounts: [TINY],
      has_password: false,
    });
    const token = new URL(invited.body.invitation_url).hash.slice(1);
    expect((await post(stack, '/auth/link', { token, purpose: 'invitation' })).body).toEqual({
      usable: true,
      email: 'ben@example.com',
    });
    expect((await post(stack, '/auth/link', { token, purpose: 'setup' })).body).toEqual({
      usable: false,
    });
    const common = await post(stack, '/auth/invitation', { token, password: 'qwertyuiop' });
    expect(common.status).toBe(400);
    expect((await post(stack, '/auth/invitation', { token, password: PASSWORD })).status).toBe(200);
    const replay = await post(stack, '/auth/invitation', { token, password: 'another password!' });
    expect(replay.status).toBe(410);
    const forged = await post(stack, '/auth/invitation', {
      token: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      password: 'another password!',
    });
    expect(forged.status).toBe(410);
    expect((await signIn(stack, 'ben@example.com')).answer.status).toBe(200);
    expect((await signIn(stack, 'ben@example.com', 'another password!')).answer.status).toBe(401);
  });

  it('an owner removes a user: their sessions stop at once; the last owner cannot be removed', async () => {
    const stack = await stackFor();
    const owner = { cookie: stack.ownerCookie, 'content-type': 'application/json' };
    await userWithPassword(stack, 'ana@example.com', 'member');
    const cookie = (await signIn(stack, 'ana@example.com')).cookie ?? '';
    const list = await stack.get('/api/users', { headers: owner });
    const ana = list.body.data.find((u: { email: string }) => u.email === 'ana@example.com');
    expect(ana).not.toHaveProperty('password_hash');
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    expect(
      (await stack.get(`/api/users/${ana.id}`, { method: 'DELETE', headers: owner })).status,
    ).toBe(200);
    expect((await stack.get('/api/accounts', { headers: { cookie } })).status).toBe(401);
    const me = list.body.data.find((u: { role: string }) => u.role === 'owner');
    const last = await stack.get(`/api/users/${me.id}`, { method: 'DELETE', headers: owner });
    expect(last.status).toBe(409);
    expect(last.body.error.message).toContain('at least one owner');
  });
});

it('no password or session id shows in a log line or an answer body', () => {
  for (const stack of stacks) {
    const text = [...stack.logs, ...stack.exchanges.map((e) => e.text)].join('\n');
    for (const secret of [PASSWORD, 'a much better passphrase', 'another password!'])
      expect(text).not.toContain(secret);
    for (const exchange of stack.exchanges) {
      for (const cookie of exchange.headers
        .filter(([k]) => k === 'set-cookie')
        .map(([, v]) => v.split(';')[0]?.split('=')[1] ?? '')
        .filter((v) => v.length > 20)) {
        expect(text).not.toContain(cookie);
      }
    }
  }
});
