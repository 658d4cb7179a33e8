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

/** One request: its answer and parsed body, or an ApiRequestError with the server's message. */
async function request(
  url: string,
  init: RequestInit,
): Promise<{ response: Response; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(
      'The server could not be reached. Check your connection and try again.',
      0,
    );
  }
  const body = (await response.json().catch(() => undefined)) as
    | {
        error?: {
          message?: string;
          type?: string;
          code?: number;
          error_subcode?: number;
          error_user_title?: string;
          error_user_msg?: string;
        };
      }
    | undefined;
  if (!response.ok || !body || body.error) {
    const e = body?.error;
    const retryAfter = Number(response.headers.get('Retry-After'));
    const error = new ApiRequestError(
      e?.message ?? `The server answered HTTP ${response.status}; try again.`,
      response.status,
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
  return { response, body };
}

export async function apiGet<T>(
  path: string,
  params: Params = {},
  signal?: AbortSignal,
): Promise<ApiAnswer<T>> {
  const { response, body } = await request(apiUrl(path, params), {
    ...(signal ? { signal } : {}),
    headers: { Accept: 'application/json' },
  });
  return {
    data: body as T,
    stale: response.headers.get('X-Data-Stale') === 'true',
    ...(response.headers.get('X-Data-Fetched-At')
      ? { fetchedAt: response.headers.get('X-Data-Fetched-At') as string }
      : {}),
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
  const answer = await request(url, {
    method,
    ...(signal ? { signal } : {}),
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answer.body;
}
