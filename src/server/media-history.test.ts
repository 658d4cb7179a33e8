/**
 * Posts' lifetime metrics kept day by day by the history backfill, over real HTTP on the fake's
 * clock: daily while a post is younger than 30 days, weekly after, up to a year; served by
 * /api/{media-id}/history to those who may see the post, with Instagram's own numbers.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { daysBetween, pacificDayOf, parseGraphTimestamp } from '../graph/pacific-days';
import { type StoredStack, startStoredStack } from './testing/stored-stack';
import { type FakeUpstream, LUMEN, NORTHWIND, startFake } from './testing/test-stack';

const DAY = 86_400_000;
let upstream: FakeUpstream;
let stack: StoredStack;

interface Post {
  id: string;
  timestamp: string;
  media_product_type: string;
}

beforeAll(async () => {
  upstream = await startFake({ warm: [NORTHWIND, LUMEN] });
  stack = await startStoredStack({ upstream, accountIds: [NORTHWIND, LUMEN] });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await upstream?.close();
});

/** A GET with a session started now (the clock moves in these tests). */
async function get(path: string, cookie?: string) {
  const session = cookie ?? `session=${stack.server.auth.startSession('stored-stack-owner')}`;
  const response = await fetch(`${stack.url}${path}`, { headers: { cookie: session } });
  // biome-ignore lint/suspicious/noExplicitAny: Graph-shaped answers
  return { status: response.status, body: (await response.json()) as any };
}

const today = () => pacificDayOf(upstream.clock.now());
const ageOf = (post: Post) =>
  daysBetween(pacificDayOf(parseGraphTimestamp(post.timestamp)), today());

async function postsOf(account: string): Promise<Post[]> {
  const list = await get(`/api/${account}/media?fields=id,timestamp,media_product_type&limit=100`);
  expect(list.status).toBe(200);
  return list.body.data;
}

const daysStored = async (post: Post) => {
  const history = await get(`/api/${post.id}/history`);
  expect(history.status).toBe(200);
  return (history.body.data.find((m: { name: string }) => m.name === 'reach')?.values ?? []).map(
    (v: { day: string }) => v.day,
  );
};

it('keeps each post’s lifetime numbers daily in its first 30 days and weekly after', async () => {
  const backfill = stack.server.backfill;
  if (!backfill) throw new Error('no backfill');
  await backfill.runOnce();
  const posts = (await postsOf(NORTHWIND)).filter((p) => p.media_product_type !== 'STORY');
  const young = posts.find((p) => ageOf(p) < 25);
  const older = posts.find((p) => ageOf(p) >= 31 && ageOf(p) < 300);
  if (!young || !older) throw new Error('the demo has no post of these ages');

  // Today's numbers are Instagram's own.
  const history = await get(`/api/${young.id}/history`);
  const insights = await get(`/api/${young.id}/insights`);
  expect(history.body.kept).toBe(true);
  for (const metric of insights.body.data as { name: string; values: { value: number }[] }[]) {
    const stored = history.body.data.find((m: { name: string }) => m.name === metric.name);
    expect(stored?.values, metric.name).toEqual([{ value: metric.values[0]?.value, day: today() }]);
  }
  const first = today();
  for (let day = 1; day <= 7; day++) {
    upstream.clock.advance(DAY);
    await backfill.runOnce();
  }
  expect(await daysStored(young)).toHaveLength(8);
  // Weekly: the day it was first kept, and seven days later.
  expect(await daysStored(older)).toEqual([first, today()]);
  upstream.clock.advance(-7 * DAY);
}, 120_000);

it('is served only to those who may see the post, and answers in the Graph error shape otherwise', async () => {
  const [post] = await postsOf(NORTHWIND);
  if (!post) throw new Error('no post');
  const lumenOnly = stack.server.auth.users.create({
    id: 'lumen-only',
    email: 'lumen@example.com',
    role: 'member',
    accounts: [LUMEN],
    createdAt: upstream.clock.now(),
  });
  const cookie = `session=${stack.server.auth.startSession(lumenOnly.id)}`;
  for (const path of [`/api/${post.id}/history`, `/api/${NORTHWIND}/history`]) {
    const refused = await get(path, cookie);
    expect(refused.status, path).toBe(404);
    expect(refused.body.error.message).toMatch(/among those you may see/);
    expect(JSON.stringify(refused.body)).not.toContain('reach');
  }
  const signedOut = await fetch(`${stack.url}/api/${post.id}/history`);
  expect(signedOut.status).toBe(401);
});
