import pLimit, { type LimitFunction } from 'p-limit';
import type { GraphErrorBody } from '../graph/graph-types';
import { ApiError } from './api-errors';
import { MetricAvailability } from './metric-availability';
import type { Redactor } from './redact';

const TRANSIENT_CODES = new Set([1, 2]);
const THROTTLE_CODES = new Set([4, 17, 32, 613, 80002]);
const DEFAULT_BLOCK_MS = 60_000;
const MAX_BATCH = 50;
/** Sign-in and token calls: never in a batch (they take no user token, or check one). */
const NEVER_BATCHED = /^(debug_token|oauth\/|access_token|refresh_access_token)/;

interface BatchAnswer {
  code: number;
  /** Each entry's own headers, with its rate-limit usage figures. */
  headers?: { name: string; value: string }[];
  body: string;
}

export interface UsageFigures {
  type?: string;
  call_count?: number;
  total_time?: number;
  total_cputime?: number;
  estimated_time_to_regain_access?: number;
  updatedAt: string;
}

/**
 * Counts the Graph calls a request made, for the request log and the tests: each entry of a
 * batch request is one, as Instagram's rate limit counts them, and so is each retry.
 */
export interface UpstreamMeter {
  calls: number;
}

export interface GraphClientOptions {
  baseUrl: string;
  version: string;
  timeoutMs: number;
  concurrencyPerAccount: number;
  redact: Redactor;
  retry?: { attempts: number; baseDelayMs: number };
  now?: () => number;
  /** Another host for a token's calls (graph.instagram.com for Instagram Login's tokens). */
  hostFor?: (token: string) => string | undefined;
  /**
   * Graph refused a token (code 190, or a permission error): the error to answer instead, when
   * the token is a connected account's (its accounts then need reconnecting).
   */
  onRejected?: (token: string, error: GraphErrorBody) => ApiError | undefined;
}

export interface GraphCall {
  /** Path after the version, e.g. `1784…/insights`. */
  path: string;
  params: Record<string, string>;
  token: string;
  /** The account the call concerns: its concurrency cap and throttling state. */
  accountKey: string;
  meter?: UpstreamMeter;
  /** Sent as a plain GET of its own, never gathered into a batch request with others. */
  alone?: boolean;
}

export type BatchResult<T> = { ok: true; body: T } | { ok: false; error: ApiError };

interface WaitingGet {
  call: GraphCall;
  resolve: (body: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The GETs of one token, account and host waiting for the account's next free slot: a batch
 * request has one token and one host.
 */
interface GetQueue {
  key: string;
  accountKey: string;
  waiting: WaitingGet[];
  /** The drain at the next turn of the event loop, so that GETs started meanwhile join. */
  timer?: ReturnType<typeof setTimeout>;
  /** A drain waits for one of the account's slots: it takes whatever is waiting by then. */
  drainQueued: boolean;
}

/**
 * Answers that asking again will not change: media posted before the business conversion, an
 * object Instagram says does not exist, a metric it does not offer for that kind of object.
 * Throttling, transient failures, tokens and permissions (which an operator can fix) are not.
 */
export function isPermanentRefusal(error: GraphErrorBody): boolean {
  if (error.error_subcode === 2108006) return true;
  if (error.code !== 100) return false;
  if (error.error_subcode === 33) return true;
  return (
    /does not support the \w+ metric/.test(error.message) ||
    /metric\[\d+\] must be one of/.test(error.message) ||
    /the \w+ metric is no longer supported/.test(error.message) ||
    /not available for carousel album children/i.test(error.message)
  );
}

/**
 * The only code that talks to the Graph API: bounded concurrency per account, retries with backoff
 * on transient codes only, no calls while Instagram says an account (or the app) is throttled.
 * Concurrent GETs of one account go out together as Graph batch requests (see `get`).
 */
export class GraphClient {
  readonly usage = new Map<string, UsageFigures>();
  appUsage: Record<string, number> | undefined;
  /** Metrics Instagram no longer provides for a kind of object, as its answers said. */
  readonly availability: MetricAvailability;
  private readonly limits = new Map<string, LimitFunction>();
  private readonly queues = new Map<string, GetQueue>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly retry: { attempts: number; baseDelayMs: number };
  private readonly now: () => number;

  constructor(private readonly options: GraphClientOptions) {
    this.retry = options.retry ?? { attempts: 3, baseDelayMs: 300 };
    this.now = options.now ?? Date.now;
    this.availability = new MetricAvailability(options.version);
  }

  private limiter(key: string): LimitFunction {
    let limit = this.limits.get(key);
    if (!limit) {
      limit = pLimit(this.options.concurrencyPerAccount);
      this.limits.set(key, limit);
    }
    return limit;
  }

  private baseFor(token: string): string {
    return this.options.hostFor?.(token) ?? this.options.baseUrl;
  }

  /** Seconds until calls for this account may resume, or 0. */
  secondsBlocked(accountKey: string): number {
    const until = Math.max(
      this.blockedUntil.get(accountKey) ?? 0,
      this.blockedUntil.get('*app') ?? 0,
    );
    return Math.max(0, Math.ceil((until - this.now()) / 1000));
  }

  /**
   * One GET, answered as if it went out alone: the same body, the same errors, retries and
   * throttling. GETs of one token and account wait in a queue that is drained at the next turn
   * of the event loop and whenever one of the account's slots frees; each drain sends up to 50 of
   * them as one Graph batch request (one HTTP call, one latency), or a lone one as a plain GET.
   * An idle account adds no wait; a busy one gathers more into each call.
   */
  get<T>(call: GraphCall): Promise<T> {
    if (call.alone || NEVER_BATCHED.test(call.path)) return this.single<T>(call);
    return new Promise<T>((resolve, reject) => {
      const queue = this.queueFor(call);
      queue.waiting.push({ call, resolve: resolve as (body: unknown) => void, reject });
      // A timer rather than a microtask: GETs started after a few awaits still join.
      if (!queue.drainQueued && !queue.timer)
        queue.timer = setTimeout(() => {
          queue.timer = undefined;
          this.queueDrain(queue);
        }, 0);
    });
  }

  /**
   * Several GETs of one account in Graph batch requests (50 entries each): one HTTP call per batch,
   * though Instagram still counts every entry against the rate limit. Entries that fail
   * transiently are asked again on their own, with the usual retries.
   */
  async batch<T>(calls: GraphCall[]): Promise<BatchResult<T>[]> {
    const first = calls[0];
    if (!first) return [];
    const chunks: GraphCall[][] = [];
    for (let i = 0; i < calls.length; i += MAX_BATCH) chunks.push(calls.slice(i, i + MAX_BATCH));
    const answers = await Promise.all(
      chunks.map((chunk) => this.limiter(first.accountKey)(() => this.postBatch(chunk))),
    );
    return Promise.all(
      answers.flat().map((answer, i) => this.settleEntry<T>(calls[i] as GraphCall, answer, 0)),
    );
  }

  private urlFor(call: GraphCall): URL {
    const url = new URL(`${this.baseFor(call.token)}/${this.options.version}/${call.path}`);
    for (const [k, v] of Object.entries(call.params)) url.searchParams.set(k, v);
    return url;
  }

  /** A plain GET in one of the account's slots; `firstAttempt` 1 when a batch was the first. */
  private single<T>(call: GraphCall, firstAttempt = 0): Promise<T> {
    return this.limiter(call.accountKey)(() =>
      this.attempt<T>(call, this.urlFor(call), {}, [call], firstAttempt),
    );
  }

  private queueFor(call: GraphCall): GetQueue {
    const host = this.baseFor(call.token);
    const key = JSON.stringify([call.token, call.accountKey, host]);
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { key, accountKey: call.accountKey, waiting: [], drainQueued: false };
      this.queues.set(key, queue);
    }
    return queue;
  }

  /** Asks the account's limiter for a slot; the drain takes its GETs only once it has one. */
  private queueDrain(queue: GetQueue): void {
    if (queue.drainQueued || queue.waiting.length === 0) return;
    queue.drainQueued = true;
    void this.limiter(queue.accountKey)(() => this.drain(queue));
  }

  /**
   * Sends up to 50 waiting GETs in the slot it was given. The slot is freed once the HTTP call
   * is answered: entries asked again on their own wait for a slot like any other call.
   */
  private async drain(queue: GetQueue): Promise<void> {
    queue.drainQueued = false;
    const taken = queue.waiting.splice(0, MAX_BATCH);
    if (queue.waiting.length > 0) this.queueDrain(queue);
    else if (!queue.timer && this.queues.get(queue.key) === queue) this.queues.delete(queue.key);
    const only = taken.length === 1 ? taken[0] : undefined;
    // One GET is no cheaper in a batch.
    if (only) {
      const send = async () => this.attempt(only.call, this.urlFor(only.call), {}, [only.call]);
      await send().then(only.resolve, only.reject);
      return;
    }
    let answers: (BatchAnswer | null)[];
    try {
      answers = await this.postBatch(taken.map((w) => w.call));
    } catch (error) {
      // A batch that fails as a whole (outage, timeout, throttled, after its retries) fails each
      // of its GETs, as each would have failed alone.
      for (const w of taken) w.reject(error);
      return;
    }
    taken.forEach((w, i) => {
      void this.settleEntry(w.call, answers[i] ?? null, 1).then(
        (result) => (result.ok ? w.resolve(result.body) : w.reject(result.error)),
        w.reject,
      );
    });
  }

  /**
   * One batch request of at most 50 GETs: `{code, headers, body}` per entry, null for an entry
   * Graph did not finish. Retried as a whole on transient failures, as a GET is.
   */
  private async postBatch(calls: GraphCall[]): Promise<(BatchAnswer | null)[]> {
    const first = calls[0] as GraphCall;
    const batch = calls.map((c) => ({
      method: 'GET',
      relative_url: `${c.path}?${new URLSearchParams(c.params)}`,
    }));
    // Entries keep their headers: their usage figures and Retry-After tell when to stop asking.
    const body = new URLSearchParams({ batch: JSON.stringify(batch) });
    const url = new URL(`${this.baseFor(first.token)}/${this.options.version}/`);
    const init = {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    };
    const answers = await this.attempt<unknown>(first, url, init, calls);
    if (!Array.isArray(answers))
      throw new ApiError(502, {
        message: "Instagram's API sent a batch answer that is not a list; try again shortly.",
        type: 'UpstreamUnavailable',
        code: 2,
        is_transient: true,
      });
    return calls.map((_, i) => (answers[i] as BatchAnswer | null | undefined) ?? null);
  }

  /**
   * One entry of a batch answer, as the GET alone would have ended: its usage recorded, throttling
   * blocking the account, other errors mapped; a transient failure asked again on its own, from
   * attempt `retryFrom` on.
   */
  private async settleEntry<T>(
    call: GraphCall,
    answer: BatchAnswer | null,
    retryFrom: number,
  ): Promise<BatchResult<T>> {
    const headers = new Headers();
    for (const h of answer?.headers ?? []) {
      try {
        headers.append(h.name, h.value);
      } catch {
        // A header Node would refuse is not worth failing the entry over.
      }
    }
    this.recordUsage(headers);
    let parsed: { error?: GraphErrorBody } | undefined;
    try {
      parsed = answer ? (JSON.parse(answer.body) as { error?: GraphErrorBody }) : undefined;
    } catch {
      parsed = undefined;
    }
    if (answer && parsed && !parsed.error && answer.code < 400)
      return { ok: true, body: parsed as T };
    const error = parsed?.error;
    const response = new Response(null, { status: answer?.code ?? 502 });
    if (error && THROTTLE_CODES.has(error.code))
      return { ok: false, error: this.block(call.accountKey, error, headers) };
    if (error && !TRANSIENT_CODES.has(error.code))
      return { ok: false, error: this.mapError(response, error, call) };
    if (retryFrom >= this.retry.attempts)
      return {
        ok: false,
        error: error
          ? this.mapError(response, error, call)
          : new ApiError(502, {
              message: "Instagram's API did not finish this call; try again shortly.",
              type: 'UpstreamUnavailable',
              code: 2,
              is_transient: true,
            }),
      };
    try {
      return { ok: true, body: await this.single<T>(call, retryFrom) };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: e };
      throw e;
    }
  }

  private throttledError(seconds: number): ApiError {
    return new ApiError(
      429,
      {
        message: `Instagram is limiting calls for this account. The server will not ask again for ${seconds} s; try again then.`,
        type: 'Throttled',
        code: 80002,
        is_transient: true,
      },
      { 'Retry-After': String(seconds) },
    );
  }

  /**
   * One HTTP call with its retries. `counted` are the Graph calls it carries (a batch's entries),
   * each counted on its own meter per try.
   */
  private async attempt<T>(
    call: GraphCall,
    url: URL,
    init: RequestInit = {},
    counted: GraphCall[] = [call],
    firstAttempt = 0,
  ): Promise<T> {
    let lastError: ApiError | undefined;
    for (let attempt = firstAttempt; attempt < this.retry.attempts; attempt++) {
      const blocked = this.secondsBlocked(call.accountKey);
      if (blocked > 0) throw this.throttledError(blocked);
      if (attempt > 0) {
        const delay = this.retry.baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
        await new Promise((r) => setTimeout(r, delay));
      }
      for (const c of counted) if (c.meter) c.meter.calls++;
      let response: Response;
      try {
        response = await fetch(url, {
          ...init,
          headers: {
            Authorization: `Bearer ${call.token}`,
            Accept: 'application/json',
            ...init.headers,
          },
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        const timedOut =
          error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        lastError = new ApiError(timedOut ? 504 : 502, {
          message: timedOut
            ? `Instagram's API did not answer within ${this.options.timeoutMs / 1000} s; try again shortly.`
            : "The server could not reach Instagram's API; try again shortly.",
          type: 'UpstreamUnavailable',
          code: 2,
          is_transient: true,
        });
        continue;
      }
      this.recordUsage(response.headers);
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        lastError = new ApiError(502, {
          message: `Instagram's API sent an answer that is not JSON (HTTP ${response.status}); try again shortly.`,
          type: 'UpstreamUnavailable',
          code: 2,
          is_transient: true,
        });
        if (response.status >= 500) continue;
        throw lastError;
      }
      const graphError = (body as { error?: GraphErrorBody }).error;
      if (!graphError) {
        if (response.ok) return body as T;
        lastError = this.mapError(
          response,
          { message: `HTTP ${response.status}`, type: 'Unknown', code: 2, fbtrace_id: '' },
          call,
        );
        if (response.status >= 500) continue;
        throw lastError;
      }
      if (THROTTLE_CODES.has(graphError.code))
        throw this.block(call.accountKey, graphError, response.headers);
      lastError = this.mapError(response, graphError, call);
      if (!TRANSIENT_CODES.has(graphError.code)) throw lastError;
    }
    throw (
      lastError ??
      new ApiError(502, {
        message: "Instagram's API failed; try again shortly.",
        type: 'UpstreamUnavailable',
        code: 2,
      })
    );
  }

  private recordUsage(headers: Headers): void {
    const at = new Date(this.now()).toISOString();
    try {
      const buc = headers.get('x-business-use-case-usage');
      if (buc) {
        for (const [id, entries] of Object.entries(
          JSON.parse(buc) as Record<string, Omit<UsageFigures, 'updatedAt'>[]>,
        )) {
          const first = entries[0];
          if (first) this.usage.set(id, { ...first, updatedAt: at });
        }
      }
      const app = headers.get('x-app-usage');
      if (app) this.appUsage = JSON.parse(app) as Record<string, number>;
    } catch {
      // A malformed usage header is not worth failing a request over.
    }
  }

  private block(accountKey: string, error: GraphErrorBody, headers: Headers): ApiError {
    let ms = DEFAULT_BLOCK_MS;
    if (error.code === 80002) {
      const minutes = this.usage.get(accountKey)?.estimated_time_to_regain_access;
      if (minutes && minutes > 0) ms = minutes * 60_000;
    }
    const retryAfter = Number(headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) ms = Math.max(ms, retryAfter * 1000);
    const key = error.code === 4 ? '*app' : accountKey;
    this.blockedUntil.set(key, Math.max(this.blockedUntil.get(key) ?? 0, this.now() + ms));
    return this.throttledError(Math.ceil(ms / 1000));
  }

  private mapError(response: Response, error: GraphErrorBody, call: GraphCall): ApiError {
    const mapped = this.describeError(response, error, call);
    return new ApiError(mapped.status, mapped.body, mapped.headers, {
      upstream: error,
      permanent: isPermanentRefusal(error),
    });
  }

  private describeError(response: Response, error: GraphErrorBody, call: GraphCall): ApiError {
    const upstream = this.options.redact(error.message);
    // Instagram's own words for people (error_user_title, error_user_msg) are passed on as given.
    const userWords = {
      ...(error.error_user_title
        ? { error_user_title: this.options.redact(error.error_user_title) }
        : {}),
      ...(error.error_user_msg
        ? { error_user_msg: this.options.redact(error.error_user_msg) }
        : {}),
    };
    const keep = {
      code: error.code,
      ...(error.error_subcode !== undefined ? { error_subcode: error.error_subcode } : {}),
      ...(error.fbtrace_id ? { fbtrace_id: error.fbtrace_id } : {}),
      ...userWords,
    };
    const notAvailable = (title: string, message: string) =>
      new ApiError(422, {
        message,
        type: 'NotAvailable',
        ...keep,
        error_user_title: userWords.error_user_title ?? title,
      });
    const tokenRefused =
      error.code === 190 ||
      ((error.code === 10 || (error.code >= 200 && error.code <= 299)) &&
        !/not enough viewers/i.test(error.message) &&
        !/100 or more followers|at least 100 followers/i.test(error.message));
    if (tokenRefused) {
      const replaced = this.options.onRejected?.(call.token, error);
      if (replaced) return replaced;
    }
    if (error.code === 190) {
      return new ApiError(401, {
        message: `Instagram rejected the server's access token (${upstream}). The operator must renew the token the server is configured with.`,
        type: 'OAuthException',
        ...keep,
      });
    }
    if (error.code === 100 && error.error_subcode === 33) {
      return new ApiError(404, {
        message: `Instagram has no object ${call.path.split('/')[0]} that this server can read.`,
        type: 'NotFound',
        ...keep,
      });
    }
    if (error.error_subcode === 2108006) {
      return notAvailable(
        'Posted before business conversion',
        'Instagram has no insights for media posted before the account became a business account.',
      );
    }
    if (error.code === 10 && /not enough viewers/i.test(error.message)) {
      return notAvailable(
        'Too few viewers',
        'Instagram shows story insights only once at least 5 accounts have seen the story.',
      );
    }
    if (/100 or more followers|at least 100 followers/i.test(error.message)) {
      return notAvailable(
        'Needs 100 followers',
        'Instagram gives this metric only for accounts with 100 or more followers.',
      );
    }
    if (error.code === 10 || (error.code >= 200 && error.code <= 299)) {
      return new ApiError(403, {
        message: `Instagram refused: the token lacks a permission (${upstream}). The operator must grant instagram_basic and instagram_manage_insights.`,
        type: 'PermissionDenied',
        ...keep,
      });
    }
    if (TRANSIENT_CODES.has(error.code) || response.status >= 500) {
      return new ApiError(502, {
        message: "Instagram's API had a temporary error; try again in a minute.",
        type: 'UpstreamUnavailable',
        ...keep,
        is_transient: true,
      });
    }
    if (error.code === 100)
      return new ApiError(400, {
        message: `Instagram rejected the request: ${upstream}`,
        type: 'InvalidParameter',
        ...keep,
      });
    return new ApiError(502, {
      message: `Instagram's API answered with an error: ${upstream}`,
      type: 'UpstreamError',
      ...keep,
    });
  }
}
