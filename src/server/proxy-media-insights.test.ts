/**
 * A page of posts with their lifetime insights in one request (`/api/{ig-user-id}/media?
 * insights=lifetime`), against the fake Graph API over real HTTP: the list and one batch request
 * upstream on a cold cache, nothing on a warm one; the same entries and cache as each post's own
 * `/api/{media-id}/insights`; a refused post marked alone; the parameter checked; access as today.
 */
import { describe, expect, it } from 'vitest';
import type { InsightsResponse } from '../graph/graph-types';
import { sharedFake } from './testing/shared-fake';
import { expectGraphError, expectSafeAnswers, LUMEN, NORTHWIND } from './testing/test-stack';

interface ListedWithInsights {
  id: string;
  media_product_type: string;
  insights?: InsightsResponse;
  insights_error?: { message: string; type: string; code: number; status: number };
}

const shared = sharedFake({ warm: [NORTHWIND, LUMEN] });

/** A proxy of its own (a cold cache) that has already listed its accounts. */
async function coldStack(accountIds = [NORTHWIND, LUMEN]) {
  const stack = await shared.stackFor({ accountIds });
  expect((await stack.get('/api/accounts')).status).toBe(200);
  return stack;
}

const cursorAfter = (id: string) => Buffer.from(`c:${id}`).toString('base64url');

describe('/api/{ig-user-id}/media?insights=lifetime', () => {
  it('a page of 24 posts: one request; Graph asked the list and one batch cold, nothing warm', async () => {
    const stack = await coldStack();
    const path = `/api/${NORTHWIND}/media?limit=24&insights=lifetime`;
    const cold = await stack.counting(() => stack.get(path));
    expect(cold.result.status).toBe(200);
    const items = cold.result.body.data as ListedWithInsights[];
    expect(items).toHaveLength(24);
    for (const item of items) {
      expect(item.insights?.data.length).toBeGreaterThan(0);
      expect(item.insights_error).toBeUndefined();
    }
    expect(cold.calls).toBeLessThanOrEqual(3);
    expect(cold.calls).toBe(2); // the list, then one batch of 24 entries
    expect(cold.result.headers.get('x-cache')).toBe('MISS');

    const warm = await stack.counting(() => stack.get(path));
    expect(warm.calls).toBe(0);
    expect(warm.result.text).toBe(cold.result.text);
    expect(warm.result.headers.get('x-cache')).toBe('HIT');
  });

  it("embeds each post's answer as /api/{media-id}/insights gives it, and fills that cache", async () => {
    const stack = await coldStack();
    const list = await stack.get(`/api/${NORTHWIND}/media?limit=12&insights=lifetime`);
    expect(list.status).toBe(200);
    const items = list.body.data as ListedWithInsights[];
    // A reel, a feed post and a carousel each get the metrics their kind offers.
    expect(new Set(items.map((m) => m.media_product_type)).size).toBeGreaterThan(1);
    const { calls, result } = await stack.counting(() =>
      Promise.all(items.map((m) => stack.get<InsightsResponse>(`/api/${m.id}/insights`))),
    );
    expect(calls).toBe(0);
    result.forEach((answer, i) => {
      expect(answer.status).toBe(200);
      expect(items[i]?.insights).toEqual(answer.body);
    });
  });

  it('a post Instagram refuses carries insights_error, the others their data, and the refusal is remembered', async () => {
    const stack = await coldStack();
    // The page where the posts made after the business conversion end and older ones begin.
    const posts = shared.upstream.fake.data.publishedMedia(NORTHWIND, shared.upstream.clock.now());
    const order = [...posts].sort((a, b) => Number(b.timestamp) - Number(a.timestamp));
    const boundary = order.findIndex((m) => m.beforeBusiness);
    expect(boundary).toBeGreaterThan(3);
    const startAfter = order[boundary - 4]?.id as string;
    const path = `/api/${NORTHWIND}/media?limit=8&insights=lifetime&after=${cursorAfter(startAfter)}`;
    const cold = await stack.counting(() => stack.get(path));
    expect(cold.result.status).toBe(200);
    const items = cold.result.body.data as ListedWithInsights[];
    expect(items).toHaveLength(8);
    const refused = items.filter((m) => m.insights_error);
    const answered = items.filter((m) => m.insights);
    expect(refused).toHaveLength(5);
    expect(answered).toHaveLength(3);
    expect(cold.calls).toBeLessThanOrEqual(3);
    for (const item of refused) {
      expect(item.insights).toBeUndefined();
      expect(item.insights_error).toEqual({
        message:
          'Instagram has no insights for media posted before the account became a business account.',
        type: 'NotAvailable',
        code: 100,
        error_subcode: 2108006,
        error_user_title: 'Media posted before business account conversion',
        error_user_msg:
          "The media was posted before the most recent time that the user's account was converted to a business account from a personal account.",
        status: 422,
      });
      const own = await stack.counting(() => stack.get(`/api/${item.id}/insights`));
      expect(own.calls).toBe(0);
      expect(own.result.status).toBe(422);
      const { status, ...error } = item.insights_error ?? { status: 0 };
      expect(own.result.status).toBe(status);
      expect(own.result.body.error).toMatchObject(error);
    }
    // Remembered permanent refusals and cached answers: the repeat asks Graph nothing.
    const again = await stack.counting(() => stack.get(path));
    expect(again.calls).toBe(0);
    expect(again.result.body).toEqual(cold.result.body);
    // Exactly the posts made before the business conversion.
    expect(refused.every((m) => posts.find((p) => p.id === m.id)?.beforeBusiness)).toBe(true);
  });

  it('a retired metric is left out and marked in missing_metrics, as on the post page', async () => {
    const stack = await coldStack();
    shared.upstream.fake.setFaults({ retiredMetrics: ['shares'] });
    const list = await stack.counting(() =>
      stack.get(`/api/${LUMEN}/media?limit=10&insights=lifetime`),
    );
    expect(list.result.status).toBe(200);
    // The list, the batch, and the batch again without the metric Instagram refused.
    expect(list.calls).toBeLessThanOrEqual(3);
    const items = list.result.body.data as (ListedWithInsights & {
      insights: InsightsResponse & { missing_metrics?: { name: string }[] };
    })[];
    for (const item of items) {
      expect(item.insights.data.map((d) => d.name)).not.toContain('shares');
      expect(item.insights.missing_metrics?.map((m) => m.name)).toContain('shares');
      const own = await stack.get(`/api/${item.id}/insights`);
      expect(own.body).toEqual(item.insights);
    }
  });

  it('paging links keep insights=lifetime', async () => {
    const stack = await coldStack();
    const first = await stack.get(`/api/${NORTHWIND}/media?limit=3&insights=lifetime`);
    const next = new URL(first.body.paging.next, stack.url);
    expect(next.searchParams.get('insights')).toBe('lifetime');
    const second = await stack.get(`${next.pathname}${next.search}`);
    expect(second.status).toBe(200);
    expect((second.body.data as ListedWithInsights[]).every((m) => m.insights)).toBe(true);
  });

  it('stories and collaborations take it too', async () => {
    const stack = await coldStack();
    const stories = await stack.get(`/api/${NORTHWIND}/stories?insights=lifetime`);
    expect(stories.status).toBe(200);
    expect(stories.body.data.length).toBeGreaterThan(0);
    for (const story of stories.body.data as ListedWithInsights[]) {
      expect(Boolean(story.insights) !== Boolean(story.insights_error)).toBe(true);
      const own = await stack.get(`/api/${story.id}/insights`);
      if (story.insights) expect(own.body).toEqual(story.insights);
      else expect(own.status).toBe(story.insights_error?.status);
    }
    const collaborations = await stack.get(
      `/api/${NORTHWIND}/collaborative_media?insights=lifetime`,
    );
    expect(collaborations.status).toBe(200);
  });

  it('refuses other values with what to use, before any upstream call', async () => {
    const stack = await coldStack();
    for (const value of ['day', 'LIFETIME', '', 'lifetime,day']) {
      const { calls, result } = await stack.counting(() =>
        stack.get(`/api/${NORTHWIND}/media?insights=${encodeURIComponent(value)}`),
      );
      expect(result.status).toBe(400);
      expectGraphError(result.body, 100);
      expect(result.body.error.message).toMatch(/insights=lifetime/);
      expect(calls).toBe(0);
    }
    const repeated = await stack.get(`/api/${NORTHWIND}/media?insights=lifetime&insights=lifetime`);
    expect(repeated.status).toBe(400);
  });

  it('an account the viewer may not see is refused as without the parameter', async () => {
    const stack = await coldStack();
    const member = stack.cookieFor({
      email: 'lumen-only@example.com',
      role: 'member',
      accounts: [LUMEN],
    });
    const plain = await stack.get(`/api/${NORTHWIND}/media`, { headers: { cookie: member } });
    const { calls, result } = await stack.counting(() =>
      stack.get(`/api/${NORTHWIND}/media?insights=lifetime`, { headers: { cookie: member } }),
    );
    expect([403, 404]).toContain(plain.status);
    expect(result.status).toBe(plain.status);
    expect(result.body).toEqual(plain.body);
    expect(calls).toBe(0);
    const own = await stack.get(`/api/${LUMEN}/media?limit=2&insights=lifetime`, {
      headers: { cookie: member },
    });
    expect(own.status).toBe(200);
  });
});

describe("a post's page: its breakdown is ready when the page asks it", () => {
  it('the default insights request also asks the breakdown; asked next, it costs no Graph call and is what a cold server answers', async () => {
    const stack = await coldStack();
    const posts = shared.upstream.fake.data.publishedMedia(NORTHWIND, shared.upstream.clock.now());
    const post = posts.find((m) => m.productType === 'FEED' && !m.beforeBusiness);
    if (!post) throw new Error('the demo has no feed post');
    const breakdownPath = `/api/${post.id}/insights?metric=profile_activity&breakdown=action_type`;
    expect((await stack.get(`/api/${post.id}/insights`)).status).toBe(200);
    // Let the breakdown asked beside it land (it is not part of the answer).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await stack.counting(() => stack.get<InsightsResponse>(breakdownPath));
    expect(next.result.status).toBe(200);
    expect(next.graphCalls).toBe(0);

    const other = await coldStack();
    const alone = await other.counting(() => other.get<InsightsResponse>(breakdownPath));
    expect(alone.graphCalls).toBeGreaterThan(0);
    expect(next.result.body).toEqual(alone.result.body);
    const entry = next.result.body.data.find((d) => d.name === 'profile_activity');
    expect(entry?.total_value?.breakdowns?.[0]?.dimension_keys).toEqual(['action_type']);
  });

  it('a request that names its metrics asks nothing more', async () => {
    const stack = await coldStack();
    const posts = shared.upstream.fake.data.publishedMedia(NORTHWIND, shared.upstream.clock.now());
    const post = posts.find((m) => m.productType === 'FEED' && !m.beforeBusiness);
    if (!post) throw new Error('the demo has no feed post');
    // The server learns whose post it is (a look-up of its own) before the counting starts.
    expect((await stack.get(`/api/${post.id}?fields=id,media_type`)).status).toBe(200);
    const named = await stack.counting(() => stack.get(`/api/${post.id}/insights?metric=reach`));
    expect(named.result.status).toBe(200);
    const defaults = await stack.counting(() => stack.get(`/api/${post.id}/insights`));
    expect(defaults.result.status).toBe(200);
    expect(defaults.graphCalls).toBe(2); // its metrics, and the breakdown beside them
    expect(named.graphCalls).toBe(1);
  });
});

it('every answer in this file carried the security headers and no secret', () => {
  expectSafeAnswers(shared.stacks);
});
