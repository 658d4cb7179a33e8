/**
 * The one way the app talks to the server: `GET /api/...`, answers in the Graph API's shapes, and
 * errors turned into ApiRequestError with the server's message.
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
  ) {
    super(message);
  }

  /** Data Instagram does not have (too few followers, story expired, posted before conversion…). */
  get notAvailable(): boolean {
    return this.status === 422;
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

function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') search.set(k, String(v));
  const query = search.toString();
  return `/api/${path}${query ? `?${query}` : ''}`;
}

export async function apiGet<T>(
  path: string,
  params: Params = {},
  signal?: AbortSignal,
): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), {
      signal,
      headers: { Accept: 'application/json' },
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(
      'The server could not be reached. Check your connection and try again.',
      0,
    );
  }
  const body = (await response.json().catch(() => undefined)) as
    | {
        error?: {
          message?: string;
          code?: number;
          error_subcode?: number;
          error_user_title?: string;
        };
      }
    | undefined;
  if (!response.ok || !body || body.error) {
    const e = body?.error;
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiRequestError(
      e?.message ?? `The server answered HTTP ${response.status}; try again.`,
      response.status,
      e?.code,
      e?.error_subcode,
      e?.error_user_title,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return {
    data: body as T,
    stale: response.headers.get('X-Data-Stale') === 'true',
    ...(response.headers.get('X-Data-Fetched-At')
      ? { fetchedAt: response.headers.get('X-Data-Fetched-At') as string }
      : {}),
  };
}
