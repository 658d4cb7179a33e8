/**
 * The fake's contract for what Meta added since late 2025 (graph-api.md, "Changes since late
 * 2025"): the new media and account metrics, the count fields, `/{ig-user-id}/collaborative_media`,
 * v26.0, the Facebook-only metrics under Instagram Login, and metrics retired through the faults.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { windowForDays } from '../graph/date-windows';
import { mediaMetricsFor } from '../graph/metric-catalogue';
import { addDays, pacificDayOf } from '../graph/pacific-days';
import type { DemoMedia } from './demo-data/account-model';
import { FakeGraph } from './fake-graph';
import {
  expectGraphError,
  fixedClock,
  type GraphAnswer,
  graph,
  HARBOR,
  LUMEN,
  MESA,
  NORTHWIND,
  setupMswGraph,
  V22_ACCOUNT_METRICS,
  WINTER_NOW,
} from './testing/graph-test-client';

const msw = setupMswGraph();
const NOW = new Date(WINTER_NOW);
const TODAY = pacificDayOf(NOW);
const fake = new FakeGraph({ now: fixedClock(WINTER_NOW) });

/** A published media of a demo account (settled: older than a month) matching `predicate`. */
function demoMedia(accountId: string, predicate: (m: DemoMedia) => boolean): DemoMedia {
  const found = fake.data
    .publishedMedia(accountId, NOW)
    .find((m) => m.day < addDays(TODAY, -30) && !m.beforeBusiness && predicate(m));
  if (!found) throw new Error('no such demo media');
  return found;
}

function liveStory(crossposted: boolean): DemoMedia {
  for (const id of [NORTHWIND, LUMEN, MESA, HARBOR]) {
    const story = fake.data
      .liveStories(id, NOW)
      .find((s) => s.crossposted === crossposted && s.lifetime.reach >= 20);
    if (story) return story;
  }
  throw new Error('no such live story');
}

const valuesOf = (res: GraphAnswer): Record<string, number> =>
  Object.fromEntries(
    res.body.data.map((d: { name: string; values: { value: number }[] }) => [
      d.name,
      d.values[0]?.value,
    ]),
  );

/** The reference's media insights shape: name, period, values [{value}], title, description, id. */
function expectLifetimeEntries(res: GraphAnswer, mediaId: string, names: string[]): void {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(Object.keys(res.body)).toEqual(['data']);
  expect(res.body.data.map((d: { name: string }) => d.name)).toEqual(names);
  for (const entry of res.body.data) {
    expect(Object.keys(entry)).toEqual(['name', 'period', 'values', 'title', 'description', 'id']);
    expect(entry.period).toBe('lifetime');
    expect(entry.id).toBe(`${mediaId}/insights/${entry.name}/lifetime`);
    expect(Object.keys(entry.values[0])).toEqual(['value']);
    expect(Number.isInteger(entry.values[0].value)).toBe(true);
    expect(entry.title.length).toBeGreaterThan(0);
    expect(entry.description.length).toBeGreaterThan(0);
  }
}

const unsupported = (metric: string) =>
  `(#100) The Media Insights API does not support the ${metric} metric for this media product type.`;

beforeAll(() => msw.serveFake(fake));
beforeEach(() => {
  fake.setFaults({ retiredMetrics: [] });
});

describe('media metrics of 2025-12-03 and 2026-04-22', () => {
  it('crossposted_views and facebook_views of a reel shared to Facebook: views on both, and on Facebook', async () => {
    const reel = demoMedia(LUMEN, (m) => m.productType === 'REELS' && m.crossposted);
    const res = await graph(
      `v26.0/${reel.id}/insights?metric=views,crossposted_views,facebook_views`,
    );
    expectLifetimeEntries(res, reel.id, ['views', 'crossposted_views', 'facebook_views']);
    const v = valuesOf(res);
    expect(v.facebook_views).toBeGreaterThan(0);
    expect(v.crossposted_views).toBe((v.views ?? 0) + (v.facebook_views ?? 0));
    const [, crossposted, facebook] = res.body.data;
    expect(crossposted.title).toBe('Views on Instagram and Facebook');
    expect(facebook.title).toBe('Facebook views');
  });

  it('leaves crossposted_views and facebook_views out for media not shared to Facebook', async () => {
    const reel = demoMedia(LUMEN, (m) => m.productType === 'REELS' && !m.crossposted);
    const res = await graph(
      `v26.0/${reel.id}/insights?metric=views,crossposted_views,facebook_views,reach`,
    );
    expectLifetimeEntries(res, reel.id, ['views', 'reach']);
  });

  it('gives facebook_views for feed posts and stories shared to Facebook too, crossposted_views for reels only', async () => {
    const post = demoMedia(NORTHWIND, (m) => m.productType === 'FEED' && m.crossposted);
    const res = await graph(`v26.0/${post.id}/insights?metric=views,facebook_views`);
    expectLifetimeEntries(res, post.id, ['views', 'facebook_views']);
    expect(valuesOf(res).facebook_views).toBeGreaterThan(0);
    expectGraphError(await graph(`v26.0/${post.id}/insights?metric=crossposted_views`), {
      status: 400,
      code: 100,
      message: unsupported('crossposted_views'),
    });

    const story = liveStory(true);
    const storyRes = await graph(`v26.0/${story.id}/insights?metric=reach,facebook_views`);
    expectLifetimeEntries(storyRes, story.id, ['reach', 'facebook_views']);
    const notShared = liveStory(false);
    expectLifetimeEntries(
      await graph(`v26.0/${notShared.id}/insights?metric=reach,facebook_views`),
      notShared.id,
      ['reach'],
    );
  });

  it('total_likes, total_comments and total_views count Instagram, Facebook and promoted media', async () => {
    const reel = demoMedia(MESA, (m) => m.productType === 'REELS' && m.crossposted && m.promoted);
    const names = 'views,likes,comments,total_views,total_likes,total_comments';
    const res = await graph(`v26.0/${reel.id}/insights?metric=${names}`);
    expectLifetimeEntries(res, reel.id, names.split(','));
    const v = valuesOf(res) as Record<string, number>;
    const t = reel.lifetime;
    expect(v.total_views).toBe(t.views + t.facebook_views + t.promoted_views);
    expect(v.total_likes).toBe(t.likes + t.facebook_likes + t.promoted_likes);
    expect(v.total_comments).toBe(t.comments + t.facebook_comments + t.promoted_comments);
    expect(v.total_views).toBeGreaterThan(v.views as number);
    expect(v.total_likes).toBeGreaterThan(v.likes as number);
  });

  it('gives total_views for videos only, total_likes and total_comments not for stories', async () => {
    const photo = demoMedia(NORTHWIND, (m) => m.mediaType === 'IMAGE');
    expectGraphError(await graph(`v26.0/${photo.id}/insights?metric=reach,total_views`), {
      status: 400,
      code: 100,
      message: unsupported('total_views'),
    });
    const video = demoMedia(NORTHWIND, (m) => m.mediaType === 'VIDEO' && m.productType === 'FEED');
    expect((await graph(`v26.0/${video.id}/insights?metric=total_views`)).status).toBe(200);
    const story = liveStory(false);
    for (const metric of ['total_likes', 'total_comments', 'total_views'])
      expectGraphError(await graph(`v26.0/${story.id}/insights?metric=${metric}`), {
        status: 400,
        code: 100,
        message: unsupported(metric),
      });
  });

  it('gives reposts for every kind of media, and reels_skip_rate (a percentage) for reels', async () => {
    const reel = demoMedia(LUMEN, (m) => m.productType === 'REELS');
    const res = await graph(`v26.0/${reel.id}/insights?metric=reposts,reels_skip_rate`);
    expect(res.status).toBe(200);
    const [reposts, skip] = res.body.data;
    expect(reposts).toMatchObject({ name: 'reposts', title: 'Reposts', period: 'lifetime' });
    expect(reposts.values[0].value).toBe(reel.lifetime.reposts);
    expect(skip.values[0].value).toBe(reel.skipRate);
    const story = liveStory(false);
    expect((await graph(`v26.0/${story.id}/insights?metric=reposts`)).status).toBe(200);
  });
});

describe('story link_clicks (2026-06-22)', () => {
  it('counts taps on link stickers, for stories only', async () => {
    const story = liveStory(true);
    const res = await graph(`v26.0/${story.id}/insights?metric=link_clicks`);
    expectLifetimeEntries(res, story.id, ['link_clicks']);
    expect(valuesOf(res).link_clicks).toBe(story.lifetime.link_clicks);
    const post = demoMedia(NORTHWIND, (m) => m.productType === 'FEED');
    expectGraphError(await graph(`v26.0/${post.id}/insights?metric=link_clicks`), {
      status: 400,
      code: 100,
      message: unsupported('link_clicks'),
    });
  });
});

describe('account reposts (2025-12-03)', () => {
  it('is a daily total_value metric in the reference shape', async () => {
    const w = windowForDays(addDays(TODAY, -10), addDays(TODAY, -3));
    const res = await graph(
      `v26.0/${NORTHWIND}/insights?metric=reposts&metric_type=total_value&period=day&since=${w.since}&until=${w.until}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [entry] = res.body.data;
    expect(Object.keys(entry)).toEqual([
      'name',
      'period',
      'title',
      'description',
      'id',
      'total_value',
    ]);
    expect(entry).toMatchObject({ name: 'reposts', period: 'day', title: 'Reposts' });
    expect(entry.total_value.value).toBeGreaterThan(0);
    expectGraphError(await graph(`v26.0/${NORTHWIND}/insights?metric=reposts&period=day`), {
      status: 400,
      code: 100,
      message:
        '(#100) The following metrics (reposts) should be specified with parameter metric_type=total_value',
    });
  });
});

describe('media count fields (2026-04-22)', () => {
  const fields =
    'id,like_count,comments_count,total_like_count,total_comments_count,total_views_count,reposts_count,saved_count,shares_count';

  it('match the insights: totals across Instagram, Facebook and promoted media; Instagram counts', async () => {
    const reel = demoMedia(MESA, (m) => m.productType === 'REELS' && m.crossposted);
    const node = await graph(`v26.0/${reel.id}?fields=${fields}`);
    expect(node.status, JSON.stringify(node.body)).toBe(200);
    expect(Object.keys(node.body)).toEqual(fields.split(','));
    const insights = valuesOf(
      await graph(
        `v26.0/${reel.id}/insights?metric=total_likes,total_comments,total_views,reposts,saved,shares`,
      ),
    );
    expect(node.body).toEqual({
      id: reel.id,
      like_count: reel.lifetime.likes,
      comments_count: reel.lifetime.comments,
      total_like_count: insights.total_likes,
      total_comments_count: insights.total_comments,
      total_views_count: insights.total_views,
      reposts_count: insights.reposts,
      saved_count: insights.saved,
      shares_count: insights.shares,
    });
    expect(node.body.total_like_count).toBeGreaterThan(node.body.like_count);
  });

  it('has no total_views_count for a photo, and the fields in media lists too', async () => {
    const photo = demoMedia(NORTHWIND, (m) => m.mediaType === 'IMAGE');
    const node = await graph(`v26.0/${photo.id}?fields=id,total_like_count,total_views_count`);
    expect(Object.keys(node.body)).toEqual(['id', 'total_like_count']);
    const list = await graph(`v26.0/${NORTHWIND}/media?fields=id,like_count,total_like_count`);
    for (const m of list.body.data) expect(m.total_like_count).toBeGreaterThanOrEqual(m.like_count);
  });
});

describe('collaborative_media (2026-04-22)', () => {
  it('lists other accounts’ posts on which the account is an accepted collaborator, with cursors', async () => {
    const fields = 'id,media_type,media_product_type,timestamp,username,owner';
    const first = await graph(`v26.0/${NORTHWIND}/collaborative_media?fields=${fields}&limit=5`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(Object.keys(first.body)).toEqual(['data', 'paging']);
    expect(first.body.data).toHaveLength(5);
    expect(Object.keys(first.body.paging)).toEqual(['cursors', 'next']);
    expect(first.body.paging.next).toContain(`/v26.0/${NORTHWIND}/collaborative_media?`);
    const expected = fake.data.collaborativeMedia(NORTHWIND, NOW);
    expect(expected.length).toBeGreaterThan(10);
    expect(first.body.data.map((m: { id: string }) => m.id)).toEqual(
      expected.slice(0, 5).map((m) => m.id),
    );
    for (const m of first.body.data) {
      expect(m.owner.id).not.toBe(NORTHWIND);
      expect(fake.data.findAccount(m.owner.id)?.username).toBe(m.username);
      expect(['FEED', 'REELS']).toContain(m.media_product_type);
    }
    // Every post on the edge is accepted; invitations still pending are not on it.
    for (const m of expected)
      expect(fake.data.collaborationOf(m)).toEqual({
        accountId: NORTHWIND,
        accepted: true,
      });
    const second = await graph(first.body.paging.next);
    expect(second.body.data[0].id).toBe(expected[5]?.id);
    // A collaboration's insights are asked like any media's.
    const insights = await graph(`v26.0/${first.body.data[0].id}/insights?metric=reach,likes`);
    expect(insights.status).toBe(200);
  });

  it('says through collaborative_media_search whether the account collaborates on one media', async () => {
    const collab = fake.data.collaborativeMedia(NORTHWIND, NOW)[0] as DemoMedia;
    const search = (accountId: string, mediaId: string, fields = '{id,media_product_type}') =>
      graph(
        `v26.0/${accountId}?fields=${encodeURIComponent(`collaborative_media_search.media_id(${mediaId})${fields}`)}`,
      );
    const found = await search(NORTHWIND, collab.id);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body).toEqual({
      collaborative_media_search: {
        data: [{ id: collab.id, media_product_type: collab.productType }],
      },
      id: NORTHWIND,
    });
    // The owner is no collaborator on its own post; nor is any account on a post without one.
    expect(
      (await search(collab.accountId, collab.id)).body.collaborative_media_search.data,
    ).toEqual([]);
    const plain = demoMedia(NORTHWIND, (m) => fake.data.collaborationOf(m) === undefined);
    expect((await search(LUMEN, plain.id, '')).body).toEqual({
      collaborative_media_search: { data: [] },
      id: LUMEN,
    });
    expectGraphError(await search(NORTHWIND, 'x'), {
      status: 400,
      code: 100,
      message: /Tried accessing nonexisting field/,
    });
  });

  it('is an edge of accounts only', async () => {
    const post = demoMedia(NORTHWIND, () => true);
    expectGraphError(await graph(`v26.0/${post.id}/collaborative_media`), {
      status: 400,
      code: 2500,
      message: 'Unknown path components: /collaborative_media',
    });
  });
});

describe('Graph API v26.0', () => {
  it('answers like v25.0', async () => {
    const post = demoMedia(NORTHWIND, (m) => m.productType === 'FEED');
    const a = await graph(`v25.0/${post.id}/insights?metric=reach,views,likes`);
    const b = await graph(`v26.0/${post.id}/insights?metric=reach,views,likes`);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });
});

describe('Instagram Login (graph.instagram.com)', () => {
  const instagram = new FakeGraph({
    now: fixedClock(WINTER_NOW),
    baseUrl: 'https://graph.instagram.com',
    login: 'instagram',
  });
  const base = 'https://graph.instagram.com';

  it('does not know story link_clicks nor the Facebook-only count fields', async () => {
    msw.serveFake(instagram);
    try {
      const story = liveStory(true);
      const live = mediaMetricsFor(26)
        .filter((m) => m.name !== 'link_clicks')
        .map((m) => m.name)
        .join(', ');
      expectGraphError(
        await graph(`v26.0/${story.id}/insights?metric=reach,link_clicks`, { base }),
        {
          status: 400,
          code: 100,
          message: `(#100) metric[1] must be one of the following values: ${live}`,
        },
      );
      const post = demoMedia(NORTHWIND, (m) => m.productType === 'FEED');
      expectGraphError(await graph(`v26.0/${post.id}?fields=id,saved_count`, { base }), {
        status: 400,
        code: 100,
        message:
          '(#100) Tried accessing nonexisting field (saved_count) on node type (ShadowIGMedia)',
      });
      const ok = await graph(`v26.0/${post.id}?fields=id,total_like_count`, { base });
      expect(ok.status).toBe(200);
    } finally {
      msw.serveFake(fake);
    }
  });
});

describe('retiring a metric through the faults, as Meta will', () => {
  it('makes a media metric unknown: the request fails naming its index, the list leaves it out', async () => {
    const reel = demoMedia(LUMEN, (m) => m.productType === 'REELS');
    const put = await graph('https://graph.facebook.com/__faults', {
      token: null,
      init: { method: 'PUT', body: JSON.stringify({ retiredMetrics: ['reels_skip_rate'] }) },
    });
    expect(put.body.retiredMetrics).toEqual(['reels_skip_rate']);
    const live = mediaMetricsFor(26)
      .filter((m) => m.name !== 'reels_skip_rate')
      .map((m) => m.name)
      .join(', ');
    expectGraphError(await graph(`v26.0/${reel.id}/insights?metric=views,reels_skip_rate`), {
      status: 400,
      code: 100,
      message: `(#100) metric[1] must be one of the following values: ${live}`,
    });
    expect((await graph(`v26.0/${reel.id}/insights?metric=views`)).status).toBe(200);
  });

  it('retires account or media metrics alone with a prefix', async () => {
    fake.setFaults({ retiredMetrics: ['account:reposts'] });
    const w = windowForDays(addDays(TODAY, -3), addDays(TODAY, -3));
    const account = await graph(
      `v26.0/${NORTHWIND}/insights?metric=views,reposts&metric_type=total_value&period=day&since=${w.since}&until=${w.until}`,
    );
    expectGraphError(account, {
      status: 400,
      code: 100,
      message: `(#100) metric[1] must be one of the following values: ${V22_ACCOUNT_METRICS.replace('reposts, ', '')}`,
    });
    const post = demoMedia(NORTHWIND, (m) => m.productType === 'FEED');
    expect((await graph(`v26.0/${post.id}/insights?metric=reposts`)).status).toBe(200);
  });

  it('refuses a malformed list', () => {
    expect(() => fake.setFaults({ retiredMetrics: ['no spaces'] })).toThrow();
  });
});
