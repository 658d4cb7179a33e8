import type { Context } from 'hono';
import {
  BATCH_HEADERS,
  type BatchEntry,
  batchPathProblem,
  MAX_BATCH_PATHS,
} from '../graph/api-batch';
import { type ApiError, badRequest, serverFailed } from './api-errors';
import type { ApiEnv } from './api-routes';

/** How the server answers one request: the whole app's fetch, with its env (the connection). */
export type Dispatch = (request: Request, env: unknown) => Response | Promise<Response>;

/** The paths of a batch request, or a 400 that says what to change. */
function readPaths(url: URL): string[] {
  for (const name of url.searchParams.keys()) {
    if (name !== 'path')
      throw badRequest(
        `Unknown parameter "${name.slice(0, 40)}" for /api/batch: it takes only path, once per GET, e.g. ?path=/api/accounts&path=/api/health.`,
      );
  }
  const paths = url.searchParams.getAll('path');
  if (paths.length === 0)
    throw badRequest(
      `Give the GETs to answer as path parameters, e.g. /api/batch?path=/api/accounts&path=/api/health (at most ${MAX_BATCH_PATHS}).`,
    );
  if (paths.length > MAX_BATCH_PATHS)
    throw badRequest(
      `A batch holds at most ${MAX_BATCH_PATHS} paths and this one has ${paths.length}: split it into several.`,
    );
  paths.forEach((path, i) => {
    const problem = batchPathProblem(path);
    // Only the path is shown back, never its query (which may hold anything).
    const shown = JSON.stringify(path.split('?')[0]?.slice(0, 80));
    if (problem) throw badRequest(`path ${i + 1} of the batch (${shown}) is ${problem}.`);
  });
  return paths;
}

/** A Graph error in a batch entry: what the path's own request could not be answered with. */
const errorEntry = (error: ApiError): string =>
  JSON.stringify({
    status: error.status,
    headers: { 'content-type': 'application/json' },
    body: error.toJSON(),
  } satisfies BatchEntry);

/**
 * One sub-request's answer as a batch entry (JSON text). Its body is this server's own JSON: it is
 * put in as it is, not parsed and written again.
 */
async function entryOf(response: Response, index: number): Promise<string> {
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    await response.body?.cancel();
    return errorEntry(
      badRequest(
        `path ${index + 1} of the batch answers ${type.split(';')[0] || 'no content'}, not JSON: ask it on its own.`,
      ),
    );
  }
  const headers: Record<string, string> = {};
  for (const name of BATCH_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const text = await response.text();
  return `{"status":${response.status},"headers":${JSON.stringify(headers)},"body":${text || 'null'}}`;
}

/** A path's entry however its answer went: a sub-request that fails is a 500, never a hang. */
async function answerOf(dispatch: Dispatch, request: Request, env: unknown, index: number) {
  try {
    return await entryOf(await dispatch(request, env), index);
  } catch {
    // The app's own error handler has already answered (and logged) whatever its routes threw;
    // this is only for a failure outside it, such as a body that breaks off.
    return errorEntry(serverFailed());
  }
}

/** Whether the client reads the answer as lines, each path's as soon as it is ready. */
const wantsLines = (accept: string | undefined) => /\bapplication\/x-ndjson\b/i.test(accept ?? '');

/**
 * The entries as `application/x-ndjson`: one line per path, `{"index":i,"status":…,"headers":…,
 * "body":…}`, in the order they are ready, so that an answer the server has at once (a stored
 * route, /api/health) is not held back by a Graph round trip of another path. It ends when every
 * path has its line.
 */
function linesOf(answers: Promise<string>[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let left = answers.length;
      answers.forEach((answer, index) => {
        void answer.then((entry) => {
          // The client went away: the paths still finish (and fill the caches), unheard.
          if (!open) return;
          // An entry is a JSON object: its index goes in front of its fields.
          controller.enqueue(encoder.encode(`{"index":${index},${entry.slice(1)}\n`));
          left--;
          if (left === 0) {
            open = false;
            controller.close();
          }
        });
      });
    },
    cancel() {
      open = false;
    },
  });
}

/**
 * `GET /api/batch?path=…&path=…`: each path is answered by the whole app, concurrently, with this
 * request's headers (its cookies) and connection, so that every rule (sign-in, an account's
 * members, a share link's accounts and days, GET only) applies to it as if it had been asked
 * alone. The answer is `{"responses": [{status, headers, body}, …]}`, in the order of the paths,
 * or, when the request accepts `application/x-ndjson`, one line per path as each is ready.
 */
export function batchRoute(dispatch: Dispatch) {
  return async (c: Context<ApiEnv>) => {
    const url = new URL(c.req.url);
    const paths = readPaths(url);
    const headers = new Headers(c.req.raw.headers);
    const env = c.env;
    const targets = paths.map((path, i) => {
      const target = new URL(path, url.origin);
      // batchPathProblem leaves nothing to resolve; this is the last word on it.
      if (target.origin !== url.origin || !path.startsWith(target.pathname))
        throw badRequest(`path ${i + 1} of the batch is not a path of this server.`);
      return target;
    });
    const answers = targets.map((target, i) =>
      answerOf(dispatch, new Request(target, { headers }), env, i),
    );
    if (wantsLines(c.req.header('accept'))) {
      // Not kept for reuse, as no-store would say: Chromium reports a no-store answer streamed in
      // several writes as aborted once read to its end (microsoft/playwright#42742).
      c.header('Cache-Control', 'private, no-cache');
      c.header('Content-Type', 'application/x-ndjson');
      // A reverse proxy (nginx) would otherwise hold the lines until the end.
      c.header('X-Accel-Buffering', 'no');
      return c.body(linesOf(answers));
    }
    const entries = await Promise.all(answers);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', 'application/json');
    return c.body(`{"responses":[${entries.join(',')}]}`);
  };
}
