/**
 * The server's "now". Everything that asks what day it is (the proxy, the demo's fake Graph API,
 * the snapshots, the page it serves) reads one clock, so that `TEST_NOW` can move all of them to
 * another day at once: the tests run on a month end or a daylight-saving change without waiting
 * for the calendar.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that stands still at `iso`: every request of a test run sees the same day. */
export function pinnedClock(iso: string): Clock {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) throw new Error(`Not an ISO 8601 instant: ${iso}`);
  return () => new Date(at);
}

/** `TEST_NOW` (an ISO 8601 instant with its offset) pins the clock; unset, it is the system's. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.TEST_NOW?.trim();
  return pinned ? pinnedClock(pinned) : systemClock;
}
