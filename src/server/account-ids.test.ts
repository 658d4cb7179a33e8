/**
 * `GET /api/accounts?fields=id` over real HTTP: the accounts `/api/accounts` lists, in its order,
 * for an owner, a member and a share viewer; no Graph call once the server knows its accounts; any
 * other `fields` refused before Instagram is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

let upstream: FakeUpstream;
/** No allow-list: the server discovers its accounts through /me/accounts. */
let stack: TestStack;

beforeAll(async () => {
  upstream = await startFake({ warm: [NORTHWIND, LUMEN, TINY] });
  stack = await startTestStack({ upstream });
}, 60_000);

afterAll(async () => {
  expectSafeAnswers([stack]);
  await stack?.close();
  await upstream?.close();
});

const idsOf = (body: { data: { id: string }[] }) => body.data.map((a) => a.id);

async function bothLists(cookie: string) {
  const full = await stack.get('/api/accounts', { headers: { cookie } });
  const quick = await stack.get('/api/accounts?fields=id', { headers: { cookie } });
  expect(full.status, full.text).toBe(200);
  expect(quick.status, quick.text).toBe(200);
  return { full: idsOf(full.body), quick: quick.body };
}

/** A share viewer's cookie for a link to these accounts. */
async function shareViewer(accounts: string[]): Promise<string> {
  const made = await stack.get('/api/shares', {
    method: 'POST',
    headers: { cookie: stack.ownerCookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      label: 'Two accounts',
      accounts,
      scope: 'pages',
      view_path: `/accounts/${accounts[0]}?v=1&range=28d`,
      range: { kind: 'recent', days: 90 },
    }),
  });
  expect(made.status, made.text).toBe(201);
  const opened = await stack.get(new URL(made.body.url).pathname, {
    redirect: 'manual',
    headers: { cookie: '' },
  });
  const cookie = opened.headers
    .getSetCookie()
    .find((c) => c.startsWith('share='))
    ?.split(';')[0];
  expect(cookie).toBeDefined();
  return cookie as string;
}

describe('GET /api/accounts?fields=id', () => {
  it('lists what /api/accounts lists for an owner, ids only, and costs no Graph call once the accounts are known', async () => {
    const { full, quick } = await bothLists(stack.ownerCookie);
    expect(full.length).toBeGreaterThan(2);
    expect(quick).toEqual({ data: full.map((id) => ({ id })) });
    const { graphCalls, calls, result } = await stack.counting(() =>
      stack.get('/api/accounts?fields=id'),
    );
    expect(result.body).toEqual(quick);
    expect(graphCalls).toBe(0);
    expect(calls).toBe(0);
  });

  it('lists only the accounts a member was given, as /api/accounts does', async () => {
    const cookie = stack.cookieFor({
      email: 'ids-member@example.com',
      role: 'member',
      accounts: [TINY, NORTHWIND],
    });
    const { full, quick } = await bothLists(cookie);
    expect([...full].sort()).toEqual([NORTHWIND, TINY].sort());
    expect(idsOf(quick)).toEqual(full);
  });

  it("lists only a share link's accounts for its viewer, as /api/accounts does", async () => {
    const cookie = await shareViewer([LUMEN, TINY]);
    const { full, quick } = await bothLists(cookie);
    expect([...full].sort()).toEqual([LUMEN, TINY].sort());
    expect(idsOf(quick)).toEqual(full);
  });

  it('refuses any other fields with a 400 in the Graph error shape, asking Instagram nothing', async () => {
    for (const fields of ['username', 'id,username', '', 'id,id']) {
      const { graphCalls, calls, result } = await stack.counting(() =>
        stack.get(`/api/accounts?fields=${encodeURIComponent(fields)}`),
      );
      expect(result.status, fields).toBe(400);
      expectGraphError(result.body, 100);
      expect(result.body.error.message).toContain('id');
      expect(graphCalls + calls).toBe(0);
    }
  });

  it('is refused when not signed in, as /api/accounts is', async () => {
    const full = await stack.get('/api/accounts', { headers: { cookie: '' } });
    const quick = await stack.get('/api/accounts?fields=id', { headers: { cookie: '' } });
    expect(quick.status).toBe(full.status);
    expect(quick.status).toBeGreaterThanOrEqual(400);
  });
});
