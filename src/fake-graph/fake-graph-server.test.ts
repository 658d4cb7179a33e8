/**
 * The fake over real HTTP on 127.0.0.1 (what the proxy and the end-to-end tests talk to): the
 * same answers as through msw, links that point back at the server, batch and control paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowForDays } from '../graph/date-windows';
import { dayOfEndTime } from '../graph/pacific-days';
import { type FakeGraphServer, startFakeGraphServer } from './fake-graph-server';
import {
  expectGraphError,
  fixedClock,
  graph,
  graphBatch,
  NORTHWIND,
  parseJsonHeader,
  TINY,
  TOKEN,
  WINTER_NOW,
} from './testing/graph-test-client';

describe('the fake Graph API over HTTP', () => {
  let server: FakeGraphServer;
  const call = (path: string, options: Parameters<typeof graph>[1] = {}) =>
    graph(path, { base: server.url, ...options });

  beforeAll(async () => {
    server = await startFakeGraphServer({
      port: 0,
      now: fixedClock(WINTER_NOW),
      rateLimits: { callsPerAccount: 50 },
    });
  });
  afterAll(() => server.close());

  it('listens on a free port of 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(server.url).port)).toBeGreaterThan(0);
    expect(server.fake.baseUrl).toBe(server.url);
  });

  it('answers users and insights with JSON and the rate-limit headers', async () => {
    const user = await call(`v25.0/${TINY}?fields=id,username`);
    expect(user.status).toBe(200);
    expect(user.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(user.body).toEqual({ id: TINY, username: 'tiny.pottery' });
    expect(parseJsonHeader(user.headers, 'x-app-usage')).toHaveProperty('call_count');
    expect(parseJsonHeader(user.headers, 'x-business-use-case-usage')[TINY][0].type).toBe(
      'instagram',
    );
  });

  it('sends paging links that point back at the server and work', async () => {
    const w = windowForDays('2026-11-12', '2026-11-18');
    const first = await call(
      `v25.0/${NORTHWIND}/insights?metric=reach&period=day&since=${w.since}&until=${w.until}`,
    );
    expect(first.status).toBe(200);
    const previous = first.body.paging.previous as string;
    expect(previous.startsWith(`${server.url}/v25.0/${NORTHWIND}/insights?`)).toBe(true);
    expect(new URL(previous).searchParams.get('access_token')).toBe(TOKEN);
    const back = await graph(previous);
    const days = back.body.data[0].values.map((v: { end_time: string }) =>
      dayOfEndTime(v.end_time),
    );
    expect(days).toEqual([
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
      '2026-11-08',
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
    ]);
    const media = await call(`v25.0/${NORTHWIND}/media?fields=id,media_url&limit=2`);
    expect(media.body.paging.next.startsWith(`${server.url}/v25.0/${NORTHWIND}/media?`)).toBe(true);
    const image = await fetch(media.body.data[0].media_url);
    expect(image.status).toBe(200);
    expect(await image.text()).toMatch(/^<svg /);
  });

  it('answers errors with their status, body and headers', async () => {
    const res = await call(`v25.0/${NORTHWIND}?fields=id`, { token: 'wrong' });
    expectGraphError(res, {
      status: 400,
      code: 190,
      error_subcode: 467,
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('runs batches, counts them in /__stats and takes faults on /__faults', async () => {
    await call('__stats', { token: null, init: { method: 'DELETE' } });
    const batch = await graphBatch(
      [
        { method: 'GET', relative_url: `${TINY}?fields=username` },
        { method: 'GET', relative_url: `${NORTHWIND}?fields=username` },
      ],
      { base: server.url },
    );
    expect(batch.status).toBe(200);
    expect(batch.body.map((a: { body: string }) => JSON.parse(a.body).username)).toEqual([
      'tiny.pottery',
      'northwind.coffee',
    ]);
    const stats = await call('__stats', { token: null });
    expect(stats.body).toMatchObject({ requests: 1, calls: 2, batchEntries: 2, errors: 0 });

    const faults = await call('__faults', {
      token: null,
      init: {
        method: 'PUT',
        body: JSON.stringify({ outage: true }),
        headers: { 'Content-Type': 'application/json' },
      },
    });
    expect(faults.body.outage).toBe(true);
    expect((await call(`v25.0/${TINY}?fields=id`)).status).toBe(503);
    await call('__faults', {
      token: null,
      init: { method: 'PUT', body: JSON.stringify({ outage: false }) },
    });
    expect((await call(`v25.0/${TINY}?fields=id`)).status).toBe(200);
  });

  it('answers an unknown control path with 404', async () => {
    const res = await call('__nothing', { token: null });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Unknown control path /__nothing');
  });
});

describe('the fake standing for Instagram Login (FAKE_GRAPH_LOGIN=instagram)', () => {
  let server: FakeGraphServer;
  beforeAll(async () => {
    server = await startFakeGraphServer({
      port: 0,
      now: fixedClock(WINTER_NOW),
      login: 'instagram',
    });
  });
  afterAll(() => server.close());

  it('takes the configured token on its graph.instagram.com port only, with that node shape', async () => {
    const user = await graph(`v25.0/${TINY}?fields=id,username,account_type`, {
      base: server.instagramUrl,
    });
    expect(user.status).toBe(200);
    expect(user.body).toEqual({ id: TINY, username: 'tiny.pottery', account_type: 'BUSINESS' });
    expectGraphError(await graph(`v25.0/${TINY}?fields=id`, { base: server.url }), {
      status: 400,
      code: 190,
      error_subcode: 467,
      message: /Invalid OAuth access token/,
    });
  });
});
