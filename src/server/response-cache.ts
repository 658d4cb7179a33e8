import { LRUCache } from 'lru-cache';
import { ApiError } from './api-errors';

export type CacheStatus = 'hit' | 'miss' | 'coalesced' | 'stale';

interface Entry {
  value: unknown;
  storedAt: number;
  freshUntil: number;
}

export interface CachedResult<T> {
  value: T;
  status: CacheStatus;
  /** When the value was fetched from Instagram. */
  storedAt: number;
}

/** Upstream failures during which an older copy is better than an error. */
const SERVE_STALE_ON = new Set([429, 502, 503, 504]);

/**
 * Answers from memory while the data is fresh, shares one upstream call among identical
 * concurrent requests, and keeps expired copies (within the size bound) to serve during outages.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly sharedWork = new Map<string, Promise<unknown>>();

  constructor(
    maxEntries: number,
    private readonly now: () => number = Date.now,
    /** How long an expired copy may still be served while Instagram fails. */
    maxStaleMs = 7 * 86_400_000,
  ) {
    this.entries = new LRUCache({ max: maxEntries, ttl: maxStaleMs, ttlAutopurge: false });
  }

  get size(): number {
    return this.entries.size;
  }

  /** A stored copy without fetching: fresh or expired. */
  peek<T>(key: string): { value: T; fresh: boolean; storedAt: number } | undefined {
    const entry = this.entries.get(key);
    return (
      entry && {
        value: entry.value as T,
        fresh: entry.freshUntil > this.now(),
        storedAt: entry.storedAt,
      }
    );
  }

  /** Runs `work` once for concurrent callers with the same key. */
  coalesce<T>(key: string, work: () => Promise<T>): Promise<T> {
    const pending = this.sharedWork.get(key);
    if (pending) return pending as Promise<T>;
    const promise = work().finally(() => this.sharedWork.delete(key));
    this.sharedWork.set(key, promise);
    return promise;
  }

  /** Drops every entry whose key matches (a disconnected account's answers). */
  deleteWhere(matches: (key: string) => boolean): number {
    let count = 0;
    for (const key of [...this.entries.keys()]) {
      if (matches(key)) {
        this.entries.delete(key);
        count++;
      }
    }
    return count;
  }

  set(key: string, value: unknown, ttlMs: number): void {
    const storedAt = this.now();
    this.entries.set(key, { value, storedAt, freshUntil: storedAt + ttlMs });
  }

  async getOrFetch<T>(
    key: string,
    ttlMs: number,
    fetcher: () => Promise<T>,
  ): Promise<CachedResult<T>> {
    const existing = this.entries.get(key);
    if (existing && existing.freshUntil > this.now()) {
      return { value: existing.value as T, status: 'hit', storedAt: existing.storedAt };
    }
    let promise = this.inflight.get(key);
    const joined = promise !== undefined;
    if (!promise) {
      promise = fetcher().then((value) => {
        const storedAt = this.now();
        const entry = { value, storedAt, freshUntil: storedAt + ttlMs };
        this.entries.set(key, entry);
        return entry;
      });
      this.inflight.set(key, promise);
      const settled = promise;
      void settled.then(
        () => this.inflight.delete(key),
        () => this.inflight.delete(key),
      );
    }
    try {
      const entry = await promise;
      return {
        value: entry.value as T,
        status: joined ? 'coalesced' : 'miss',
        storedAt: entry.storedAt,
      };
    } catch (error) {
      if (existing && error instanceof ApiError && SERVE_STALE_ON.has(error.status)) {
        return { value: existing.value as T, status: 'stale', storedAt: existing.storedAt };
      }
      throw error;
    }
  }
}
