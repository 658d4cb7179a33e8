/**
 * The token never leaves the server: across every route and error path, no answer (status line,
 * headers, body) and no log line contains it, nor any `access_token=` value. Paging links and
 * picture URLs point at the proxy; page access tokens are never passed on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsResponse } from '../graph/graph-types';
import {
  type FakeUpstream,
  FIXED_NOW,
  LUMEN,
  leaks,
  NO_FAULTS,
  NORTHWIND,
  requestLog,
  SECRET_TOKEN,
  startFake,
  startTestStack,
  type TestStack,
  transcript,
} from './testing/test-stack';

const WRONG_TOKEN = 'EAAB-wrong-SECRET-token-999';

let upstream: FakeUpstream;
let stack: TestStack;
const stacks: TestStack[] = [];

beforeAll(async () => {
  upstream = await startFake();
  stack = await startTestStack({ upstream });
  stacks.push(stack);
}, 30_000);

afterEach(() => {
  upstream.fake.setFaults(NO_FAULTS);
});

afterAll(async () => {
  for (const s of stacks) await s.close();
  await upstream?.close();
});

/** GETs each path and expects the status. */
async function visit(target: TestStack, paths: [path: string, status: number][]) {
  for (const [path, status] of paths) {
    const answer = await target.get(path);
    expect(answer.status, path).toBe(status);
  }
}

describe('every route', () => {
  it('accounts: profiles only, never page access tokens', async () => {
    const accounts = await stack.get('/api/accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.text).not.toMatch(/access_token/i);
    expect(accounts.text).not.toContain('EAAGdemoPageToken');
    for (const account of accounts.body.data) {
      expect(Object.keys(account)).not.toContain('access_token');
      expect(account.profile_picture_url).toBe(`/api/${account.id}/picture`);
    }
    await visit(stack, [
      ['/api/health', 200],
      [`/api/${NORTHWIND}`, 200],
      [`/api/${NORTHWIND}?fields=id,username,profile_picture_url`, 200],
      [`/api/${NORTHWIND}/picture`, 200],
    ]);
  });

  it('media paging links are proxy URLs without a token, and they work', async () => {
    const page1 = await stack.get(`/api/${NORTHWIND}/media?limit=3`);
    expect(page1.status).toBe(200);
    const next: string = page1.body.paging.next;
    expect(next).toMatch(new RegExp(`^/api/${NORTHWIND}/media\\?`));
    expect(next).not.toMatch(/access_token/);
    expect(next).not.toContain(upstream.url);
    expect(page1.body.paging.previous).toBeUndefined();

    const page2 = await stack.get(next);
    expect(page2.status).toBe(200);
    expect(page2.body.data).toHaveLength(3);
    const ids1 = page1.body.data.map((m: { id: string }) => m.id);
    const ids2 = page2.body.data.map((m: { id: string }) => m.id);
    expect(ids2.some((id: string) => ids1.includes(id))).toBe(false);
    const previous: string = page2.body.paging.previous;
    expect(previous).toMatch(new RegExp(`^/api/${NORTHWIND}/media\\?`));
    expect(previous).not.toMatch(/access_token/);
    const back = await stack.get(previous);
    expect(back.body.data.map((m: { id: string }) => m.id)).toEqual(ids1);

    // Picture URLs point at the proxy too.
    for (const m of [...page1.body.data, ...page2.body.data]) {
      expect(m.media_url).toBe(`/api/${m.id}/picture`);
      if (m.thumbnail_url) expect(m.thumbnail_url).toBe(`/api/${m.id}/picture?size=thumbnail`);
    }
  });

  it('media objects, pictures, stories and media insights', async () => {
    const list = await stack.get(`/api/${NORTHWIND}/media?limit=40`);
    const items: { id: string; media_type: string; media_product_type: string }[] = list.body.data;
    const carousel = items.find((m) => m.media_type === 'CAROUSEL_ALBUM');
    const video = items.find((m) => m.media_type === 'VIDEO');
    const image = items.find((m) => m.media_type === 'IMAGE');
    expect(carousel && video && image).toBeTruthy();
    await visit(stack, [
      [`/api/${image?.id}`, 200],
      [`/api/${carousel?.id}?fields=id,media_type,children{id,media_url}`, 200],
      [`/api/${image?.id}/picture`, 200],
      [`/api/${video?.id}/picture?size=thumbnail`, 200],
      [`/api/${image?.id}/insights`, 200],
      [`/api/${video?.id}/insights?metric=reach,views`, 200],
      [`/api/${NORTHWIND}/stories`, 200],
    ]);
    const stories = await stack.get(`/api/${NORTHWIND}/stories`);
    for (const story of stories.body.data.slice(0, 2)) {
      const answer = await stack.get(`/api/${story.id}/insights`);
      expect([200, 422]).toContain(answer.status);
    }
    const child = await stack.get(`/api/${carousel?.id}?fields=id,children{id,media_url}`);
    const childId = child.body.children.data[0].id;
    expect(child.body.children.data[0].media_url).toBe(`/api/${childId}/picture`);
    await visit(stack, [[`/api/${childId}/picture`, 200]]);
  });

  it('account insights in every form, without the Graph paging links', async () => {
    for (const query of [
      'metric=reach&period=day',
      'metric=reach&period=day&since=2026-08-01&until=2026-10-15',
      'metric=reach,follower_count&period=day&since=2026-11-01&until=2026-11-19',
      'metric=views,accounts_engaged&period=day',
      'metric=views&breakdown=media_product_type&since=2026-09-01&until=2026-10-30',
      'metric=follower_demographics&breakdown=age,gender&timeframe=this_month',
      'metric=online_followers&period=lifetime',
      'metric=views,likes&period=day&since=2026-10-01&until=2026-11-19&split=day',
    ]) {
      const answer = await stack.get<InsightsResponse>(`/api/${NORTHWIND}/insights?${query}`);
      expect(answer.status, query).toBe(200);
      expect(answer.body.paging, query).toBeUndefined();
      expect(answer.text).not.toContain(upstream.url);
    }
  });
});

describe('every error path', () => {
  it('refusals that repeat what the request said, including the token itself', async () => {
    await visit(stack, [
      [`/api/${NORTHWIND}/insights?metric=reach&access_token=${SECRET_TOKEN}`, 400],
      [`/api/${NORTHWIND}/media?access_token=${SECRET_TOKEN}`, 400],
      [`/api/${NORTHWIND}/insights?metric=reach&since=${SECRET_TOKEN}`, 400],
      [`/api/${NORTHWIND}/insights?metric=${SECRET_TOKEN}`, 400],
      [`/api/${NORTHWIND}/insights?${SECRET_TOKEN}=1`, 400],
      [`/api/${NORTHWIND}?fields=${SECRET_TOKEN}`, 400],
      [`/api/${NORTHWIND}/media?after=${SECRET_TOKEN}`, 400], // cursor-shaped: Instagram refuses it
      [`/api/${SECRET_TOKEN}`, 404],
      [`/api/${SECRET_TOKEN}/insights?metric=reach`, 404],
      [`/api/${NORTHWIND}/${SECRET_TOKEN}`, 404],
      [`/api/me/accounts?fields=access_token`, 404],
      ['/api/99999999999999999', 404],
    ]);
    const posted = await stack.get(`/api/${NORTHWIND}/insights`, {
      method: 'POST',
      body: `access_token=${SECRET_TOKEN}`,
    });
    expect(posted.status).toBe(405);
    // The log shows where a token was sent, never its value.
    expect(stack.logs.some((l) => l.includes('access_token=[redacted]'))).toBe(true);
  });

  it('an invalid cursor is refused by Instagram and the refusal is passed on without a token', async () => {
    const answer = await stack.get(`/api/${NORTHWIND}/media?after=bm90LWEtY3Vyc29y`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/Instagram rejected the request/);
  });

  it('403 for an account outside the allow-list, and 401 for a token Instagram refuses', async () => {
    const restricted = await startTestStack({ upstream, accountIds: [NORTHWIND] });
    stacks.push(restricted);
    await visit(restricted, [
      [`/api/${LUMEN}/media`, 403],
      [`/api/${LUMEN}/insights?metric=reach`, 403],
    ]);
    const wrong = await startTestStack({ upstream, proxyTokens: [WRONG_TOKEN] });
    stacks.push(wrong);
    await visit(wrong, [
      ['/api/accounts', 401],
      [`/api/${NORTHWIND}/insights?metric=reach&period=day`, 401],
      ['/api/health', 200],
    ]);
    const wrongListed = await startTestStack({
      upstream,
      proxyTokens: [WRONG_TOKEN],
      accountIds: [NORTHWIND],
    });
    stacks.push(wrongListed);
    await visit(wrongListed, [
      [`/api/${NORTHWIND}`, 401],
      [`/api/${NORTHWIND}/media?limit=2`, 401],
      [`/api/${NORTHWIND}/insights?metric=reach&period=day`, 401],
      [`/api/${NORTHWIND}/picture`, 401],
    ]);
  });

  it('502, stale copies, 429 and 504', async () => {
    const faulty = await startTestStack({
      upstream,
      accountIds: [NORTHWIND],
      config: { upstreamTimeoutMs: 100 },
    });
    stacks.push(faulty);
    await visit(faulty, [
      [`/api/${NORTHWIND}/insights?metric=reach&period=day`, 200],
      [`/api/${NORTHWIND}/media?limit=2`, 200],
    ]);
    upstream.fake.setFaults({ outage: true });
    upstream.clock.advance(6 * 60_000);
    await visit(faulty, [
      [`/api/${NORTHWIND}/insights?metric=reach&period=day`, 200], // stale
      [`/api/${NORTHWIND}/media?limit=2`, 200], // stale
      [`/api/${NORTHWIND}/insights?metric=views&period=day`, 502],
    ]);
    upstream.fake.setFaults({ outage: false, transientErrorRate: 1 });
    await visit(faulty, [[`/api/${NORTHWIND}/insights?metric=likes&period=day`, 502]]);
    upstream.fake.setFaults({ transientErrorRate: 0, latencyMs: 400 });
    await visit(faulty, [[`/api/${NORTHWIND}/insights?metric=shares&period=day`, 504]]);
    upstream.fake.setFaults({ latencyMs: 0, outage: true });
    await visit(faulty, [
      [`/api/${NORTHWIND}/insights?metric=views&since=2026-11-01&until=2026-11-05&split=day`, 502],
    ]);
    upstream.fake.setFaults({ outage: false, throttle: 'account' });
    await visit(faulty, [
      [`/api/${NORTHWIND}/insights?metric=saves&period=day`, 429],
      [`/api/${NORTHWIND}/insights?metric=comments&period=day`, 429],
    ]);
    upstream.clock.set(FIXED_NOW);
  });
});

it('no answer, header or log line in this file contained a token or an access_token= value', () => {
  const all = stacks.flatMap(transcript);
  expect(stacks.reduce((n, s) => n + s.exchanges.length, 0)).toBeGreaterThanOrEqual(50);
  expect(stacks.reduce((n, s) => n + requestLog(s).length, 0)).toBeGreaterThanOrEqual(50);
  for (const secret of [SECRET_TOKEN, WRONG_TOKEN]) {
    for (const text of all) expect(text).not.toContain(secret);
  }
  for (const text of all) expect(text).not.toMatch(/access_token=(?!\[redacted\])/);
  for (const s of stacks) expect(leaks(s)).toEqual([]);
  // The proxy never points the browser at the upstream host.
  for (const s of stacks) for (const e of s.exchanges) expect(e.text).not.toContain(upstream.url);
});
