import type { Page, Request, Response, Route } from '@playwright/test';

/**
 * The app sends the `/api` GETs a view starts together as one `/api/batch?path=…&path=…`
 * (src/app/lib/api-client.ts). Tests that answer a path themselves, wait for one, or count them
 * go through these helpers, which see a path the same whether it was asked alone or in a batch.
 */

/** A path as the app asks it: `/api/{id}/insights?metric=…`. */
type Match = string | ((path: string) => boolean);

/** `match` as a path prefix (`/api/123/insights?`), or a test of the path. */
const matches = (match: Match, path: string) =>
  typeof match === 'string' ? path.startsWith(match) : match(path);

const isBatch = (url: URL) => url.pathname === '/api/batch';

/** The `/api` paths (with their query) a browser request asked: a batch's, or its own. */
export function apiPathsOf(request: Request): string[] {
  const url = new URL(request.url());
  if (!url.pathname.startsWith('/api/')) return [];
  return isBatch(url) ? url.searchParams.getAll('path') : [url.pathname + url.search];
}

export interface ApiAnswer {
  path: string;
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: unknown;
}

interface BatchEntry {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What a request for `paths` was answered, whether it was a batch or not. */
interface Answered {
  paths: string[];
  batch: boolean;
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * Each path's answer: a batch's entries, as JSON (`{"responses": […]}`, in order) or as lines
 * (`{"index": i, …}` each, as the app asks it), or the answer itself.
 */
function answersOf({ paths, batch, status, headers, text }: Answered): ApiAnswer[] {
  const parse = (json: string) => {
    try {
      return JSON.parse(json) as unknown;
    } catch {
      return undefined;
    }
  };
  if (batch && status === 200) {
    const lines = (headers['content-type'] ?? '').startsWith('application/x-ndjson');
    const entries: BatchEntry[] = [];
    if (lines) {
      for (const line of text.split('\n').filter((l) => l.trim())) {
        const { index, ...entry } = JSON.parse(line) as BatchEntry & { index: number };
        entries[index] = entry;
      }
    } else entries.push(...(parse(text) as { responses: BatchEntry[] }).responses);
    return paths.map((path, i) => ({ path, ...(entries[i] as BatchEntry) }));
  }
  return paths.map((path) => ({ path, status, headers, body: parse(text) }));
}

/** Each `/api` path's answer in a browser response: a batch's entries, or the response itself. */
export async function apiAnswersOf(response: Response): Promise<ApiAnswer[]> {
  const paths = apiPathsOf(response.request());
  if (paths.length === 0) return [];
  return answersOf({
    paths,
    batch: isBatch(new URL(response.url())),
    status: response.status(),
    headers: response.headers(),
    text: await response.text().catch(() => ''),
  });
}

/** The answer to the next request for a path that `match` takes, alone or in a batch. */
export async function waitForApiAnswer(page: Page, match: Match): Promise<ApiAnswer> {
  const response = await page.waitForResponse((r) =>
    apiPathsOf(r.request()).some((p) => matches(match, p)),
  );
  const answers = await apiAnswersOf(response);
  return answers.find((a) => matches(match, a.path)) as ApiAnswer;
}

/** Every `/api` path's answer the page gets from now on; `all()` waits for those being read. */
export function watchApiAnswers(page: Page): { all(): Promise<ApiAnswer[]> } {
  const reading: Promise<ApiAnswer[]>[] = [];
  page.on('response', (response) => {
    reading.push(apiAnswersOf(response).catch(() => []));
  });
  return { all: async () => (await Promise.all(reading)).flat() };
}

/** What a mocked path answers. */
export interface MockAnswer {
  status?: number;
  /** The JSON body; or `body`, a JSON text. */
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export interface ApiCall {
  /** The path and query asked. */
  path: string;
  url: URL;
  /** The server's own answer to this path. */
  fetch(): Promise<ApiAnswer>;
}

/** A mocked path's answer, or undefined: the server answers it. */
type Handler = (call: ApiCall) => MockAnswer | undefined | Promise<MockAnswer | undefined>;

interface Mock {
  match: Match;
  handler: Handler;
}

const mocksOf = new WeakMap<Page, Mock[]>();

/**
 * Answers the paths `match` takes with `handler`, whether the app asks them alone or inside a
 * batch (the batch's other paths are answered by the server). As with page.route, the mock added
 * last is tried first.
 */
export async function routeApi(page: Page, match: Match, handler: Handler): Promise<void> {
  const mocks = mocksOf.get(page);
  if (mocks) {
    mocks.unshift({ match, handler });
    return;
  }
  mocksOf.set(page, [{ match, handler }]);
  await page.route('**/api/**', (route) => answerRoute(route, mocksOf.get(page) ?? []));
}

/** Headers about the bytes on the wire: they do not carry over to a new body. */
const WIRE_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);

const entryOf = (answer: MockAnswer): BatchEntry => ({
  status: answer.status ?? 200,
  headers: {
    'content-type': 'application/json',
    ...Object.fromEntries(
      Object.entries(answer.headers ?? {})
        .map(([k, v]) => [k.toLowerCase(), v])
        .filter(([k]) => !WIRE_HEADERS.has(k as string)),
    ),
  },
  body: answer.json !== undefined ? answer.json : JSON.parse(answer.body ?? 'null'),
});

/** The server's answers to `paths` (asked with the route's own headers): one batch, or one request. */
async function serverAnswers(route: Route, origin: string, paths: string[]): Promise<ApiAnswer[]> {
  if (paths.length === 0) return [];
  const url =
    paths.length === 1
      ? `${origin}${paths[0]}`
      : `${origin}/api/batch?${paths.map((p) => `path=${encodeURIComponent(p)}`).join('&')}`;
  // With the app's own Accept: a batch may answer as lines.
  const response = await route.fetch({ url });
  return answersOf({
    paths,
    batch: paths.length > 1,
    status: response.status(),
    headers: response.headers(),
    text: await response.text().catch(() => ''),
  });
}

async function answerRoute(route: Route, mocks: Mock[]): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  const paths = apiPathsOf(request);
  const mockOf = (path: string) => mocks.find((m) => matches(m.match, path));
  if (request.method() !== 'GET' || !paths.some((p) => mockOf(p))) return route.fallback();

  const callFor = (path: string): ApiCall => {
    let fetched: Promise<ApiAnswer> | undefined;
    return {
      path,
      url: new URL(path, url.origin),
      fetch: () => {
        fetched ??= serverAnswers(route, url.origin, [path]).then((a) => a[0] as ApiAnswer);
        return fetched;
      },
    };
  };

  if (!isBatch(url)) {
    const path = paths[0] as string;
    const answer = await (mockOf(path) as Mock).handler(callFor(path));
    if (!answer) return route.fallback();
    const entry = entryOf(answer);
    return route.fulfill({
      status: entry.status,
      headers: entry.headers,
      body: JSON.stringify(entry.body),
    });
  }

  // The paths no mock takes go to the server at once, while the mocks make their answers.
  const unmocked = paths.filter((p) => !mockOf(p));
  const fromServer = serverAnswers(route, url.origin, unmocked);
  const mocked = await Promise.all(
    paths.map(async (path) => {
      const mock = mockOf(path);
      return mock ? { path, answer: await mock.handler(callFor(path)) } : undefined;
    }),
  );
  const passedOn = mocked.flatMap((m) => (m && !m.answer ? [m.path] : []));
  const [served, passed] = await Promise.all([
    fromServer,
    serverAnswers(route, url.origin, passedOn),
  ]);
  const responses = mocked.map((m) => {
    if (m?.answer) return entryOf(m.answer);
    const own = (m ? passed : served).shift() as ApiAnswer;
    return { status: own.status, headers: own.headers, body: own.body };
  });
  return route.fulfill({ status: 200, json: { responses } });
}
