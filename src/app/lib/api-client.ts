import {
  BATCH_PATH,
  type BatchAnswer,
  type BatchEntry,
  batchPathProblem,
  MAX_BATCH_PATHS,
} from '../../graph/api-batch';

/**
 * The one way the app talks to the server: `GET /api/...` and the requests that change something
 * (`/auth/...`, `/api/users`), answers in the Graph API's shapes, and errors turned into
 * ApiRequestError with the server's message.
 */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
    readonly subcode?: number,
    /** A short reason the data does not exist, e.g. "Too few viewers". */
    readonly title?: string,
    readonly retryAfterSeconds?: number,
    /** The Graph error's type, e.g. `NotSignedIn`. */
    readonly type?: string,
    /** Instagram's own explanation for people (error_user_msg), when it gave one. */
    readonly userMessage?: string,
  ) {
    super(message);
  }

  /** The server wants a signed-in person: no session, or it has ended. */
  get notSignedIn(): boolean {
    return this.status === 401 && this.type === 'NotSignedIn';
  }

  /** Data Instagram does not have (too few followers, story expired, posted before conversion…). */
  get notAvailable(): boolean {
    return this.status === 422;
  }

  /** The account's connection was refused by Instagram: an owner must reconnect it. */
  get reconnectNeeded(): boolean {
    return this.status === 401 && this.title === 'Reconnect needed';
  }

  /** Worth a retry: the server or Instagram failed, or asked us to wait. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface ApiAnswer<T> {
  data: T;
  /** Served from an older copy because Instagram is failing. */
  stale: boolean;
  fetchedAt?: string;
}

type Params = Record<string, string | number | undefined>;

type NotSignedInListener = (error: ApiRequestError) => void;
const notSignedInListeners = new Set<NotSignedInListener>();

/**
 * Calls `listener` whenever a request answers 401 NotSignedIn (the session ended, or there never
 * was one); the app decides whether that means "go and sign in". Returns the unsubscribe.
 */
export function onNotSignedIn(listener: NotSignedInListener): () => void {
  notSignedInListeners.add(listener);
  return () => notSignedInListeners.delete(listener);
}

function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') search.set(k, String(v));
  const query = search.toString();
  return `/api/${path}${query ? `?${query}` : ''}`;
}

/** An answer as the app reads it: from its own request, or its entry of a batch. */
interface Answer {
  status: number;
  header(name: string): string | null;
  body: unknown;
}

interface GraphErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
  };
}

const unreachable = () =>
  new ApiRequestError('The server could not be reached. Check your connection and try again.', 0);

/** The answer's body, or its ApiRequestError with the server's message (heard by onNotSignedIn). */
function bodyOf(answer: Answer): unknown {
  const body = answer.body as GraphErrorBody | undefined;
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok && body && !body.error) return body;
  const e = body?.error;
  const retryAfter = Number(answer.header('Retry-After'));
  const error = new ApiRequestError(
    e?.message ?? `The server answered HTTP ${answer.status}; try again.`,
    answer.status,
    e?.code,
    e?.error_subcode,
    e?.error_user_title,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    e?.type,
    e?.error_user_msg,
  );
  if (error.notSignedIn) for (const listener of notSignedInListeners) listener(error);
  throw error;
}

/** One HTTP request; a network failure is an ApiRequestError of status 0. */
async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw unreachable();
  }
}

/** A response as an Answer, its JSON body parsed. */
async function answerOf(response: Response): Promise<Answer> {
  const body = await response.json().catch(() => undefined);
  return { status: response.status, header: (name) => response.headers.get(name), body };
}

/** One HTTP request and its parsed body; a network failure is an ApiRequestError of status 0. */
async function send(url: string, init: RequestInit): Promise<Answer> {
  return answerOf(await request(url, init));
}

const JSON_ONLY = { Accept: 'application/json' };

/** Longer batch URLs are split: servers and proxies commonly refuse request lines over 8 KB. */
const MAX_BATCH_URL_LENGTH = 8 * 1024;

interface WaitingGet {
  url: string;
  signal: AbortSignal | undefined;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
  /** Set once it is sent in a batch: the caller's abort then drops it from the batch. */
  dropFromBatch?: () => void;
  stopListening: () => void;
}

let waitingGets: WaitingGet[] = [];

const abortReason = (signal: AbortSignal) =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/**
 * A GET of `/api/…`. Those started in one turn of the event loop (a view's queries mount together)
 * go to the server as one `/api/batch` when there are two or more, and each caller gets its own
 * path's answer, as its own request would have given it.
 */
function gatheredGet(url: string, signal: AbortSignal | undefined): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      const waiting = waitingGets.indexOf(get);
      if (waiting !== -1) waitingGets.splice(waiting, 1);
      get.dropFromBatch?.();
      reject(abortReason(signal as AbortSignal));
    };
    const get: WaitingGet = {
      url,
      signal,
      resolve,
      reject,
      stopListening: () => signal?.removeEventListener('abort', onAbort),
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // A timer rather than a microtask: queries that start after a few awaits still join.
    if (waitingGets.length === 0) setTimeout(sendWaitingGets, 0);
    waitingGets.push(get);
  });
}

/** `path=` values keep their slashes and commas: the URL stays readable and short. */
const batchParam = (url: string) =>
  `path=${encodeURIComponent(url).replace(/%2F/g, '/').replace(/%2C/g, ',')}`;

function sendWaitingGets(): void {
  const gets = waitingGets;
  waitingGets = [];
  // Paths a batch may not hold go alone; the others in batches of at most 50 paths and 8 KB.
  const alone: WaitingGet[] = [];
  const batches: WaitingGet[][] = [];
  let current: WaitingGet[] = [];
  let length = BATCH_PATH.length;
  for (const get of gets) {
    const added = 1 + batchParam(get.url).length;
    if (batchPathProblem(get.url) || BATCH_PATH.length + added > MAX_BATCH_URL_LENGTH) {
      alone.push(get);
      continue;
    }
    if (current.length === MAX_BATCH_PATHS || length + added > MAX_BATCH_URL_LENGTH) {
      batches.push(current);
      current = [];
      length = BATCH_PATH.length;
    }
    current.push(get);
    length += added;
  }
  if (current.length > 0) batches.push(current);
  for (const batch of batches) {
    if (batch.length === 1) alone.push(...batch);
    else void sendBatch(batch);
  }
  for (const get of alone) {
    get.stopListening();
    // Alone, as before batches: the caller's signal aborts its own request.
    send(get.url, { ...(get.signal ? { signal: get.signal } : {}), headers: JSON_ONLY }).then(
      get.resolve,
      get.reject,
    );
  }
}

/** A batch's answers as lines, each as soon as the server has it (see src/server/api-batch.ts). */
const BATCH_ACCEPT = { Accept: 'application/x-ndjson, application/json' };

const lineMissing = () =>
  new ApiRequestError("The server's answer ended before this request's part of it; try again.", 0);

const answerOfEntry = (entry: BatchEntry): Answer => ({
  status: entry.status,
  header: (name) => entry.headers?.[name.toLowerCase()] ?? null,
  body: entry.body,
});

/** Calls `onLine` with each line of `body` as it arrives, lines split across chunks or not. */
async function readLines(
  body: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    rest += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = rest.split('\n');
    rest = done ? '' : (lines.pop() ?? '');
    for (const line of lines) if (line.trim()) onLine(line);
    if (done) return;
  }
}

/**
 * Sends `gets` as one `/api/batch`; each caller is answered as soon as its line arrives. A caller
 * that aborts is dropped, the others still answered.
 */
async function sendBatch(gets: WaitingGet[]): Promise<void> {
  const controller = new AbortController();
  const waiting = new Set(gets);
  /** Answers or fails a caller still waiting; one dropped or already answered is left alone. */
  const settle = (get: WaitingGet, outcome: { answer: Answer } | { error: unknown }) => {
    if (!waiting.delete(get)) return;
    get.stopListening();
    if ('answer' in outcome) get.resolve(outcome.answer);
    else get.reject(outcome.error);
  };
  for (const get of gets) {
    get.dropFromBatch = () => {
      waiting.delete(get);
      // Nobody is waiting any more: the request itself is not worth finishing.
      if (waiting.size === 0) controller.abort();
    };
  }
  const url = `${BATCH_PATH}?${gets.map((g) => batchParam(g.url)).join('&')}`;
  try {
    const response = await request(url, { signal: controller.signal, headers: BATCH_ACCEPT });
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 200 && response.body && /^application\/x-ndjson\b/i.test(type)) {
      await readLines(response.body, (line) => {
        let parsed: (BatchEntry & { index: number }) | undefined;
        try {
          parsed = JSON.parse(line);
        } catch {
          // Its caller is told below that its answer is missing.
          return;
        }
        const { index, ...entry } = parsed as BatchEntry & { index: number };
        const get = gets[index];
        if (get) settle(get, { answer: answerOfEntry(entry) });
      });
      for (const get of gets) settle(get, { error: lineMissing() });
      return;
    }
    // All at once, as JSON: a server that does not write lines, or a refusal of the whole batch.
    const answer = await answerOf(response);
    const entries = (answer.body as Partial<BatchAnswer> | undefined)?.responses;
    for (const [i, get] of gets.entries()) {
      // A batch refused as a whole (no session, a link that ended…): each path's own answer.
      if (answer.status !== 200) {
        settle(get, { answer });
        continue;
      }
      const entry = entries?.[i];
      settle(get, entry ? { answer: answerOfEntry(entry) } : { error: unreachable() });
    }
  } catch (error) {
    // Every caller has aborted (the request with them), or the answer broke off.
    const known = controller.signal.aborted || error instanceof ApiRequestError;
    for (const get of gets) settle(get, { error: known ? error : unreachable() });
  }
}

export async function apiGet<T>(
  path: string,
  params: Params = {},
  signal?: AbortSignal,
): Promise<ApiAnswer<T>> {
  const answer = await gatheredGet(apiUrl(path, params), signal);
  const data = bodyOf(answer) as T;
  const fetchedAt = answer.header('X-Data-Fetched-At');
  return {
    data,
    stale: answer.header('X-Data-Stale') === 'true',
    ...(fetchedAt ? { fetchedAt } : {}),
  };
}

/**
 * A request to a server path (`/auth/sign-in`, `/api/users/…`), with a JSON body when one is
 * given; resolves with the answer's JSON. The browser sends the page's Origin, which the server
 * requires of every request that changes something.
 */
export async function apiSend(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  const answer = await send(url, {
    method,
    ...(signal ? { signal } : {}),
    headers: {
      ...JSON_ONLY,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return bodyOf(answer);
}
