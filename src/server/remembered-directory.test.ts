/**
 * A restarted server answers at once from what its store remembers (#17, cold views), over real
 * HTTP with the fake's latency: the accounts the configured tokens reached at the last discovery
 * (younger than 24 hours, refreshed once in the background) and whose posts are whose. Only what
 * the tokens configured now reach is served, the allow-list and members' limits still apply, and
 * the store keeps no token.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findMediaMetric } from '../graph/metric-catalogue';
import type { GraphCall } from './graph-client';
import { tokenFingerprint } from './store/directory-store';
import { sharedFake } from './testing/shared-fake';
import {
  type StoredStack,
  type StoredStackOptions,
  startStoredStack,
} from './testing/stored-stack';
import { ALL_DEMO_ACCOUNTS, expectGraphError, LUMEN, NORTHWIND } from './testing/test-stack';

/** The fake's answer time per HTTP request: one round trip. */
const LATENCY = 800;
const HOUR = 3_600_000;
/** A connectable demo account: only a person's own Facebook token reaches it. */
const JUNIPER = '17841481234500017';
const APP = { id: '31415926535', secret: 'fbAppSecret0123456789abcdefXYZ' };
const REDIRECT = 'http://127.0.0.1/callback';

const shared = sharedFake();
const stacks: StoredStack[] = [];
afterEach(async () => {
  for (const stack of stacks.splice(0)) await stack.close();
});

async function stored(options: Omit<StoredStackOptions, 'upstream'>): Promise<StoredStack> {
  const stack = await startStoredStack({ upstream: shared.upstream, webhooks: null, ...options });
  stacks.push(stack);
  return stack;
}

/** A long-lived Facebook Login token of the fake that reaches `accounts` (its consent flow). */
async function facebookToken(accounts: string[]): Promise<string> {
  const { upstream } = shared;
  upstream.fake.oauth.registerApp({ ...APP, kind: 'facebook', redirectUris: [REDIRECT] });
  const dialog = new URLSearchParams({
    client_id: APP.id,
    redirect_uri: REDIRECT,
    scope: 'instagram_basic,instagram_manage_insights,pages_show_list',
    state: 'test',
  });
  const page = await (await fetch(`${upstream.url}/v25.0/dialog/oauth?${dialog}`)).text();
  const form = new URLSearchParams({
    dialog: /name="dialog" value="([^"]+)"/.exec(page)?.[1] ?? '',
    decision: 'allow',
  });
  for (const id of accounts) form.append('account', id);
  const back = await fetch(`${upstream.url}/__oauth/consent`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const exchange = (params: Record<string, string>) =>
    fetch(
      `${upstream.url}/v25.0/oauth/access_token?${new URLSearchParams({ client_id: APP.id, client_secret: APP.secret, ...params })}`,
    ).then((r) => r.json() as Promise<{ access_token: string }>);
  const short = await exchange({ redirect_uri: REDIRECT, code });
  const long = await exchange({
    grant_type: 'fb_exchange_token',
    fb_exchange_token: short.access_token,
  });
  return long.access_token;
}

const DISCOVERY_PATH = '/v25.0/me/accounts';
/** Account discoveries the fake has received since its counts were reset. */
const discoveries = () => shared.upstream.fake.getStats().byPath[DISCOVERY_PATH] ?? 0;
/** Every other HTTP request the fake has received. */
const otherCalls = () => shared.upstream.requests() - discoveries();

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
}

/** The proxy's request log line of a path (the last one). */
function logged(stack: StoredStack, path: string): { upstream: number; status: number } {
  const lines = stack.logs
    .map((line) => JSON.parse(line) as { path?: string; upstream: number; status: number })
    .filter((l) => l.path === path);
  const line = lines.at(-1);
  if (!line) throw new Error(`no log line for ${path}`);
  return line;
}

const ids = (body: { data: { id: string }[] }) => body.data.map((a) => a.id);

/** The id of a post in an account's first page of media, which the server has now seen. */
async function postOf(stack: StoredStack, accountId: string): Promise<string> {
  const media = await stack.get(`/api/${accountId}/media?limit=5`);
  expect(media.status).toBe(200);
  const post = media.body.data.find((m: { media_product_type: string }) =>
    ['FEED', 'REELS'].includes(m.media_product_type),
  );
  expect(post).toBeDefined();
  return post.id as string;
}

describe('after a restart on the same store', () => {
  it('answers the accounts, a stored route and a profile without waiting for discovery, which then runs once in the background', async () => {
    const stack = await stored({ accountIds: null });
    expect(ids((await stack.get('/api/accounts')).body)).toEqual(ALL_DEMO_ACCOUNTS);

    await stack.restart();
    shared.upstream.fake.resetStats();
    shared.upstream.fake.setFaults({ latencyMs: LATENCY });
    // As an account page asks them, all at once.
    const [history, profile, accounts] = await Promise.all([
      timed(() => stack.get(`/api/${NORTHWIND}/history`)),
      timed(() => stack.get(`/api/${NORTHWIND}`)),
      timed(() => stack.get('/api/accounts')),
    ]);
    expect(history.result.status).toBe(200);
    expect(history.result.body.kept).toBe(true);
    // Within one round trip: no discovery was waited for.
    expect(history.ms).toBeLessThan(LATENCY);
    expect(logged(stack, `/api/${NORTHWIND}/history`).upstream).toBe(0);
    // One round trip (the profile itself) rather than two.
    expect(profile.result.status).toBe(200);
    expect(profile.result.body.id).toBe(NORTHWIND);
    expect(profile.ms).toBeGreaterThanOrEqual(LATENCY - 20);
    expect(profile.ms).toBeLessThan(1.5 * LATENCY);
    expect(accounts.result.status).toBe(200);
    expect(ids(accounts.result.body)).toEqual(ALL_DEMO_ACCOUNTS);
    expect(accounts.ms).toBeLessThan(1.5 * LATENCY);

    // The refresh has answered by now; it ran once, and later requests do not start another.
    await new Promise((r) => setTimeout(r, LATENCY));
    expect(discoveries()).toBe(1);
    const again = await timed(() => stack.get(`/api/${LUMEN}/history`));
    expect(again.result.status).toBe(200);
    expect(again.ms).toBeLessThan(LATENCY);
    expect(discoveries()).toBe(1);
  });

  it('a discovery remembered more than 24 hours ago is not served: requests wait for discovery as without a store', async () => {
    const stack = await stored({ accountIds: null });
    expect((await stack.get('/api/accounts')).status).toBe(200);
    shared.upstream.clock.advance(25 * HOUR);
    await stack.restart();
    shared.upstream.fake.resetStats();
    shared.upstream.fake.setFaults({ latencyMs: LATENCY });
    const history = await timed(() => stack.get(`/api/${NORTHWIND}/history`));
    expect(history.result.status).toBe(200);
    expect(history.ms).toBeGreaterThanOrEqual(LATENCY - 20);
    expect(logged(stack, `/api/${NORTHWIND}/history`).upstream).toBe(1);
    expect(discoveries()).toBe(1);
  });

  it('a post opened by id costs no owner look-up, and answers within one round trip', async () => {
    const stack = await stored({ accountIds: null });
    const post = await postOf(stack, NORTHWIND);
    await stack.restart();
    shared.upstream.fake.resetStats();
    shared.upstream.fake.setFaults({ latencyMs: LATENCY });
    const asked: GraphCall[] = [];
    const get = stack.server.client.get.bind(stack.server.client);
    vi.spyOn(stack.server.client, 'get').mockImplementation((call) => {
      asked.push(call);
      return get(call);
    });
    const [insights, media, history] = await Promise.all([
      timed(() => stack.get(`/api/${post}/insights`)),
      timed(() => stack.get(`/api/${post}`)),
      timed(() => stack.get(`/api/${post}/history`)),
    ]);
    expect(insights.result.status).toBe(200);
    expect(media.result.status).toBe(200);
    expect(history.result.status).toBe(200);
    expect(asked.filter((call) => call.params.fields?.includes('owner{id}'))).toEqual([]);
    // The post itself was asked once (its fields), its insights once with each breakdown the post
    // page asks next beside them; nothing else about it.
    const askedOf = (path: string) => asked.filter((call) => call.path === path).length;
    expect(askedOf(post)).toBe(1);
    const names = (insights.result.body.data as { name: string }[]).map((d) => d.name);
    const breakdowns = names.filter((name) => findMediaMetric(name)?.breakdown);
    expect(askedOf(`${post}/insights`)).toBe(1 + breakdowns.length);
    expect(asked.filter((call) => call.path.startsWith(post))).toHaveLength(2 + breakdowns.length);
    expect(insights.ms).toBeLessThan(1.5 * LATENCY);
    expect(media.ms).toBeLessThan(1.5 * LATENCY);
    expect(history.ms).toBeLessThan(LATENCY);
  });
});

describe('a first page of media with its insights after a restart', () => {
  it('the posts the store remembers are asked beside the list: one round trip instead of two, the same answer', async () => {
    const stack = await stored({ accountIds: null });
    const path = `/api/${NORTHWIND}/media?limit=12&insights=lifetime`;
    expect((await stack.get('/api/accounts')).status).toBe(200);
    shared.upstream.fake.setFaults({ latencyMs: LATENCY });
    // Nothing is remembered of its posts yet: the list, then their insights.
    const first = await timed(() => stack.get(path));
    expect(first.result.status).toBe(200);
    expect(first.result.body.data).toHaveLength(12);
    expect(first.ms).toBeGreaterThanOrEqual(2 * LATENCY - 20);

    await stack.restart();
    shared.upstream.fake.setFaults({ latencyMs: LATENCY });
    const again = await timed(() => stack.get(path));
    expect(again.result.status).toBe(200);
    expect(again.ms).toBeLessThan(1.5 * LATENCY);
    expect(again.result.body).toEqual(first.result.body);
    // A later page is not read ahead: it is asked as before.
    const next = again.result.body.paging.next as string;
    const later = await timed(() => stack.get(next));
    expect(later.result.status).toBe(200);
    expect(later.ms).toBeGreaterThanOrEqual(2 * LATENCY - 20);
  });
});

describe('what the configuration allows now', () => {
  it('serves only the tokens configured now and the allow-list; members keep their limits; the store holds no token', async () => {
    const juniperToken = await facebookToken([JUNIPER]);
    const token = shared.upstream.token;
    const stack = await stored({ accountIds: null, tokens: [token, juniperToken] });
    expect(ids((await stack.get('/api/accounts')).body)).toEqual([...ALL_DEMO_ACCOUNTS, JUNIPER]);
    const [northwindPost, lumenPost, juniperPost] = [
      await postOf(stack, NORTHWIND),
      await postOf(stack, LUMEN),
      await postOf(stack, JUNIPER),
    ];
    const member = stack.server.auth.users.create({
      id: 'member-lumen',
      email: 'member@example.com',
      role: 'member',
      accounts: [LUMEN],
      createdAt: shared.upstream.clock.now(),
    });
    const memberCookie = `session=${stack.server.auth.startSession(member.id)}`;

    /** Each path answers 403 (a member: or 404) in Graph's shape, and none costs a call. */
    const refused = async (paths: string[], cookie?: string) => {
      const before = otherCalls();
      for (const path of paths) {
        const answer = await stack.get(path, cookie ? { cookie } : {});
        if (cookie) expect([403, 404], path).toContain(answer.status);
        else expect(answer.status, path).toBe(403);
        expectGraphError(answer.body);
      }
      expect(otherCalls() - before).toBe(0);
    };

    // Both tokens, with an allow-list: the remembered discovery is served, the list applies.
    await stack.restart({ tokens: [token, juniperToken], accountIds: [NORTHWIND, JUNIPER] });
    shared.upstream.fake.resetStats();
    await refused([
      `/api/${LUMEN}/history`,
      `/api/${lumenPost}`,
      `/api/${lumenPost}/insights`,
      `/api/${lumenPost}/history`,
    ]);
    expect((await stack.get(`/api/${JUNIPER}/history`)).status).toBe(200);
    expect((await stack.get(`/api/${juniperPost}/insights`)).status).toBe(200);

    // The second token is removed: its accounts and their posts are refused, from the start on.
    await stack.restart({ tokens: [token], accountIds: null });
    shared.upstream.fake.resetStats();
    shared.upstream.fake.setFaults({ latencyMs: LATENCY });
    const forbiddenPaths = [
      `/api/${JUNIPER}`,
      `/api/${JUNIPER}/history`,
      `/api/${JUNIPER}/insights?metric=reach&period=day`,
      `/api/${juniperPost}`,
      `/api/${juniperPost}/insights`,
      `/api/${juniperPost}/history`,
    ];
    await refused(forbiddenPaths);
    // Also once the refresh has answered.
    await new Promise((r) => setTimeout(r, LATENCY + 100));
    expect(discoveries()).toBe(1);
    await refused(forbiddenPaths);
    expect(ids((await stack.get('/api/accounts')).body)).toEqual(ALL_DEMO_ACCOUNTS);
    shared.upstream.fake.setFaults({ latencyMs: 0 });

    // A member sees what they were given, and nothing else.
    const mine = await stack.get('/api/accounts', { cookie: memberCookie });
    expect(ids(mine.body)).toEqual([LUMEN]);
    expect((await stack.get(`/api/${LUMEN}/history`, { cookie: memberCookie })).status).toBe(200);
    expect((await stack.get(`/api/${lumenPost}`, { cookie: memberCookie })).status).toBe(200);
    await refused(
      [
        `/api/${NORTHWIND}`,
        `/api/${NORTHWIND}/history`,
        `/api/${JUNIPER}/history`,
        `/api/${northwindPost}/insights`,
        `/api/${juniperPost}/insights`,
      ],
      memberCookie,
    );

    // The store (with its write-ahead log) keeps fingerprints of the tokens, never the tokens.
    const files = readdirSync(stack.dataDir).map((name) => readFileSync(join(stack.dataDir, name)));
    const all = Buffer.concat(files);
    expect(all.includes(tokenFingerprint(token))).toBe(true);
    for (const secret of [token, juniperToken]) {
      expect(all.includes(secret)).toBe(false);
      expect(all.includes(encodeURIComponent(secret))).toBe(false);
    }
  });

  it('when the background refresh answers, it replaces what is remembered and served', async () => {
    const juniperToken = await facebookToken([JUNIPER]);
    const token = shared.upstream.token;
    const stack = await stored({ accountIds: null, tokens: [token, juniperToken] });
    expect(ids((await stack.get('/api/accounts')).body)).toContain(JUNIPER);
    // The person removes the app meanwhile: the token no longer reads the account.
    shared.upstream.fake.oauth.revoke({ token: juniperToken });
    await stack.restart();
    shared.upstream.fake.resetStats();
    shared.upstream.fake.setFaults({ latencyMs: LATENCY });
    // Served from what was remembered, before the refresh answers.
    expect((await stack.get(`/api/${JUNIPER}/history`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2 * LATENCY + 100));
    expect(discoveries()).toBe(2);
    const gone = await stack.get(`/api/${JUNIPER}/history`);
    expect(gone.status).toBe(403);
    expect(
      stack.server.store.directory.discoveries([
        tokenFingerprint(token),
        tokenFingerprint(juniperToken),
      ]),
    ).toEqual(
      new Map([
        [tokenFingerprint(token), { foundAt: expect.any(Number), accounts: ALL_DEMO_ACCOUNTS }],
      ]),
    );
    // A token without a remembered discovery: the next start waits for discovery, as without a store.
    await stack.restart();
    shared.upstream.fake.resetStats();
    const history = await timed(() => stack.get(`/api/${NORTHWIND}/history`));
    expect(history.result.status).toBe(200);
    expect(history.ms).toBeGreaterThanOrEqual(LATENCY - 20);
  });
});
