/**
 * `GET /api/batch?path=/api/…&path=/api/…`: several of the dashboard's own GETs in one request
 * (#17), in the spirit of the Graph API's batch requests. The server answers each path as if it
 * had been asked alone; this module holds what the server and the app must agree on: which paths
 * a batch may hold (the server refuses the others, the app sends those alone) and the answer's
 * shape.
 */

export const BATCH_PATH = '/api/batch';

/** As many as a Graph batch request holds. */
export const MAX_BATCH_PATHS = 50;

/** One path's answer, as it would have been given alone. */
export interface BatchEntry {
  status: number;
  /** Only BATCH_HEADERS, lower-case, when the answer had them. */
  headers: Record<string, string>;
  /** The parsed JSON answer. */
  body: unknown;
}

export interface BatchAnswer {
  responses: BatchEntry[];
}

/** The answer headers a batch entry keeps: those the app reads. */
export const BATCH_HEADERS = [
  'content-type',
  'x-cache',
  'x-data-stale',
  'x-data-fetched-at',
  'retry-after',
] as const;

/** Segments of the dashboard's own routes: ids, edges, `stored`, `follower_count`… */
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const PICTURE = /^\/api\/[^/]+\/picture$/;

/**
 * Why `path` may not go in a batch, as the end of a sentence ("is …"), or undefined when it may.
 * Only same-origin `/api/` paths whose segments are plain names: nothing for a URL parser to
 * resolve (no `..`, `.`, `//`, backslash or percent-encoding), so that the path answered is the
 * path checked. Pictures are not JSON, and a batch does not hold another.
 */
export function batchPathProblem(path: string): string | undefined {
  if (!path.startsWith('/api/'))
    return 'not a path of this server under /api/ (give /api/{id}/insights?…, not a URL)';
  if (/[\\#]/.test(path)) return 'not a plain path: remove backslashes and #fragments';
  const query = path.indexOf('?');
  const pathname = query === -1 ? path : path.slice(0, query);
  const segments = pathname.slice('/api/'.length).split('/');
  if (!segments.every((s) => SEGMENT.test(s)))
    return 'not a plain path: use only letters, digits, _ and - between single slashes, with no "..", "." or percent-encoding';
  if (pathname === BATCH_PATH || pathname.startsWith(`${BATCH_PATH}/`))
    return 'a batch itself: list its paths in this batch instead';
  if (PICTURE.test(pathname))
    return 'a picture, which is not JSON: load it on its own (an <img> does)';
  return undefined;
}
