/**
 * Client share links over real HTTP: what a link's viewer can reach (its accounts, its days, GET
 * only) and what it cannot (1,000 generated requests for another account's data, none reaching
 * Instagram), revocation and expiry at once, token guessing limited, passwords, the audit log, and
 * that neither the token nor the password shows in a log line or an answer body.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, pacificDayOf } from '../graph/pacific-days';
import { loadConfig } from './config';
import { startServer } from './start-server';
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

const LINK_PASSWORD = 'tell the client this';
/** The team's own routes: a share viewer may not reach them either. */
const TEAM_ROUTES = ['/api/users', '/api/shares', '/api/shares/audit'];
let upstream: FakeUpstream;
let stack: TestStack;
const tokens: string[] = [];

beforeAll(async () => {
  upstream = await startFake({ warm: [NORTHWIND, LUMEN, TINY] });
  const dist = mkdtempSync(join(tmpdir(), 'share-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  stack = await startTestStack({ upstream, accountIds: [NORTHWIND, LUMEN, TINY], distDir: dist });
}, 60_000);

afterAll(async () => {
  expectSafeAnswers([stack]);
  await stack?.close();
  await upstream?.close();
});

const today = () => pacificDayOf(stack.clock.now());

async function createLink(body: Record<string, unknown>, cookie = stack.ownerCookie) {
  const answer = await stack.get('/api/shares', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      label: 'Northwind Coffee',
      accounts: [NORTHWIND],
      scope: 'pages',
      view_path: `/accounts/${NORTHWIND}?v=1&range=28d`,
      range: { kind: 'recent', days: 90 },
      ...body,
    }),
  });
  expect(answer.status, answer.text).toBe(201);
  const token = new URL(answer.body.url).pathname.replace('/s/', '');
  tokens.push(token);
  return { share: answer.body.share, url: answer.body.url as string, token };
}

/** Opens a link as a fresh browser would: no cookie of the team's. */
async function open(token: string, headers: Record<string, string> = {}) {
  const answer = await stack.get(`/s/${token}`, {
    redirect: 'manual',
    headers: { cookie: '', ...headers },
  });
  const cookie = answer.headers
    .getSetCookie()
    .find((c) => c.startsWith('share='))
    ?.split(';')[0];
  return { answer, cookie: cookie ?? '' };
}

describe('creating and opening a link', () => {
  it('the link holds a 256-bit token that is stored only hashed; opening it swaps it for a cookie and leaves for the view', async () => {
    const { share, url, token } = await createLink({});
    expect(url).toMatch(new RegExp(`^${stack.url}/s/[A-Za-z0-9_-]{43}$`));
    expect(share).toMatchObject({
      label: 'Northwind Coffee',
      accounts: [NORTHWIND],
      open_count: 0,
    });
    const list = await stack.get('/api/shares');
    expect(list.text).not.toContain(token);
    const { answer, cookie } = await open(token);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe(`/accounts/${NORTHWIND}?v=1&range=28d`);
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    const set = answer.headers.getSetCookie().find((c) => c.startsWith('share=')) ?? '';
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(cookie).not.toContain(token);
    const session = await stack.get('/auth/session', { headers: { cookie } });
    expect(session.body).toMatchObject({
      signed_in: false,
      share: { label: 'Northwind Coffee', accounts: [NORTHWIND], shared_by: 'Instagram Insights' },
    });
    const accounts = await stack.get('/api/accounts', { headers: { cookie } });
    expect(accounts.body.data.map((a: { id: string }) => a.id)).toEqual([NORTHWIND]);
    const opened = (await stack.get('/api/shares')).body.data.find(
      (s: { id: string }) => s.id === share.id,
    );
    expect(opened.open_count).toBe(1);
    expect(opened.last_opened_at).toBeDefined();
  });

  it('refuses a link to an account the creator may not see, an expiry over a year, a weak password', async () => {
    const member = stack.cookieFor({ email: 'mia@example.com', role: 'member', accounts: [TINY] });
    const post = (body: Record<string, unknown>, cookie = stack.ownerCookie) =>
      stack.get('/api/shares', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          label: 'x',
          accounts: [NORTHWIND],
          scope: 'view',
          view_path: `/accounts/${NORTHWIND}`,
          range: { kind: 'recent', days: 28 },
          ...body,
        }),
      });
    expect((await post({}, member)).status).toBe(404);
    expect((await post({ expires_in_days: 400 })).body.error.message).toContain('a year at most');
    expect((await post({ password: 'password1' })).body.error.message).toContain(
      "The link's password",
    );
    expect((await post({ view_path: '/settings/users' })).status).toBe(400);
    expect(
      (
        await post({
          range: { kind: 'fixed', from: '2020-01-01', to: '2020-01-02', earliest: '2020-01-01' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('what a link grants, and nothing more', () => {
  it("1,000 generated requests for other accounts' data with a link for one account: all refused, none reaching Instagram", async () => {
    const { direct, tricks } = await otherAccountRequests(
      stack,
      NORTHWIND,
      [LUMEN, TINY],
      TEAM_ROUTES,
    );
    const { token } = await createLink({});
    const { cookie } = await open(token);
    // Warm the viewer's own account, so that its answers come from the cache.
    expect((await stack.get(`/api/${NORTHWIND}`, { headers: { cookie } })).status).toBe(200);

    let sent = 0;
    const before = upstream.requests();
    await fc.assert(
      fc.asyncProperty(fc.oneof(direct, tricks), async (path) => {
        sent++;
        const answer = await stack.get(path, { headers: { cookie }, redirect: 'manual' });
        // A path that is no /api route once resolved is a page: it leads back to the link's view.
        if (answer.status === 303) {
          expect(answer.headers.get('location'), path).toBe(`/accounts/${NORTHWIND}?v=1&range=28d`);
          return;
        }
        expect(answer.status, `${path}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, path).toBeLessThan(500);
        expect(answer.body, path).toMatchObject({ error: { code: expect.any(Number) } });
        expect(answer.text, path).not.toMatch(/lumen|tiny\.pottery/i);
      }),
      { seed: 20_261_130, numRuns: 1_000, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(upstream.requests() - before).toBe(0);
  }, 120_000);

  it('the same requests in 1,000 generated batches of one to four: a trick refuses the batch, every other entry is refused as it is alone, none reaching Instagram', async () => {
    const { direct, tricks } = await otherAccountRequests(
      stack,
      NORTHWIND,
      [LUMEN, TINY],
      TEAM_ROUTES,
    );
    const { token } = await createLink({});
    const { cookie } = await open(token);
    // The viewer's own account answers in a batch, and warms its cache.
    const own = await askBatch(
      stack,
      [`/api/${NORTHWIND}`, `/api/${NORTHWIND}/media?limit=3`],
      cookie,
    );
    expect('entries' in own && own.entries.map((e) => e.status)).toEqual([200, 200]);
    let sent = 0;
    let refusedWhole = 0;
    const before = upstream.requests();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(direct, tricks), { minLength: 1, maxLength: 4 }),
        async (asked) => {
          sent += asked.length;
          if ((await expectBatchRefusesEach(stack, asked, cookie)).refusedWhole) refusedWhole++;
        },
      ),
      { seed: 20_261_130, numRuns: 1_000, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(1_000);
    // Both kinds were generated: batches refused whole (tricks, pictures) and answered entry by entry.
    expect(refusedWhole).toBeGreaterThan(50);
    expect(refusedWhole).toBeLessThan(950);
    expect(upstream.requests() - before).toBe(0);
  }, 180_000);

  it('only GET: every change is refused, and the team’s pages and settings lead back to the view', async () => {
    const { token } = await createLink({});
    const { cookie } = await open(token);
    for (const [method, path] of [
      ['POST', '/api/users'],
      ['POST', '/api/shares'],
      ['DELETE', `/api/shares/x`],
      ['POST', `/api/${NORTHWIND}/insights`],
      ['POST', '/auth/password'],
    ] as const) {
      const answer = await stack.get(path, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
    for (const page of [
      '/',
      '/settings/users',
      '/settings/sharing',
      `/accounts/${LUMEN}`,
      '/compare',
    ]) {
      const answer = await stack.get(page, { headers: { cookie }, redirect: 'manual' });
      expect(answer.status, page).toBe(303);
      expect(answer.headers.get('location')).toBe(`/accounts/${NORTHWIND}?v=1&range=28d`);
    }
    for (const page of [`/accounts/${NORTHWIND}/media`, `/accounts/${NORTHWIND}/audience`]) {
      const shown = await stack.get(page, { headers: { cookie } });
      expect(shown.status, page).toBe(200);
      // The page tells the app to draw the link's frame, not the team's.
      expect(shown.text).toContain('<meta name="dashboard-viewer" content="share" />');
    }
    const team = await stack.get(`/accounts/${NORTHWIND}/media`);
    expect(team.text).not.toContain('dashboard-viewer');
  });

  it('a link for one view keeps its viewer on that page', async () => {
    const { token } = await createLink({ scope: 'view' });
    const { cookie } = await open(token);
    const media = await stack.get(`/accounts/${NORTHWIND}/media`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(media.status).toBe(303);
    expect((await stack.get(`/accounts/${NORTHWIND}`, { headers: { cookie } })).status).toBe(200);
  });

  it('a fixed range: days outside it are refused before anything is asked; inside them the answer is Graph’s', async () => {
    const to = addDays(today(), -1);
    const from = addDays(today(), -7);
    const { token } = await createLink({
      range: { kind: 'fixed', from, to, earliest: addDays(from, -7) },
    });
    const { cookie } = await open(token);
    const ask = (since: string, until: string) =>
      stack.get(
        `/api/${NORTHWIND}/insights?metric=reach&period=day&since=${since}&until=${until}`,
        {
          headers: { cookie },
        },
      );
    const inside = await ask(addDays(from, -7), to);
    expect(inside.status).toBe(200);
    const owners = await stack.get(
      `/api/${NORTHWIND}/insights?metric=reach&period=day&since=${addDays(from, -7)}&until=${to}`,
    );
    expect(inside.body.data).toEqual(owners.body.data);
    const before = upstream.requests();
    for (const [since, until] of [
      [addDays(from, -8), to],
      [from, today()],
      [addDays(today(), -300), addDays(today(), -280)],
    ] as const) {
      const answer = await ask(since, until);
      expect(answer.status, `${since}..${until}`).toBe(403);
      expect(answer.body.error.message).toContain(`covers ${addDays(from, -7)} to ${to}`);
    }
    const stored = await stack.get(`/api/${NORTHWIND}/stored/follower_count?since=2020-01-01`, {
      headers: { cookie },
    });
    expect(stored.status).toBe(403);
    // In one batch, each day range gets what it gets alone.
    const insights = (since: string, until: string) =>
      `/api/${NORTHWIND}/insights?metric=reach&period=day&since=${since}&until=${until}`;
    const batch = await askBatch(
      stack,
      [
        insights(addDays(from, -7), to),
        insights(addDays(from, -8), to),
        insights(from, today()),
        `/api/${NORTHWIND}/stored/follower_count?since=2020-01-01`,
      ],
      cookie,
    );
    expect('entries' in batch && batch.entries.map((e) => e.status)).toEqual([200, 403, 403, 403]);
    expect(upstream.requests() - before).toBe(0);
  });

  it('the share cookie outranks a team session: a member who opens a link sees only what it grants until leaving', async () => {
    const { token } = await createLink({});
    const { cookie } = await open(token);
    const both = `${stack.ownerCookie}; ${cookie}`;
    const accounts = await stack.get('/api/accounts', { headers: { cookie: both } });
    expect(accounts.body.data.map((a: { id: string }) => a.id)).toEqual([NORTHWIND]);
    expect((await stack.get(`/api/${LUMEN}`, { headers: { cookie: both } })).status).toBe(404);
    const left = await stack.get('/auth/share/leave', {
      method: 'POST',
      headers: { cookie: both },
    });
    expect(left.status).toBe(200);
    expect(
      (await stack.get(`/api/${LUMEN}`, { headers: { cookie: stack.ownerCookie } })).status,
    ).toBe(200);
    expect((await stack.get(`/api/${NORTHWIND}`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('ending a link', () => {
  it('revoked: the very next request is refused with 410, and the link cannot be turned back on', async () => {
    const { share, token } = await createLink({});
    const { cookie } = await open(token);
    expect((await stack.get(`/api/${NORTHWIND}`, { headers: { cookie } })).status).toBe(200);
    const revoked = await stack.get(`/api/shares/${share.id}`, { method: 'DELETE' });
    expect(revoked.body.share.revoked_at).toBeDefined();
    const next = await stack.get(`/api/${NORTHWIND}`, { headers: { cookie } });
    expect(next.status).toBe(410);
    expectGraphError(next.body);
    expect(next.body.error.message).toContain('revoked');
    const batch = await stack.get(batchUrl([`/api/${NORTHWIND}`, `/api/${NORTHWIND}/media`]), {
      headers: { cookie },
    });
    expect(batch.status).toBe(410);
    expect(batch.body).toEqual(next.body);
    const page = await stack.get(`/accounts/${NORTHWIND}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(page.status).toBe(410);
    const again = await open(token);
    expect(again.answer.headers.get('location')).toBe('/shared/ended?reason=ended');
    expect(again.cookie).toBe('');
    const revive = await stack.get(`/api/shares/${share.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expires_on: addDays(today(), 30) }),
    });
    expect(revive.status).toBe(400);
    expect(revive.body.error.message).toContain('stays revoked');
  });

  it('expired: after its last day the link and its viewers get 410; a new expiry brings it back before that', async () => {
    const { share, token } = await createLink({ expires_in_days: 1 });
    const { cookie } = await open(token);
    const start = stack.clock.now().toISOString();
    try {
      stack.clock.advance(86_400_000 + 1_000);
      expect((await stack.get(`/api/${NORTHWIND}`, { headers: { cookie } })).status).toBe(410);
      expect((await open(token)).answer.headers.get('location')).toBe('/shared/ended?reason=ended');
      const extended = await stack.get(`/api/shares/${share.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expires_on: addDays(pacificDayOf(stack.clock.now()), 10) }),
      });
      expect(extended.status).toBe(200);
      expect(
        (await stack.get(`/api/${NORTHWIND}/media?limit=3`, { headers: { cookie } })).status,
      ).toBe(200);
    } finally {
      stack.clock.set(start);
    }
  });
});

describe('abuse', () => {
  it('guessing tokens: 20 unknown ones from an address, then 429 for every link from it', async () => {
    const guesser = await startTestStack({
      upstream,
      accountIds: [NORTHWIND],
      config: { trustProxy: true },
    });
    try {
      const made = await guesser.get('/api/shares', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          label: 'x',
          accounts: [NORTHWIND],
          scope: 'view',
          view_path: `/accounts/${NORTHWIND}`,
          range: { kind: 'recent', days: 28 },
        }),
      });
      const real = new URL(made.body.url).pathname.replace('/s/', '');
      tokens.push(real);
      const from = { 'x-forwarded-for': '198.51.100.7', cookie: '' };
      for (let i = 0; i < 20; i++) {
        const guess = await guesser.get(`/s/${'g'.repeat(30)}${i}`, {
          headers: from,
          redirect: 'manual',
        });
        expect(guess.headers.get('location')).toBe('/shared/ended?reason=unknown');
      }
      const blocked = await guesser.get(`/s/${real}`, { headers: from, redirect: 'manual' });
      expect(blocked.headers.get('location')).toBe('/shared/ended?reason=too-many');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(blocked.headers.getSetCookie()).toEqual([]);
      const elsewhere = await guesser.get(`/s/${real}`, {
        headers: { 'x-forwarded-for': '198.51.100.8', cookie: '' },
        redirect: 'manual',
      });
      expect(elsewhere.headers.get('location')).toBe(`/accounts/${NORTHWIND}`);
    } finally {
      await guesser.close();
    }
  });

  it('a password-protected link asks first, allows 10 wrong tries, and unlocks only its own browser', async () => {
    const { token } = await createLink({ password: LINK_PASSWORD });
    const { answer, cookie } = await open(token);
    expect(answer.headers.get('location')).toBe('/shared/unlock');
    const locked = await stack.get(`/api/${NORTHWIND}`, { headers: { cookie } });
    expect(locked.status).toBe(403);
    expect(locked.body.error.message).toContain('password');
    const lockedBatch = await stack.get(batchUrl([`/api/${NORTHWIND}`, '/api/accounts']), {
      headers: { cookie },
    });
    expect(lockedBatch.status).toBe(403);
    expect(lockedBatch.body).toEqual(locked.body);
    const page = await stack.get(`/accounts/${NORTHWIND}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(page.headers.get('location')).toBe('/shared/unlock');
    const unlock = (password: string, who = cookie) =>
      stack.get('/auth/share/unlock', {
        method: 'POST',
        headers: { cookie: who, 'content-type': 'application/json' },
        body: JSON.stringify({ password }),
      });
    expect((await unlock('not the password')).status).toBe(403);
    const ok = await unlock(LINK_PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.view_path).toBe(`/accounts/${NORTHWIND}?v=1&range=28d`);
    expect((await stack.get(`/api/${NORTHWIND}`, { headers: { cookie } })).status).toBe(200);
    // Another browser of the same link is still locked, and its wrong tries run out.
    const other = (await open(token)).cookie;
    expect((await stack.get(`/api/${NORTHWIND}`, { headers: { cookie: other } })).status).toBe(403);
    for (let i = 0; i < 9; i++) expect((await unlock(`guess ${i}`, other)).status).toBe(403);
    const blocked = await unlock(LINK_PASSWORD, other);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
  });
});

describe('cost and records', () => {
  it('ten clients opening the same link cost Instagram what one does', async () => {
    const { token } = await createLink({
      view_path: `/accounts/${TINY}?v=1&range=7d`,
      accounts: [TINY],
    });
    const since = addDays(today(), -20);
    const until = addDays(today(), -1);
    const path = `/api/${TINY}/insights?metric=reach,views&period=day&since=${since}&until=${until}`;
    const clients = await Promise.all(Array.from({ length: 10 }, () => open(token)));
    const { calls } = await stack.counting(() =>
      Promise.all(clients.map(({ cookie }) => stack.get(path, { headers: { cookie } }))),
    );
    const { calls: again } = await stack.counting(() =>
      stack.get(path, { headers: { cookie: clients[0]?.cookie ?? '' } }),
    );
    expect(calls).toBe(1);
    expect(again).toBe(0);
  });

  it('members list and revoke their own links; owners all; every creation, opening and revocation is in the audit log', async () => {
    const member = stack.cookieFor({ email: 'max@example.com', role: 'member' });
    const mine = await createLink({ label: 'Max’s client' }, member);
    const theirs = await createLink({ label: 'Owner’s client' });
    await open(mine.token);
    const memberList = await stack.get('/api/shares', { headers: { cookie: member } });
    expect(memberList.body.data.map((s: { label: string }) => s.label)).toEqual(['Max’s client']);
    expect(memberList.body.data[0].created_by).toBe('max@example.com');
    const notTheirs = await stack.get(`/api/shares/${theirs.share.id}`, {
      method: 'DELETE',
      headers: { cookie: member },
    });
    expect(notTheirs.status).toBe(404);
    const ownerRevokes = await stack.get(`/api/shares/${mine.share.id}`, { method: 'DELETE' });
    expect(ownerRevokes.status).toBe(200);
    const audit = await stack.get('/api/shares/audit', { headers: { cookie: member } });
    const actions = audit.body.data
      .filter((e: { link_id?: string }) => e.link_id === mine.share.id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(['revoked', 'opened', 'created']);
    expect(audit.body.data.some((e: { link_id?: string }) => e.link_id === theirs.share.id)).toBe(
      false,
    );
  });
});

it('demo mode: a browser that opened a link is its viewer there, not the demo owner', async () => {
  const demo = await startServer(loadConfig({ PORT: '0' }), { log: () => {} });
  try {
    const made = await fetch(`${demo.url}/api/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: demo.url },
      body: JSON.stringify({
        label: 'Demo client',
        accounts: [TINY],
        scope: 'pages',
        view_path: `/accounts/${TINY}`,
        range: { kind: 'recent', days: 28 },
      }),
    });
    expect(made.status).toBe(201);
    const { url } = (await made.json()) as { url: string };
    const opened = await fetch(url, { redirect: 'manual' });
    const cookie = opened.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const accounts = await fetch(`${demo.url}/api/accounts`, { headers: { cookie } });
    const ids = ((await accounts.json()) as { data: { id: string }[] }).data.map((a) => a.id);
    expect(ids).toEqual([TINY]);
    expect((await fetch(`${demo.url}/api/${NORTHWIND}`, { headers: { cookie } })).status).toBe(404);
    const everyone = await fetch(`${demo.url}/api/accounts`);
    expect(((await everyone.json()) as { data: unknown[] }).data.length).toBe(5);
  } finally {
    await demo.close();
  }
});

it('no token and no link password shows in a log line or an answer body', () => {
  expect(tokens.length).toBeGreaterThan(5);
  // The answer that creates a link hands its URL to its creator, once; nothing else carries it.
  const answers = stack.exchanges.filter((e) => e.request !== 'POST /api/shares');
  const text = [
    ...stack.logs,
    ...answers.map((e) => `${e.text}\n${e.headers.map(([, v]) => v).join('\n')}`),
  ].join('\n');
  for (const token of tokens) {
    const at = text.indexOf(token);
    expect(at, text.slice(Math.max(0, at - 300), at + 100)).toBe(-1);
  }
  expect(text).not.toContain(LINK_PASSWORD);
});
