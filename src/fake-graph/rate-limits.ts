/**
 * The Graph API's rate limits as the fake applies them: a rolling per-account budget (Business Use
 * Case), an app-wide usage figure, and the headers that report both.
 */
export interface RateLimitOptions {
  /** Calls one Instagram account may receive per window before code 80002. */
  callsPerAccount: number;
  /** Calls the app may make per window; only reported in X-App-Usage. */
  callsPerApp: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly accountCalls = new Map<string, number[]>();
  private appCalls: number[] = [];

  constructor(public options: RateLimitOptions) {}

  private prune(calls: number[], now: number): number[] {
    const start = now - this.options.windowMs;
    let i = 0;
    while (i < calls.length && (calls[i] ?? 0) <= start) i++;
    return i === 0 ? calls : calls.slice(i);
  }

  /** Counts a call; returns whether the account was already over its budget. Calling while blocked extends the block. */
  record(accountId: string | undefined, now: number): { throttled: boolean } {
    this.appCalls = this.prune(this.appCalls, now);
    this.appCalls.push(now);
    if (!accountId) return { throttled: false };
    const calls = this.prune(this.accountCalls.get(accountId) ?? [], now);
    const throttled = calls.length >= this.options.callsPerAccount;
    calls.push(now);
    this.accountCalls.set(accountId, calls);
    return { throttled };
  }

  /** Minutes until the account is back under its budget. */
  minutesToRegain(accountId: string, now: number): number {
    const calls = this.prune(this.accountCalls.get(accountId) ?? [], now);
    const over = calls.length - this.options.callsPerAccount;
    if (over < 0) return 0;
    const freedAt = (calls[over] ?? now) + this.options.windowMs;
    return Math.max(1, Math.ceil((freedAt - now) / 60_000));
  }

  headers(accountId: string | undefined, now: number): Record<string, string> {
    const percent = (n: number, of: number) => Math.min(100, Math.round((n / of) * 100));
    const app = percent(this.prune(this.appCalls, now).length, this.options.callsPerApp);
    const headers: Record<string, string> = {
      'X-App-Usage': JSON.stringify({
        call_count: app,
        total_time: Math.round(app / 2),
        total_cputime: Math.round(app / 2),
      }),
    };
    if (accountId) {
      const used = percent(
        this.prune(this.accountCalls.get(accountId) ?? [], now).length,
        this.options.callsPerAccount,
      );
      headers['X-Business-Use-Case-Usage'] = JSON.stringify({
        [accountId]: [
          {
            type: 'instagram',
            call_count: used,
            total_cputime: Math.round(used / 3),
            total_time: Math.round(used / 3),
            estimated_time_to_regain_access: this.minutesToRegain(accountId, now),
          },
        ],
      });
    }
    return headers;
  }

  reset(): void {
    this.accountCalls.clear();
    this.appCalls = [];
  }
}
