import type { APIRequest, APIRequestContext, Browser, Page } from '@playwright/test';
import type { DemoMedia } from '../src/fake-graph/demo-data/account-model';
import { mediaTotalsAsOf } from '../src/fake-graph/demo-data/account-model';
import { DemoData } from '../src/fake-graph/demo-data/demo-data';
import { MIN_STORY_VIEWERS } from '../src/fake-graph/media-insights';
import { pacificDayOf } from '../src/graph/pacific-days';
import { type ForkedStack, forkStack } from '../src/server/testing/fork-stack';

/**
 * A demo server of a test's own, its clock pinned to an instant the test chose, for what the demo
 * has only at some hours (a live story with too few viewers, say): the test finds such an hour in
 * the demo data and pins it, instead of skipping when the calendar does not oblige.
 */
const demo = new DemoData();

/** The stories live at `at` whose reach is under (or at least, with `enough`) the insights threshold. */
export function demoLiveStories(accountId: string, at: Date, enough: boolean): DemoMedia[] {
  const day = pacificDayOf(at);
  return demo
    .liveStories(accountId, at)
    .filter((s) => mediaTotalsAsOf(s, day).reach >= MIN_STORY_VIEWERS === enough);
}

/** The latest whole hour, at or before TEST_NOW (or now), at which `wanted` holds; up to 30 days back. */
export function findInstant(wanted: (at: Date) => boolean): string {
  const start = Date.parse(process.env.TEST_NOW ?? new Date().toISOString());
  const hour = Math.floor(start / 3_600_000) * 3_600_000;
  for (let h = 0; h < 30 * 24; h++) {
    const at = new Date(hour - h * 3_600_000);
    if (wanted(at)) return at.toISOString();
  }
  throw new Error('The demo data has no such hour in the last 30 days; the demo model changed.');
}

/** The demo server (built app included) in a process of its own, its clock standing at `now`. */
function startPinnedDemo(now: string): Promise<ForkedStack> {
  return forkStack({ mode: 'demo', distDir: 'dist', now, logRequests: false });
}

/** Runs `use` with a page and a request context whose relative addresses go to a pinned demo. */
export async function withPinnedDemo(
  now: string,
  { browser, playwright }: { browser: Browser; playwright: { request: APIRequest } },
  use: (page: Page, request: APIRequestContext) => Promise<void>,
): Promise<void> {
  const stack = await startPinnedDemo(now);
  const context = await browser.newContext({ baseURL: stack.proxyUrl });
  const request = await playwright.request.newContext({ baseURL: stack.proxyUrl });
  try {
    await use(await context.newPage(), request);
  } finally {
    await context.close();
    await request.dispose();
    await stack.close();
  }
}
