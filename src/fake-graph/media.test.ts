/**
 * The fake's media: `/{ig-user-id}/media` and `/stories` with cursor paging, `/{ig-media-id}`,
 * and `/{ig-media-id}/insights` with its product-type rules, versions and errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BREAKDOWN_VALUES, mediaMetricsFor } from '../graph/metric-catalogue';
import { pacificDayOf, parseGraphTimestamp } from '../graph/pacific-days';
import { mediaTotalsAsOf } from './demo-data/account-model';
import { FakeGraph } from './fake-graph';
import {
  expectGraphError,
  fixedClock,
  type GraphAnswer,
  graph,
  LUMEN,
  NORTHWIND,
  setupMswGraph,
  TINY,
  TOKEN,
  WINTER_NOW,
} from './testing/graph-test-client';

const msw = setupMswGraph();
const NOW = new Date(WINTER_NOW);
const fake = new FakeGraph({ now: fixedClock(WINTER_NOW) });
beforeAll(() => msw.serveFake(fake));

interface ListedMedia {
  id: string;
  media_type: string;
  media_product_type: string;
  timestamp: string;
  children?: { data: { id: string }[] };
}

const FIELDS = 'id,media_type,media_product_type,timestamp';
const expectParamError = (answer: GraphAnswer, message: string) =>
  expectGraphError(answer, { status: 400, code: 100, message });

/** Follows `paging.next` to the end; returns the pages. */
async function walk(first: string): Promise<GraphAnswer[]> {
  const pages: GraphAnswer[] = [];
  let url: string | undefined = first;
  while (url) {
    const page: GraphAnswer = await graph(url);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    pages.push(page);
    url = page.body.paging?.next;
    if (pages.length > 100) throw new Error('paging does not end');
  }
  return pages;
}

let northwind: ListedMedia[] = [];
const findListed = (predicate: (m: ListedMedia) => boolean): ListedMedia => {
  const found = northwind.find(predicate);
  if (!found) throw new Error('no such demo media');
  return found;
};

describe('/{ig-user-id}/media', () => {
  beforeAll(async () => {
    const pages = await walk(`v25.0/${NORTHWIND}/media?fields=${FIELDS},children{id}&limit=100`);
    northwind = pages.flatMap((p) => p.body.data);
  });

  it('pages through every media once, newest first, with limit up to 100', async () => {
    const user = await graph(`v25.0/${NORTHWIND}?fields=media_count`);
    expect(northwind.length).toBe(user.body.media_count);
    expect(northwind.length).toBeGreaterThan(1000);
    expect(new Set(northwind.map((m) => m.id)).size).toBe(northwind.length);
    const times = northwind.map((m) => parseGraphTimestamp(m.timestamp).getTime());
    for (let i = 1; i < times.length; i++)
      expect(times[i] as number).toBeLessThanOrEqual(times[i - 1] as number);
    expect(times[0]).toBeLessThanOrEqual(NOW.getTime());
    // No stories in this edge.
    expect(new Set(northwind.map((m) => m.media_product_type))).toEqual(new Set(['FEED', 'REELS']));
  });

  it('gives full pages of `limit`, a `next` on all but the last page, `previous` after the first', async () => {
    const pages = await walk(`v25.0/${TINY}/media?fields=id,timestamp&limit=25`);
    const user = await graph(`v25.0/${TINY}?fields=media_count`);
    const total = user.body.media_count as number;
    expect(pages).toHaveLength(Math.ceil(total / 25));
    for (const [i, page] of pages.entries()) {
      const last = i === pages.length - 1;
      expect(page.body.data.length).toBe(last ? total - 25 * i : 25);
      expect(Object.keys(page.body.paging.cursors)).toEqual(['before', 'after']);
      if (last) expect(page.body.paging).not.toHaveProperty('next');
      else {
        const next = new URL(page.body.paging.next);
        expect(next.searchParams.get('access_token')).toBe(TOKEN);
        expect(next.searchParams.get('limit')).toBe('25');
        expect(next.searchParams.get('fields')).toBe('id,timestamp');
        expect(next.searchParams.get('after')).toBe(page.body.paging.cursors.after);
      }
      if (i === 0) expect(page.body.paging).not.toHaveProperty('previous');
      else expect(page.body.paging.previous).toContain('before=');
    }
    const ids = pages.flatMap((p) => p.body.data.map((m: { id: string }) => m.id));
    expect(new Set(ids).size).toBe(total);
  });

  it('goes back a page with `previous`', async () => {
    const first = await graph(`v25.0/${LUMEN}/media?limit=10`);
    const second = await graph(first.body.paging.next);
    const back = await graph(second.body.paging.previous);
    expect(back.body.data).toEqual(first.body.data);
    // Without fields a media has only its id.
    expect(Object.keys(first.body.data[0])).toEqual(['id']);
  });

  it('pages 100 at a time when asked, and 25 by default', async () => {
    expect((await graph(`v25.0/${LUMEN}/media?limit=100`)).body.data).toHaveLength(100);
    expect((await graph(`v25.0/${LUMEN}/media`)).body.data).toHaveLength(25);
  });

  it.each(['101', '0', '-5', 'ten', '2.5'])('rejects limit=%s', async (limit) => {
    expectParamError(
      await graph(`v25.0/${NORTHWIND}/media?limit=${limit}`),
      '(#100) The parameter limit must be a number between 1 and 100',
    );
  });

  it('rejects an unknown cursor', async () => {
    expectParamError(
      await graph(`v25.0/${NORTHWIND}/media?after=bm90LWEtY3Vyc29y`),
      '(#100) The after cursor is invalid',
    );
  });

  it('holds images, videos and carousels (with 2+ children) in feed and reels', () => {
    const kinds = new Set(northwind.map((m) => `${m.media_type}/${m.media_product_type}`));
    expect(kinds).toEqual(
      new Set(['IMAGE/FEED', 'VIDEO/FEED', 'CAROUSEL_ALBUM/FEED', 'VIDEO/REELS']),
    );
    for (const m of northwind) {
      if (m.media_type === 'CAROUSEL_ALBUM')
        expect(m.children?.data.length ?? 0).toBeGreaterThanOrEqual(2);
      else expect(m).not.toHaveProperty('children');
    }
  });

  it('answers /{ig-media-id} with the fields asked for', async () => {
    const video = findListed((m) => m.media_product_type === 'REELS');
    const res = await graph(
      `v25.0/${video.id}?fields=id,media_type,media_product_type,permalink,thumbnail_url,timestamp,like_count,comments_count,owner{id}`,
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      'id',
      'media_type',
      'media_product_type',
      'permalink',
      'thumbnail_url',
      'timestamp',
      'like_count',
      'comments_count',
      'owner',
    ]);
    expect(res.body.permalink).toMatch(/^https:\/\/www\.instagram\.com\/reel\/[\w-]{11}\/$/);
    expect(res.body.owner).toEqual({ id: NORTHWIND });
    expect(res.body.timestamp).toBe(video.timestamp);
    // like_count is what the media insights report as likes.
    const likes = await graph(`v25.0/${video.id}/insights?metric=likes,comments`);
    expect(likes.body.data.map((d: { values: { value: number }[] }) => d.values[0]?.value)).toEqual(
      [res.body.like_count, res.body.comments_count],
    );
  });
});

describe('/{ig-user-id}/stories', () => {
  it.each([
    ['northwind.coffee', NORTHWIND],
    ['lumen.studio', LUMEN],
    ['tiny.pottery', TINY],
  ])('lists only the stories of the last 24 hours of %s', async (_name, id) => {
    const res = await graph(`v25.0/${id}/stories?fields=${FIELDS}`);
    expect(res.status).toBe(200);
    const stories = res.body.data as ListedMedia[];
    expect(stories.length).toBeGreaterThan(0);
    for (const s of stories) {
      expect(s.media_product_type).toBe('STORY');
      const age = NOW.getTime() - parseGraphTimestamp(s.timestamp).getTime();
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(86_400_000);
    }
    // The model has older stories, which the edge leaves out.
    const model = fake.data.model(id, NOW);
    const published = model?.stories.filter((s) => s.timestamp.getTime() <= NOW.getTime()) ?? [];
    expect(published.length).toBeGreaterThan(stories.length);
    expect(stories.map((s) => s.id)).toEqual(
      published.filter((s) => NOW.getTime() - s.timestamp.getTime() < 86_400_000).map((s) => s.id),
    );
  });

  it('no longer knows a story once it is older than 24 hours', async () => {
    const model = fake.data.model(NORTHWIND, NOW);
    const expired = model?.stories.find((s) => NOW.getTime() - s.timestamp.getTime() > 86_400_000);
    expect(expired).toBeDefined();
    expectGraphError(await graph(`v25.0/${expired?.id}/insights?metric=reach`), {
      status: 400,
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
      message: `Unsupported get request. Object with ID '${expired?.id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    });
    // Its picture, fetched by a page that listed it while it was live, still loads (as a CDN
    // link outlives the story), while an id that was never published has none.
    const picture = await fetch(`https://graph.facebook.com/__media/${expired?.id}.svg`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch('https://graph.facebook.com/__media/17000000000000000.svg')).status).toBe(
      404,
    );
  });
});

describe('/{ig-media-id}/insights', () => {
  const feedMetrics =
    'views,reach,shares,total_interactions,reposts,likes,comments,saved,follows,profile_visits,profile_activity';
  const reelMetrics =
    'views,reach,shares,total_interactions,reposts,likes,comments,saved,ig_reels_avg_watch_time,ig_reels_video_view_total_time,reels_skip_rate';
  const storyMetrics =
    'views,reach,shares,total_interactions,reposts,follows,profile_visits,profile_activity,replies,navigation,link_clicks';

  const expectLifetimeShape = (res: GraphAnswer, mediaId: string, names: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data']);
    expect(res.body.data.map((d: { name: string }) => d.name)).toEqual(names.split(','));
    for (const entry of res.body.data) {
      expect(Object.keys(entry).slice(0, 6)).toEqual([
        'name',
        'period',
        'values',
        'title',
        'description',
        'id',
      ]);
      expect(entry.period).toBe('lifetime');
      expect(entry.id).toBe(`${mediaId}/insights/${entry.name}/lifetime`);
      expect(entry.values).toHaveLength(1);
      expect(Object.keys(entry.values[0])).toEqual(['value']);
      expect(entry.values[0].value).toBeGreaterThanOrEqual(0);
      expect(entry.title.length).toBeGreaterThan(0);
    }
  };
  const valuesOf = (res: GraphAnswer): Record<string, number> =>
    Object.fromEntries(
      res.body.data.map((d: { name: string; values: { value: number }[] }) => [
        d.name,
        d.values[0]?.value,
      ]),
    );

  it('answers every feed metric for a feed post, period lifetime, values [{value}]', async () => {
    const post = findListed((m) => m.media_type === 'IMAGE' && m.timestamp < '2026-10');
    const res = await graph(`v25.0/${post.id}/insights?metric=${feedMetrics}`);
    expectLifetimeShape(res, post.id, feedMetrics);
    const v = valuesOf(res);
    expect(v.views).toBeGreaterThan(0);
    expect(v.reach).toBeLessThanOrEqual(v.views as number);
    for (const entry of res.body.data) expect(entry).not.toHaveProperty('total_value');
  });

  it('answers the reel metrics for a reel, with watch times in milliseconds', async () => {
    const reel = findListed((m) => m.media_product_type === 'REELS' && m.timestamp < '2026-10');
    const res = await graph(`v25.0/${reel.id}/insights?metric=${reelMetrics}`);
    expectLifetimeShape(res, reel.id, reelMetrics);
    const v = valuesOf(res);
    expect(v.ig_reels_avg_watch_time).toBeGreaterThanOrEqual(3_500);
    expect(v.ig_reels_video_view_total_time).toBe(
      (v.ig_reels_avg_watch_time ?? 0) * (v.views ?? 0),
    );
    expect(v.reels_skip_rate).toBeGreaterThan(0);
    expect(v.reels_skip_rate).toBeLessThan(100);
  });

  it('answers the story metrics for a live story, navigation broken down in lowercase', async () => {
    const stories = await graph(`v25.0/${NORTHWIND}/stories`);
    const story = stories.body.data[0].id as string;
    const res = await graph(
      `v25.0/${story}/insights?metric=${storyMetrics}&breakdown=story_navigation_action_type`,
    );
    expectLifetimeShape(res, story, storyMetrics);
    const navigation = res.body.data.find((d: { name: string }) => d.name === 'navigation');
    expect(Object.keys(navigation)).toEqual([
      'name',
      'period',
      'values',
      'title',
      'description',
      'id',
      'total_value',
    ]);
    const tv = navigation.total_value;
    expect(tv.value).toBe(navigation.values[0].value);
    expect(tv.breakdowns[0].dimension_keys).toEqual(['story_navigation_action_type']);
    const results = tv.breakdowns[0].results as { dimension_values: string[]; value: number }[];
    expect(results.reduce((s, r) => s + r.value, 0)).toBe(tv.value);
    for (const r of results)
      expect(BREAKDOWN_VALUES.story_navigation_action_type).toContain(r.dimension_values[0]);
    // Only the metric with that breakdown carries a total_value.
    expect(res.body.data.filter((d: object) => 'total_value' in d)).toHaveLength(1);
  });

  it('breaks profile_activity down by action_type', async () => {
    const post = findListed((m) => m.media_product_type === 'FEED' && m.timestamp < '2026-10');
    const res = await graph(
      `v25.0/${post.id}/insights?metric=reach,profile_activity&breakdown=action_type`,
    );
    expect(res.status).toBe(200);
    const [reach, activity] = res.body.data;
    expect(reach).not.toHaveProperty('total_value');
    const tv = activity.total_value;
    expect(Object.keys(tv)).toEqual(['value', 'breakdowns']);
    expect(tv.value).toBe(activity.values[0].value);
    expect(tv.value).toBeGreaterThan(0);
    const results = tv.breakdowns[0].results as { dimension_values: string[]; value: number }[];
    expect(tv.breakdowns[0].dimension_keys).toEqual(['action_type']);
    expect(results.reduce((s, r) => s + r.value, 0)).toBe(tv.value);
    for (const r of results) expect(BREAKDOWN_VALUES.action_type).toContain(r.dimension_values[0]);
  });

  it('rejects a breakdown no metric asked for has', async () => {
    const post = findListed((m) => m.media_product_type === 'FEED');
    expectParamError(
      await graph(
        `v25.0/${post.id}/insights?metric=reach,profile_activity&breakdown=story_navigation_action_type`,
      ),
      '(#100) breakdown must be one of the following values: action_type',
    );
  });

  it.each([
    ['replies', 'FEED'],
    ['navigation', 'FEED'],
    ['ig_reels_avg_watch_time', 'FEED'],
    ['follows', 'REELS'],
    ['profile_activity', 'REELS'],
    ['link_clicks', 'REELS'],
    ['likes', 'STORY'],
    ['saved', 'STORY'],
    ['reels_skip_rate', 'STORY'],
  ])('does not support %s for %s media', async (metric, product) => {
    let id: string;
    if (product === 'STORY') id = (await graph(`v25.0/${LUMEN}/stories`)).body.data[0].id;
    else id = findListed((m) => m.media_product_type === product).id;
    expectParamError(
      await graph(`v25.0/${id}/insights?metric=reach,${metric}`),
      `(#100) The Media Insights API does not support the ${metric} metric for this media product type.`,
    );
  });

  it('names the index of an unknown media metric and lists the live ones', async () => {
    const post = findListed((m) => m.media_product_type === 'FEED');
    const live = mediaMetricsFor(25)
      .map((m) => m.name)
      .join(', ');
    expect(live).not.toContain('impressions');
    expectParamError(
      await graph(`v25.0/${post.id}/insights?metric=reach,views,clicks`),
      `(#100) metric[2] must be one of the following values: ${live}`,
    );
    expectParamError(
      await graph(`v25.0/${post.id}/insights?metric=reach&period=day`),
      '(#100) period must be one of the following values: lifetime',
    );
    expectParamError(
      await graph(`v25.0/${post.id}/insights`),
      '(#100) The parameter metric is required',
    );
  });

  it('refuses insights for a live story under 5 viewers (code 10), tiny.pottery', async () => {
    const stories = (await graph(`v25.0/${TINY}/stories?fields=id,timestamp`)).body
      .data as ListedMedia[];
    const model = fake.data.model(TINY, NOW);
    let refused = 0;
    let answered = 0;
    for (const s of stories) {
      const res = await graph(`v25.0/${s.id}/insights?metric=reach,views`);
      const media = model?.stories.find((m) => m.id === s.id);
      const reach = media ? mediaTotalsAsOf(media, pacificDayOf(NOW)).reach : Number.NaN;
      if (reach < 5) {
        expectGraphError(res, {
          status: 400,
          code: 10,
          message: '(#10) Not enough viewers for the media to show insights',
        });
        refused++;
      } else {
        expect(res.status).toBe(200);
        expect(valuesOf(res).reach).toBe(reach);
        answered++;
      }
    }
    // At this clock tiny.pottery has both kinds of live story.
    expect(refused).toBeGreaterThan(0);
    expect(answered).toBeGreaterThan(0);
  });

  it('refuses insights for media posted before the business conversion (2108006)', async () => {
    const old = northwind.filter((m) => m.timestamp < '2017-06-01');
    expect(old.length).toBeGreaterThan(0);
    expect(old.some((m) => m.timestamp.startsWith('2016'))).toBe(true);
    for (const m of [old[0], old.at(-1)] as ListedMedia[]) {
      expectGraphError(await graph(`v25.0/${m.id}/insights?metric=reach,views`), {
        status: 400,
        code: 100,
        error_subcode: 2108006,
        message: 'Invalid parameter',
        error_user_title: 'Media posted before business account conversion',
      });
    }
    // The first media after the conversion has insights.
    const after = [...northwind].reverse().find((m) => m.timestamp >= '2017-06-02');
    expect((await graph(`v25.0/${after?.id}/insights?metric=reach`)).status).toBe(200);
  });

  it('has no insights for carousel children, only for the album', async () => {
    const album = findListed((m) => m.media_type === 'CAROUSEL_ALBUM' && m.timestamp > '2026');
    const child = album.children?.data[0]?.id as string;
    const childObject = await graph(`v25.0/${child}?fields=id,media_type`);
    expect(childObject.body).toEqual({ id: child, media_type: 'IMAGE' });
    expectParamError(
      await graph(`v25.0/${child}/insights?metric=reach`),
      '(#100) Insights are not available for carousel album children; ask for the album',
    );
    expect((await graph(`v25.0/${album.id}/insights?metric=reach`)).status).toBe(200);
  });

  it('answers an unknown media id with 100/33', async () => {
    expectGraphError(await graph('v25.0/17999999999999999/insights?metric=reach'), {
      status: 400,
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
      message:
        "Unsupported get request. Object with ID '17999999999999999' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
    });
  });
});

describe('media versions', () => {
  const pick = () => findListed((m) => m.media_type === 'IMAGE' && m.timestamp < '2026-10');

  it.each(['v19.0', 'v21.0'])(
    '%s accepts impressions and engagement with the seed wording',
    async (version) => {
      const post = pick();
      const res = await graph(
        `${version}/${post.id}/insights?metric=engagement,impressions,reach,likes,comments,views`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [engagement, impressions, reach] = res.body.data;
      expect(engagement).toMatchObject({
        title: 'Engagement',
        description: 'Total number of likes and comments on the media object',
      });
      expect(impressions).toMatchObject({
        title: 'Impressions',
        description: 'Total number of times the media object has been seen',
      });
      expect(reach).toMatchObject({
        title: 'Reach',
        description: 'Total number of unique accounts that have seen the media object',
      });
      const v = Object.fromEntries(
        res.body.data.map((d: { name: string; values: { value: number }[] }) => [
          d.name,
          d.values[0]?.value,
        ]),
      );
      expect(v.engagement).toBe((v.likes ?? 0) + (v.comments ?? 0));
      expect(v.impressions).toBe(v.views);
    },
  );

  it.each(['v22.0', 'v25.0'])(
    '%s rejects impressions and engagement with the real messages',
    async (version) => {
      const post = pick();
      expectParamError(
        await graph(`${version}/${post.id}/insights?metric=reach,impressions`),
        '(#100) Starting from version v22.0 and above, the impressions metric is no longer supported for the queried media. Please use views instead.',
      );
      expectParamError(
        await graph(`${version}/${post.id}/insights?metric=engagement`),
        '(#100) Starting from version v22.0 and above, the engagement metric is no longer supported for the queried media. Please use total_interactions instead.',
      );
    },
  );

  it('rejects the story taps metrics folded into navigation since v18', async () => {
    const story = (await graph(`v19.0/${NORTHWIND}/stories`)).body.data[0].id;
    expectParamError(
      await graph(`v19.0/${story}/insights?metric=taps_forward`),
      '(#100) Starting from version v18.0 and above, the taps_forward metric is no longer supported for the queried media. Please use navigation instead.',
    );
  });
});
