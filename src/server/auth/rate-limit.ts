import { LRUCache } from 'lru-cache';

/**
 * Failed attempts per key (an address, an email) in a sliding window: after `max` failures within
 * `windowMs`, the key is refused until the oldest of them leaves the window.
 */
export class FailureLimiter {
  private readonly failures: LRUCache<string, number[]>;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {
    this.failures = new LRUCache({ max: 50_000, ttl: windowMs });
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  /** Seconds until `key` may try again, or 0. */
  retryAfter(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.max) return 0;
    const oldest = recent[recent.length - this.max] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  fail(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
