/**
 * The proxy and what Meta changed since late 2025, against the fake Graph API over real HTTP:
 * Instagram's own words for people passed on, refusals that will not change remembered (a repeat
 * costs no upstream call), a metric Instagram stops providing left out of the request and marked
 * in the answer, the new metrics, count fields and collaborative_media, and Instagram Login.
 */
import { describe, expect, it } from 'vitest';
import type { DemoMedia } from '../fake-graph/demo-data/account-model';
import { findMediaMetric } from '../graph/metric-catalogue';
import { addDays, pacificDayOf, pacificDayStart } from '../graph/pacific-days';
import { planMediaInsights } from './insights-plan';
import { objectLabel, rejectedMetric } from './metric-availability';
import { sharedFake } from './testing/shared-fake';
import {
  expectGraphError,
  expectSafeAnswers,
  HARBOR,
  LUMEN,
  MESA,
  NO_FAULTS,
  NORTHWIND,
} from './testing/test-stack';

const shared = sharedFake();

const stackFor = shared.stackFor;

const now = () => shared.upstream.clock.now();
const today = () => pacificDayOf(now());

/** A settled media of a demo account matching `predicate`. */
function demoMedia(accountId: string, predicate: (m: DemoMedia) => boolean): DemoMedia {
  const found = shared.upstream.fake.data
    .publishedMedia(accountId, now())
    .find((m) => m.day < addDays(today(), -30) && !m.beforeBusiness && predicate(m));
  if (!found) throw new Error('no such demo media');
  return found;
}

const names = (body: { data: { name: string }[] }) => body.data.map((d) => d.name);

describe("Instagram's own words for people", () => {
  it('2108006: keeps error_user_title and error_user_msg as Graph sent them, beside what to do', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const before = shared.upstream.fake.data
      .publishedMedia(NORTHWIND, now())
      .find((m) => m.timestamp < pacificDayStart('2017-06-01'));
    const result = await stack.get(`/api/${before?.id}/insights`);
    expect(result.status).toBe(422);
    expectGraphError(result.body, 100);
    expect(result.body.error).toMatchObject({
      type: 'NotAvailable',
      error_subcode: 2108006,
      error_user_title: 'Media posted before business account conversion',
      error_user_msg:
        "The media was posted before the most recent time that the user's account was converted to a business account from a personal account.",
      message:
        'Instagram has no insights for media posted before the account became a business account.',
    });
  });

  it('a refusal without such words keeps the server’s own short title and no error_user_msg', async () => {
    const tiny = await stackFor({ accountIds: ['17841452007713306'] });
    const refused = await tiny.get('/api/17841452007713306/insights?metric=follower_count');
    expect(refused.status).toBe(422);
    expect(refused.body.error.error_user_title).toBe('Needs 100 followers');
    expect(refused.body.error).not.toHaveProperty('error_user_msg');
  });
});

describe('refusals that will not change are remembered', () => {
  it('2108006: the repeat costs no upstream call', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const before = shared.upstream.fake.data
      .publishedMedia(NORTHWIND, now())
      .find((m) => m.timestamp < pacificDayStart('2017-06-01'));
    const first = await stack.counting(() => stack.get(`/api/${before?.id}/insights`));
    expect(first.result.status).toBe(422);
    expect(first.calls).toBe(2); // the ownership lookup, then the insights
    const again = await stack.counting(() => stack.get(`/api/${before?.id}/insights`));
    expect(again.result.status).toBe(422);
    expect(again.result.body).toEqual(first.result.body);
    expect(again.calls).toBe(0);
  });

  it('an id Graph says does not exist (a story gone after 24 hours): the repeat costs no call', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const stories = await stack.get(`/api/${NORTHWIND}/stories`);
    const story = stories.body.data[0]?.id as string;
    expect(story).toBeDefined();
    shared.upstream.clock.advance(25 * 3_600_000);
    const first = await stack.counting(() => stack.get(`/api/${story}/insights?metric=reach`));
    expect(first.result.status).toBe(404);
    expect(first.calls).toBe(1);
    const again = await stack.counting(() => stack.get(`/api/${story}/insights?metric=reach`));
    expect(again.result.status).toBe(404);
    expect(again.calls).toBe(0);
  });

  it('a metric not offered for that media: one call, then none', async () => {
    const stack = await stackFor({ accountIds: [LUMEN] });
    const reel = demoMedia(LUMEN, (m) => m.productType === 'REELS');
    await stack.get(`/api/${reel.id}?fields=id,media_type,media_product_type,timestamp`);
    shared.upstream.fake.setFaults({ retiredMetrics: ['reels_skip_rate'] });
    const path = `/api/${reel.id}/insights?metric=reels_skip_rate`;
    const first = await stack.counting(() => stack.get(path));
    expect(first.result.status).toBe(422);
    expect(first.result.body.error).toMatchObject({
      type: 'NotAvailable',
      error_user_title: 'No longer provided',
      message: 'Instagram no longer provides reels_skip_rate for reels.',
    });
    expect(first.calls).toBe(1);
    const again = await stack.counting(() => stack.get(path));
    expect(again.result.status).toBe(422);
    expect(again.calls).toBe(0);
  });

  it('transient errors are not remembered: once Instagram is back, the same request asks again', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const post = demoMedia(NORTHWIND, (m) => m.productType === 'FEED');
    await stack.get(`/api/${post.id}?fields=id,media_type,media_product_type,timestamp`);
    shared.upstream.fake.setFaults({ outage: true });
    const failing = await stack.get(`/api/${post.id}/insights?metric=reach`);
    expect(failing.status).toBe(502);
    shared.upstream.fake.setFaults(NO_FAULTS);
    const back = await stack.counting(() => stack.get(`/api/${post.id}/insights?metric=reach`));
    expect(back.result.status).toBe(200);
    expect(back.calls).toBe(1);
  });
});

describe('a metric Instagram stops providing costs one card, not a page', () => {
  it('media: asks again without it, answers the rest and marks it; the next media of the kind costs one call', async () => {
    const stack = await stackFor({ accountIds: [LUMEN] });
    const list = await stack.get(
      `/api/${LUMEN}/media?fields=id,media_type,media_product_type,timestamp&limit=60`,
    );
    const reels = (list.body.data as { id: string; media_product_type: string }[]).filter(
      (m) => m.media_product_type === 'REELS',
    );
    const post = (list.body.data as { id: string; media_type: string }[]).find(
      (m) => m.media_type === 'IMAGE',
    );
    expect(reels.length).toBeGreaterThan(2);
    const before = await stack.get(`/api/${reels[0]?.id}/insights`);
    expect(names(before.body)).toContain('reels_skip_rate');

    shared.upstream.fake.setFaults({ retiredMetrics: ['reels_skip_rate'] });
    const first = await stack.counting(() => stack.get(`/api/${reels[1]?.id}/insights`));
    expect(first.result.status).toBe(200);
    expect(first.calls).toBe(2); // refused naming the metric, then asked without it
    expect(names(first.result.body)).not.toContain('reels_skip_rate');
    // The same metrics as before, less the retired one (the Facebook side depends on the reel).
    const own = (list: string[]) =>
      list.filter((n) => !['reels_skip_rate', 'crossposted_views', 'facebook_views'].includes(n));
    expect(own(names(first.result.body))).toEqual(own(names(before.body)));
    expect(first.result.body.missing_metrics).toEqual([
      {
        name: 'reels_skip_rate',
        title: 'Skip rate',
        description: expect.any(String),
        message: 'Instagram no longer provides reels_skip_rate for reels.',
      },
    ]);
    for (const entry of first.result.body.data)
      expect(entry.values[0].value).toBeGreaterThanOrEqual(0);

    // Remembered for the Graph version and the kind of media: another reel costs one call.
    const next = await stack.counting(() => stack.get(`/api/${reels[2]?.id}/insights`));
    expect(next.result.status).toBe(200);
    expect(next.calls).toBe(1);
    expect(next.result.body.missing_metrics?.map((m: { name: string }) => m.name)).toEqual([
      'reels_skip_rate',
    ]);
    // Other kinds of media never had it: nothing missing for them.
    const photo = await stack.get(`/api/${post?.id}/insights`);
    expect(photo.status).toBe(200);
    expect(photo.body).not.toHaveProperty('missing_metrics');
  });

  it('account totals and daily values: the others are answered, the retired one is marked', async () => {
    const stack = await stackFor({ accountIds: [HARBOR] });
    shared.upstream.fake.setFaults({ retiredMetrics: ['account:reposts'] });
    const since = addDays(today(), -9);
    const until = addDays(today(), -3);
    const totals = await stack.counting(() =>
      stack.get(
        `/api/${HARBOR}/insights?metric=views,likes,reposts&metric_type=total_value&since=${since}&until=${until}`,
      ),
    );
    expect(totals.result.status).toBe(200);
    expect(names(totals.result.body)).toEqual(['views', 'likes']);
    expect(totals.result.body.missing_metrics).toEqual([
      expect.objectContaining({
        name: 'reposts',
        message: 'Instagram no longer provides reposts for accounts.',
      }),
    ]);
    expect(totals.calls).toBe(2);
    const daily = await stack.counting(() =>
      stack.get(
        `/api/${HARBOR}/insights?metric=views,reposts&metric_type=total_value&split=day&since=${since}&until=${until}`,
      ),
    );
    expect(daily.result.status).toBe(200);
    expect(names(daily.result.body)).toEqual(['views']);
    expect(daily.result.body.data[0].values).toHaveLength(7);
    expect(daily.result.body.missing_metrics.map((m: { name: string }) => m.name)).toEqual([
      'reposts',
    ]);
    expect(daily.calls).toBe(1); // one batch, reposts already known to be gone
  });
});

describe('the new metrics, count fields and collaborations through the proxy', () => {
  it('asks every metric a reel shared to Facebook has by default, and the count fields', async () => {
    const stack = await stackFor({ accountIds: [MESA] });
    const reel = demoMedia(MESA, (m) => m.productType === 'REELS' && m.crossposted);
    const insights = await stack.get(`/api/${reel.id}/insights`);
    expect(insights.status).toBe(200);
    expect(names(insights.body)).toEqual(
      expect.arrayContaining([
        'views',
        'crossposted_views',
        'facebook_views',
        'total_views',
        'total_likes',
        'total_comments',
        'reposts',
        'reels_skip_rate',
      ]),
    );
    const node = await stack.get(
      `/api/${reel.id}?fields=id,like_count,total_like_count,total_comments_count,total_views_count,reposts_count,saved_count,shares_count`,
    );
    expect(node.status).toBe(200);
    expect(node.body.total_like_count).toBeGreaterThanOrEqual(node.body.like_count);
    expect(Object.keys(node.body)).toHaveLength(8);
  });

  it('leaves total_views out for photos, and refuses it when asked, before any upstream call', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const photo = demoMedia(NORTHWIND, (m) => m.mediaType === 'IMAGE');
    const list = await stack.get(`/api/${NORTHWIND}/media?limit=100`);
    expect(list.status).toBe(200);
    const insights = await stack.get(`/api/${photo.id}/insights`);
    expect(insights.status, JSON.stringify(insights.body)).toBe(200);
    expect(names(insights.body)).not.toContain('total_views');
    expect(names(insights.body)).toContain('total_likes');
    const asked = await stack.counting(() =>
      stack.get(`/api/${photo.id}/insights?metric=total_views`),
    );
    expect(asked.result.status).toBe(400);
    expect(asked.result.body.error.message).toMatch(
      /total_views is not available for FEED IMAGE media/,
    );
    expect(asked.calls).toBe(0);
  });

  it('lists collaborative_media with paging on the proxy, and opens their insights', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND, LUMEN, HARBOR, MESA] });
    const first = await stack.get(
      `/api/${NORTHWIND}/collaborative_media?fields=id,media_type,media_product_type,username,like_count,total_like_count&limit=5`,
    );
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(5);
    expect(first.body.paging.next).toMatch(
      new RegExp(`^/api/${NORTHWIND}/collaborative_media\\?fields=.*&after=`),
    );
    const expected = shared.upstream.fake.data.collaborativeMedia(NORTHWIND, now());
    expect(first.body.data.map((m: { id: string }) => m.id)).toEqual(
      expected.slice(0, 5).map((m) => m.id),
    );
    const second = await stack.get(first.body.paging.next);
    expect(second.body.data[0].id).toBe(expected[5]?.id);
    const insights = await stack.counting(() =>
      stack.get(`/api/${first.body.data[0].id}/insights`),
    );
    expect(insights.result.status).toBe(200);
    expect(names(insights.result.body)).toContain('reach');
    // Known from the listing: no ownership lookup. Its metrics, and beside them each breakdown
    // the post page will ask next.
    const breakdowns = names(insights.result.body).filter((n) => findMediaMetric(n)?.breakdown);
    expect(insights.graphCalls).toBe(1 + breakdowns.length);
  });

  it('a collaboration on another account’s post is open to those who may see the collaborator', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND, LUMEN, HARBOR, MESA] });
    const collab = shared.upstream.fake.data
      .collaborativeMedia(NORTHWIND, now())
      .find((m) => m.accountId !== NORTHWIND && m.accountId !== '17841452007713306');
    expect(collab).toBeDefined();
    const member = stack.cookieFor({
      email: 'northwind-only@example.com',
      role: 'member',
      accounts: [NORTHWIND],
    });
    const outsider = stack.cookieFor({
      email: 'mesa-only@example.com',
      role: 'member',
      accounts: [collab?.accountId === MESA ? HARBOR : MESA],
    });
    // Listed first, as the collaborations view does.
    const listed = await stack.get(`/api/${NORTHWIND}/collaborative_media?limit=100`, {
      headers: { cookie: member },
    });
    expect(listed.body.data.map((m: { id: string }) => m.id)).toContain(collab?.id);
    const mine = await stack.get(`/api/${collab?.id}/insights?metric=reach`, {
      headers: { cookie: member },
    });
    expect(mine.status).toBe(200);
    const theirs = await stack.get(`/api/${collab?.id}/insights?metric=reach`, {
      headers: { cookie: outsider },
    });
    expect(theirs.status).toBe(404);
  });

  it('a collaboration opens before its list was loaded, even when its owner is not shown here', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND] });
    const collab = shared.upstream.fake.data
      .collaborativeMedia(NORTHWIND, now())
      .find((m) => m.day < addDays(today(), -30) && !m.beforeBusiness);
    expect(collab).toBeDefined();
    const search = `/api/${NORTHWIND}?fields=${encodeURIComponent(`collaborative_media_search.media_id(${collab?.id})`)}`;
    // Straight to the post (a bookmark, a restarted server): the page asks through whom it sees it.
    const asked = await stack.counting(() => stack.get(search));
    expect(asked.result.status, JSON.stringify(asked.result.body)).toBe(200);
    expect(asked.calls).toBe(1);
    expect(asked.result.body).toEqual({
      collaborative_media_search: {
        data: [
          {
            id: collab?.id,
            media_type: collab?.mediaType,
            media_product_type: collab?.productType,
            timestamp: expect.any(String),
          },
        ],
      },
      id: NORTHWIND,
    });
    const insights = await stack.counting(() =>
      stack.get(`/api/${collab?.id}/insights?metric=reach`),
    );
    expect(insights.result.status, JSON.stringify(insights.result.body)).toBe(200);
    expect(insights.calls).toBe(1); // known: no ownership lookup
    expect((await stack.get(`/api/${collab?.id}?fields=id,like_count`)).status).toBe(200);
    // Asked again within minutes: no call.
    expect((await stack.counting(() => stack.get(search))).calls).toBe(0);
    // A post on which the account does not collaborate stays refused, as without the search.
    const stranger = demoMedia(
      LUMEN,
      (m) => shared.upstream.fake.data.collaborationOf(m) === undefined,
    );
    const none = await stack.get(
      `/api/${NORTHWIND}?fields=collaborative_media_search.media_id(${stranger.id})`,
    );
    expect(none.body.collaborative_media_search.data).toEqual([]);
    expect((await stack.get(`/api/${stranger.id}/insights`)).status).toBe(403);
    // Only as asked, and only with the ownership fields.
    for (const fields of [
      'collaborative_media_search.media_id(abc)',
      `collaborative_media_search.media_id(${collab?.id}){id,caption}`,
      `id,collaborative_media_search.media_id(${collab?.id})`,
    ]) {
      const refused = await stack.counting(() =>
        stack.get(`/api/${NORTHWIND}?fields=${encodeURIComponent(fields)}`),
      );
      expect(refused.result.status, fields).toBe(400);
      expect(refused.calls, fields).toBe(0);
    }
  });

  it('a collaboration opens for someone who may see only the collaborator, before its list was loaded', async () => {
    const stack = await stackFor({ accountIds: [NORTHWIND, LUMEN, HARBOR, MESA] });
    const collab = shared.upstream.fake.data
      .collaborativeMedia(NORTHWIND, now())
      .find((m) => m.accountId === MESA || m.accountId === HARBOR);
    expect(collab).toBeDefined();
    const member = stack.cookieFor({
      email: 'northwind-only@example.com',
      role: 'member',
      accounts: [NORTHWIND],
    });
    const outsider = stack.cookieFor({
      email: 'lumen-only@example.com',
      role: 'member',
      accounts: [LUMEN],
    });
    const search = `/api/${NORTHWIND}?fields=collaborative_media_search.media_id(${collab?.id})`;
    // Someone who may not see the account may not ask, and nothing reaches Instagram.
    const theirSearch = await stack.counting(() =>
      stack.get(search, { headers: { cookie: outsider } }),
    );
    expect(theirSearch.result.status).toBe(404);
    expect(theirSearch.calls).toBe(0);
    expect((await stack.get(search, { headers: { cookie: member } })).status).toBe(200);
    const mine = await stack.get(`/api/${collab?.id}/insights?metric=reach`, {
      headers: { cookie: member },
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    const theirs = await stack.get(`/api/${collab?.id}/insights?metric=reach`, {
      headers: { cookie: outsider },
    });
    expect(theirs.status).toBe(404);
  });
});

describe('Instagram Login and the catalogue', () => {
  it('plans no Facebook-only metric under Instagram Login, and says why when one is asked', () => {
    const story = { productType: 'STORY', mediaType: 'IMAGE' };
    const facebook = planMediaInsights({}, 26, story, 'facebook').metrics.map((m) => m.name);
    const instagram = planMediaInsights({}, 26, story, 'instagram').metrics.map((m) => m.name);
    expect(facebook).toContain('link_clicks');
    expect(instagram).not.toContain('link_clicks');
    expect(facebook.filter((n) => n !== 'link_clicks')).toEqual(instagram);
    expect(() => planMediaInsights({ metric: 'link_clicks' }, 26, story, 'instagram')).toThrow(
      /link_clicks comes only with Facebook Login/,
    );
    const reel = planMediaInsights({}, 26, { productType: 'REELS', mediaType: 'VIDEO' });
    expect(reel.metrics.map((m) => m.name)).toEqual(
      expect.arrayContaining(['crossposted_views', 'facebook_views', 'total_views']),
    );
  });

  it('reads the metric an error names, by index or by name, and only for code 100', () => {
    const asked = ['views', 'reach', 'reels_skip_rate'];
    const error = (message: string, extra = {}) => ({
      message,
      type: 'OAuthException',
      code: 100,
      fbtrace_id: 'x',
      ...extra,
    });
    expect(
      rejectedMetric(error('(#100) metric[2] must be one of the following values: views'), asked),
    ).toBe('reels_skip_rate');
    expect(
      rejectedMetric(
        error(
          '(#100) The Media Insights API does not support the reach metric for this media product type.',
        ),
        asked,
      ),
    ).toBe('reach');
    expect(
      rejectedMetric(
        error(
          '(#100) Starting from version v27.0 and above, the views metric is no longer supported for the queried media.',
        ),
        asked,
      ),
    ).toBe('views');
    expect(
      rejectedMetric(error('(#100) period must be one of the following values: day'), asked),
    ).toBeUndefined();
    expect(
      rejectedMetric(error('Invalid parameter', { error_subcode: 2108006 }), asked),
    ).toBeUndefined();
    expect(
      rejectedMetric({ ...error('(#10) metric[0] must be one of'), code: 10 }, asked),
    ).toBeUndefined();
    expect(objectLabel({ kind: 'media', productType: 'FEED', mediaType: 'CAROUSEL_ALBUM' })).toBe(
      'carousels',
    );
  });
});

it('every answer in this file carried the security headers and no secret', () => {
  expectSafeAnswers(shared.stacks);
});
