import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, apiGet, apiSend, onNotSignedIn } from './api-client';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const NOT_SIGNED_IN = {
  error: { message: 'Sign in first.', type: 'NotSignedIn', code: 190 },
};

afterEach(() => vi.unstubAllGlobals());

describe('apiSend', () => {
  it('sends JSON and resolves with the answer', async () => {
    const fetch = vi.fn(async () => answer(201, { invitation_url: 'https://x/invitation#t' }));
    vi.stubGlobal('fetch', fetch);
    await expect(apiSend('POST', '/api/users', { email: 'sam@example.com' })).resolves.toEqual({
      invitation_url: 'https://x/invitation#t',
    });
    expect(fetch).toHaveBeenCalledWith(
      '/api/users',
      expect.objectContaining({
        method: 'POST',
        body: '{"email":"sam@example.com"}',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      }),
    );
  });

  it("fails with the server's message, type and Retry-After", async () => {
    vi.stubGlobal('fetch', async () =>
      answer(
        429,
        { error: { message: 'Too many failed sign-ins.', type: 'TooManyAttempts', code: 4 } },
        { 'Retry-After': '840' },
      ),
    );
    const error = await apiSend('POST', '/auth/sign-in', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      message: 'Too many failed sign-ins.',
      status: 429,
      type: 'TooManyAttempts',
      retryAfterSeconds: 840,
    });
  });
});

describe('onNotSignedIn', () => {
  it('hears every 401 NotSignedIn, from /api and /auth, until unsubscribed', async () => {
    vi.stubGlobal('fetch', async () => answer(401, NOT_SIGNED_IN));
    const heard = vi.fn();
    const stop = onNotSignedIn(heard);
    await expect(apiGet('accounts')).rejects.toMatchObject({ notSignedIn: true });
    await expect(apiSend('POST', '/auth/password', {})).rejects.toMatchObject({ status: 401 });
    expect(heard).toHaveBeenCalledTimes(2);
    stop();
    await expect(apiGet('accounts')).rejects.toBeInstanceOf(ApiRequestError);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('does not hear other failures', async () => {
    const heard = vi.fn();
    const stop = onNotSignedIn(heard);
    vi.stubGlobal('fetch', async () =>
      answer(403, { error: { message: 'Only owners manage users.', type: 'Forbidden', code: 10 } }),
    );
    await expect(apiGet('users')).rejects.toMatchObject({ status: 403, notSignedIn: false });
    vi.stubGlobal('fetch', async () =>
      answer(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException' } }),
    );
    await expect(apiGet('accounts')).rejects.toMatchObject({ status: 401, notSignedIn: false });
    expect(heard).not.toHaveBeenCalled();
    stop();
  });
});

type Entry = { status: number; body: unknown; headers?: Record<string, string> };

/** An answer written as lines, chunk by chunk, as the test says. */
function linesAnswer() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'application/x-ndjson' },
    }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
    fail: (error: unknown) => controller.error(error),
  };
}

const line = (index: number, entry: Entry) =>
  `${JSON.stringify({ index, headers: { 'content-type': 'application/json' }, ...entry })}\n`;

/**
 * A server whose paths answer from `answers` (anything else: 404), alone or in a batch; every
 * URL fetched is kept in `urls`. A batch is answered as lines when the request accepts them, as
 * the server does, unless `json` (a server that does not write lines).
 */
function fakeServer(answers: Record<string, Entry>, { json = false } = {}) {
  const urls: string[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  let gate: Promise<void> = Promise.resolve();
  /** Answers wait until the function returned is called. */
  const hold = () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  };
  const entryFor = (path: string): Entry =>
    answers[path] ?? { status: 404, body: { error: { message: `No ${path}.`, code: 100 } } };
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    urls.push(url);
    signals.push(init?.signal ?? undefined);
    await gate;
    if (init?.signal?.aborted) throw init.signal.reason;
    const parsed = new URL(url, 'http://app.test');
    if (parsed.pathname !== '/api/batch') {
      const entry = entryFor(url);
      return answer(entry.status, entry.body, entry.headers);
    }
    const responses = parsed.searchParams.getAll('path').map((path) => {
      const entry = entryFor(path);
      return {
        status: entry.status,
        headers: { 'content-type': 'application/json', ...entry.headers },
        body: entry.body,
      };
    });
    const accept = new Headers(init?.headers).get('accept') ?? '';
    if (json || !accept.includes('application/x-ndjson')) return answer(200, { responses });
    const lines = linesAnswer();
    responses.forEach((entry, index) => {
      lines.write(`${JSON.stringify({ index, ...entry })}\n`);
    });
    lines.end();
    return lines.response;
  });
  vi.stubGlobal('fetch', fetch);
  return { urls, signals, fetch, hold };
}

const batchPaths = (url: string | undefined) =>
  new URL(url ?? '', 'http://app.test').searchParams.getAll('path');

describe('GETs started together', () => {
  it('go as one /api/batch, and each caller gets its own answer, staleness and fetch time', async () => {
    const server = fakeServer({
      '/api/accounts': { status: 200, body: { data: [{ id: '1' }] } },
      '/api/1/insights?metric=reach&period=day': {
        status: 200,
        body: { data: [{ name: 'reach' }] },
        headers: { 'x-data-stale': 'true', 'x-data-fetched-at': '2026-11-20T10:00:00.000Z' },
      },
      '/api/health': { status: 200, body: { status: 'ok' } },
    });
    const [accounts, insights, health] = await Promise.all([
      apiGet('accounts'),
      apiGet('1/insights', { metric: 'reach', period: 'day', since: undefined }),
      apiGet('health'),
    ]);
    expect(server.urls).toEqual([
      '/api/batch?path=/api/accounts&path=/api/1/insights%3Fmetric%3Dreach%26period%3Dday&path=/api/health',
    ]);
    expect(accounts).toEqual({ data: { data: [{ id: '1' }] }, stale: false });
    expect(insights).toEqual({
      data: { data: [{ name: 'reach' }] },
      stale: true,
      fetchedAt: '2026-11-20T10:00:00.000Z',
    });
    expect(health).toEqual({ data: { status: 'ok' }, stale: false });
  });

  it('a lone GET goes alone, as do GETs started in different turns', async () => {
    const server = fakeServer({ '/api/accounts': { status: 200, body: { data: [] } } });
    await apiGet('accounts');
    await apiGet('accounts');
    expect(server.urls).toEqual(['/api/accounts', '/api/accounts']);
  });

  it('each caller fails with its own error, with Retry-After and Instagram’s words', async () => {
    fakeServer({
      '/api/1/insights': {
        status: 422,
        body: {
          error: {
            message: 'Not enough viewers.',
            type: 'NotAvailable',
            code: 10,
            error_subcode: 2108006,
            error_user_title: 'Too few viewers',
          },
        },
      },
      '/api/2/insights': {
        status: 429,
        body: { error: { message: 'Instagram is limiting calls.', type: 'Throttled', code: 4 } },
        headers: { 'retry-after': '120' },
      },
      '/api/3': { status: 200, body: { id: '3' } },
    });
    const [notAvailable, throttled, fine] = await Promise.allSettled([
      apiGet('1/insights'),
      apiGet('2/insights'),
      apiGet('3'),
    ]);
    expect(notAvailable).toMatchObject({
      status: 'rejected',
      reason: { status: 422, notAvailable: true, subcode: 2108006, title: 'Too few viewers' },
    });
    expect((notAvailable as PromiseRejectedResult).reason).toBeInstanceOf(ApiRequestError);
    expect(throttled).toMatchObject({
      status: 'rejected',
      reason: { status: 429, retryAfterSeconds: 120, transient: true, type: 'Throttled' },
    });
    expect(fine).toEqual({ status: 'fulfilled', value: { data: { id: '3' }, stale: false } });
  });

  it('a batch refused as a whole (no session) fails every caller as its own request would, and each is heard', async () => {
    vi.stubGlobal('fetch', async () => answer(401, NOT_SIGNED_IN));
    const heard = vi.fn();
    const stop = onNotSignedIn(heard);
    const settled = await Promise.allSettled([apiGet('accounts'), apiGet('health')]);
    for (const s of settled)
      expect(s).toMatchObject({ status: 'rejected', reason: { notSignedIn: true } });
    expect(heard).toHaveBeenCalledTimes(2);
    stop();
  });

  it('an entry answering 401 NotSignedIn is heard; the other callers get their data', async () => {
    fakeServer({
      '/api/accounts': { status: 401, body: NOT_SIGNED_IN },
      '/api/health': { status: 200, body: { status: 'ok' } },
    });
    const heard = vi.fn();
    const stop = onNotSignedIn(heard);
    const [accounts, health] = await Promise.allSettled([apiGet('accounts'), apiGet('health')]);
    expect(accounts).toMatchObject({ status: 'rejected', reason: { notSignedIn: true } });
    expect(health).toMatchObject({ status: 'fulfilled', value: { data: { status: 'ok' } } });
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
  });

  it('a server out of reach fails every caller with status 0 (worth a retry)', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const settled = await Promise.allSettled([apiGet('accounts'), apiGet('health')]);
    for (const s of settled)
      expect(s).toMatchObject({ status: 'rejected', reason: { status: 0, transient: true } });
  });

  it('an aborted caller is dropped: before sending it is left out, after it the batch goes on for the others', async () => {
    const server = fakeServer({
      '/api/1': { status: 200, body: { id: '1' } },
      '/api/2': { status: 200, body: { id: '2' } },
      '/api/3': { status: 200, body: { id: '3' } },
    });
    // Aborted before the batch leaves: the two others go together, without it.
    const early = new AbortController();
    const first = Promise.allSettled([
      apiGet('1', {}, early.signal),
      apiGet('2'),
      apiGet('3', {}, new AbortController().signal),
    ]);
    early.abort();
    const [one, two, three] = await first;
    expect(one).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(two).toMatchObject({ status: 'fulfilled', value: { data: { id: '2' } } });
    expect(three).toMatchObject({ status: 'fulfilled', value: { data: { id: '3' } } });
    expect(server.urls).toEqual(['/api/batch?path=/api/2&path=/api/3']);

    // Aborted while the batch is on its way: that caller fails at once, the others are answered.
    const late = new AbortController();
    const release = server.hold();
    const second = Promise.allSettled([apiGet('1', {}, late.signal), apiGet('2')]);
    await vi.waitFor(() => expect(server.urls).toHaveLength(2));
    late.abort();
    release();
    const [aborted, answered] = await second;
    expect(aborted).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(answered).toMatchObject({ status: 'fulfilled', value: { data: { id: '2' } } });
    expect(server.signals[1]?.aborted).toBe(false);
  });

  it('when every caller of a batch aborts, the batch request is aborted too', async () => {
    const server = fakeServer({});
    const a = new AbortController();
    const b = new AbortController();
    const release = server.hold();
    const settled = Promise.allSettled([apiGet('1', {}, a.signal), apiGet('2', {}, b.signal)]);
    await vi.waitFor(() => expect(server.urls).toHaveLength(1));
    a.abort();
    expect(server.signals[0]?.aborted).toBe(false);
    b.abort();
    expect(server.signals[0]?.aborted).toBe(true);
    release();
    for (const s of await settled)
      expect(s).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
  });

  it('a lone caller keeps its own signal, as before batches', async () => {
    const server = fakeServer({ '/api/1': { status: 200, body: { id: '1' } } });
    const controller = new AbortController();
    await apiGet('1', {}, controller.signal);
    expect(server.signals[0]).toBe(controller.signal);
  });

  it('splits into batches of at most 50 paths and 8 KB, in order; a path a batch may not hold goes alone', async () => {
    const answers: Record<string, Entry> = {};
    const long = 'x'.repeat(900);
    const asked = Array.from({ length: 70 }, (_, i) => `${i + 1}/insights`);
    for (const path of asked) answers[`/api/${path}`] = { status: 200, body: { path } };
    for (let i = 0; i < 12; i++)
      answers[`/api/${i + 100}/insights?metric=${long}`] = { status: 200, body: { long: i } };
    answers['/api/odd.id'] = { status: 200, body: { odd: true } };
    const server = fakeServer(answers);
    const results = await Promise.all([
      ...asked.map((p) => apiGet(p)),
      ...Array.from({ length: 12 }, (_, i) => apiGet(`${i + 100}/insights`, { metric: long })),
      apiGet('odd.id'),
    ]);
    expect(results.map((r) => r.data)).toEqual([
      ...asked.map((path) => ({ path })),
      ...Array.from({ length: 12 }, (_, i) => ({ long: i })),
      { odd: true },
    ]);
    const batches = server.urls.filter((u) => u.startsWith('/api/batch?'));
    for (const url of batches) {
      expect(url.length).toBeLessThanOrEqual(8 * 1024);
      expect(batchPaths(url).length).toBeLessThanOrEqual(50);
      expect(batchPaths(url).length).toBeGreaterThanOrEqual(2);
    }
    expect(batches.flatMap(batchPaths)).toEqual([
      ...asked.map((p) => `/api/${p}`),
      ...Array.from({ length: 12 }, (_, i) => `/api/${i + 100}/insights?metric=${long}`),
    ]);
    expect(batches.length).toBe(3);
    expect(server.urls.filter((u) => !u.startsWith('/api/batch?'))).toEqual(['/api/odd.id']);
  });

  it('asks for lines and answers each caller as its line arrives, in any order, lines split across chunks', async () => {
    const lines = linesAnswer();
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => lines.response);
    vi.stubGlobal('fetch', fetch);
    const settled: string[] = [];
    const gets = ['1', '2', '3'].map((id) =>
      apiGet(id).then((answer) => {
        settled.push(id);
        return answer;
      }),
    );
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).get('accept')).toMatch(
      /application\/x-ndjson/,
    );
    // The third first, its line in three chunks (one cutting a multi-byte character).
    const third = line(2, { status: 200, body: { id: '3', name: 'Café' } });
    const cut = third.indexOf('é') + 1;
    lines.write(third.slice(0, 10));
    lines.write(third.slice(10, cut));
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toEqual([]);
    lines.write(`${third.slice(cut)}${line(0, { status: 200, body: { id: '1' } }).slice(0, 5)}`);
    await vi.waitFor(() => expect(settled).toEqual(['3']));
    await expect(gets[2]).resolves.toEqual({ data: { id: '3', name: 'Café' }, stale: false });
    lines.write(line(0, { status: 200, body: { id: '1' } }).slice(5));
    await expect(gets[0]).resolves.toEqual({ data: { id: '1' }, stale: false });
    expect(settled).toEqual(['3', '1']);
    lines.write(
      line(1, {
        status: 200,
        body: { id: '2' },
        headers: { 'x-data-stale': 'true', 'x-data-fetched-at': '2026-11-20T10:00:00.000Z' },
      }).replace(/\n$/, ''),
    );
    // The last line may end without its newline.
    lines.end();
    await expect(gets[1]).resolves.toEqual({
      data: { id: '2' },
      stale: true,
      fetchedAt: '2026-11-20T10:00:00.000Z',
    });
  });

  it('a line missing when the answer ends fails its caller with status 0, worth a retry; the others get theirs', async () => {
    const lines = linesAnswer();
    vi.stubGlobal('fetch', async () => lines.response);
    const settled = Promise.allSettled([apiGet('1'), apiGet('2'), apiGet('3')]);
    await new Promise((r) => setTimeout(r, 0));
    lines.write(line(1, { status: 200, body: { id: '2' } }));
    lines.write('not json\n');
    lines.end();
    const [one, two, three] = await settled;
    for (const missing of [one, three])
      expect(missing).toMatchObject({
        status: 'rejected',
        reason: {
          status: 0,
          transient: true,
          message: expect.stringMatching(/ended before this request's part of it/),
        },
      });
    expect((one as PromiseRejectedResult).reason).toBeInstanceOf(ApiRequestError);
    expect(two).toMatchObject({ status: 'fulfilled', value: { data: { id: '2' } } });
  });

  it('an answer that breaks off fails the callers still waiting with status 0', async () => {
    const lines = linesAnswer();
    vi.stubGlobal('fetch', async () => lines.response);
    const settled = Promise.allSettled([apiGet('1'), apiGet('2')]);
    await new Promise((r) => setTimeout(r, 0));
    lines.write(line(0, { status: 200, body: { id: '1' } }));
    lines.fail(new TypeError('network error'));
    const [one, two] = await settled;
    expect(one).toMatchObject({ status: 'fulfilled', value: { data: { id: '1' } } });
    expect(two).toMatchObject({ status: 'rejected', reason: { status: 0, transient: true } });
  });

  it('a caller that aborts while its line is awaited fails at once; when all have, the request is aborted', async () => {
    const lines = linesAnswer();
    let signal: AbortSignal | undefined;
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      signal?.addEventListener('abort', () => lines.fail(signal?.reason));
      return lines.response;
    });
    const a = new AbortController();
    const b = new AbortController();
    const first = apiGet('1', {}, a.signal);
    const second = apiGet('2', {}, b.signal);
    const third = apiGet('3');
    await vi.waitFor(() => expect(signal).toBeDefined());
    lines.write(line(2, { status: 200, body: { id: '3' } }));
    await expect(third).resolves.toMatchObject({ data: { id: '3' } });
    a.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(signal?.aborted).toBe(false);
    b.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect(signal?.aborted).toBe(true);
  });

  it('a batch answered as JSON (an older server, a mocked route) is read as before', async () => {
    fakeServer(
      {
        '/api/1': { status: 200, body: { id: '1' }, headers: { 'x-data-stale': 'true' } },
        '/api/2': {
          status: 429,
          body: { error: { message: 'Wait.', code: 4 } },
          headers: { 'retry-after': '30' },
        },
      },
      { json: true },
    );
    const [one, two] = await Promise.allSettled([apiGet('1'), apiGet('2')]);
    expect(one).toEqual({ status: 'fulfilled', value: { data: { id: '1' }, stale: true } });
    expect(two).toMatchObject({
      status: 'rejected',
      reason: { status: 429, retryAfterSeconds: 30 },
    });
  });
});
