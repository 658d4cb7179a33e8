/**
 * The demo world's consistency rules, over all demo accounts: at model level (every day of the
 * history, every media) and through the API (what a client sees).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_HISTORY_DAYS, splitIntoWindows, windowForDays } from '../../graph/date-windows';
import { addDays, dayOfEndTime, daysBetween, pacificDayOf } from '../../graph/pacific-days';
import { FakeGraph } from '../fake-graph';
import {
  ALL_ACCOUNTS,
  fixedClock,
  graph,
  LARGER_ACCOUNTS,
  NORTHWIND,
  setupMswGraph,
  TINY,
  WINTER_NOW,
} from '../testing/graph-test-client';
import {
  type AccountModel,
  accrualOf,
  buildAccountModel,
  type DemoMedia,
  mediaTotalsAsOf,
  PRODUCT_KEYS,
} from './account-model';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { COLLABS_SINCE, DEFAULT_DEMO_SEED, DemoData } from './demo-data';

const NOW = new Date(WINTER_NOW);
const TODAY = pacificDayOf(NOW);
const YESTERDAY = addDays(TODAY, -1);

const data = new DemoData();
const models = new Map<string, AccountModel>();
const modelOf = (id: string): AccountModel => {
  let model = models.get(id);
  if (!model) {
    model = data.model(id, NOW);
    if (!model) throw new Error(`no demo account ${id}`);
    models.set(id, model);
  }
  return model;
};
const usernameOf = (id: string) => data.findAccount(id)?.username ?? id;
const sumProducts = (arrays: Record<string, Int32Array>, i: number) =>
  PRODUCT_KEYS.reduce((s, k) => s + (arrays[k]?.[i] ?? 0), 0);
const allMediaOf = (model: AccountModel): DemoMedia[] => [...model.media, ...model.stories];

describe.each(ALL_ACCOUNTS.map((id) => [usernameOf(id), id] as const))(
  'model of %s',
  (_name, id) => {
    it('has two years of daily history up to today', () => {
      const model = modelOf(id);
      expect(model.lastDay).toBe(TODAY);
      expect(model.indexOf(addDays(TODAY, -MAX_HISTORY_DAYS))).toBeGreaterThanOrEqual(0);
      expect(model.indexOf(TODAY)).toBe(model.daily.reach.length - 1);
      expect(model.indexOf(addDays(TODAY, 1))).toBe(-1);
    });

    it('never has more reach than views, nor more accounts engaged than reach (every day)', () => {
      const { daily } = modelOf(id);
      let daysWithViews = 0;
      for (let i = 0; i < daily.reach.length; i++) {
        const views = sumProducts(daily.views, i);
        const reach = daily.reach[i] ?? 0;
        if (views > 0) daysWithViews++;
        if (reach > views) throw new Error(`day ${i}: reach ${reach} > views ${views}`);
        if ((daily.accountsEngaged[i] ?? 0) > reach)
          throw new Error(`day ${i}: accounts engaged > reach`);
      }
      expect(daysWithViews).toBeGreaterThan(MAX_HISTORY_DAYS);
    });

    it('never gives a media more reach than views (lifetime and as of any day)', () => {
      const model = modelOf(id);
      for (const m of allMediaOf(model)) {
        expect(m.lifetime.reach, m.id).toBeLessThanOrEqual(m.lifetime.views);
        for (const asOf of [m.day, addDays(m.day, 2), TODAY]) {
          const t = mediaTotalsAsOf(m, asOf);
          if (t.reach > t.views) throw new Error(`${m.id} as of ${asOf}: reach > views`);
        }
      }
    });

    it('counts Facebook only for media shared there, ads only for promoted posts, and adds both to Instagram', () => {
      const model = modelOf(id);
      let crossposted = 0;
      let promoted = 0;
      for (const m of allMediaOf(model)) {
        const t = m.lifetime;
        if (m.crossposted) crossposted++;
        if (m.promoted) promoted++;
        const facebook = [t.facebook_views, t.facebook_likes, t.facebook_comments];
        const ads = [t.promoted_views, t.promoted_likes, t.promoted_comments];
        if (!m.crossposted && facebook.some((n) => n !== 0))
          throw new Error(`${m.id}: Facebook numbers without being shared to Facebook`);
        if (m.crossposted && t.views >= 10 && t.facebook_views === 0)
          throw new Error(`${m.id}: shared to Facebook, never seen there`);
        if (!m.promoted && ads.some((n) => n !== 0))
          throw new Error(`${m.id}: ad numbers without being promoted`);
        if (m.productType === 'STORY' && (m.promoted || t.facebook_likes + t.facebook_comments > 0))
          throw new Error(`${m.id}: a promoted story, or a story with likes`);
        for (const asOf of [m.day, TODAY]) {
          const a = mediaTotalsAsOf(m, asOf);
          // What the Instagram app shows (total_*) never falls below what Instagram counts alone.
          if (a.views + a.facebook_views + a.promoted_views < a.views) throw new Error(m.id);
          if (a.facebook_likes < 0 || a.promoted_likes < 0 || a.promoted_comments < 0)
            throw new Error(`${m.id}: negative`);
        }
      }
      expect(crossposted).toBeGreaterThan(0);
      if (id !== TINY) expect(promoted).toBeGreaterThan(0);
    });

    it('makes collaborations with other demo accounts only, since collaborative posts exist', () => {
      const model = modelOf(id);
      for (const m of [...model.media, ...model.stories]) {
        const collab = data.collaborationOf(m);
        if (!collab) continue;
        expect(collab.accountId).not.toBe(id);
        expect(data.findAccount(collab.accountId)).toBeDefined();
        expect(m.productType).not.toBe('STORY');
        expect(m.day >= COLLABS_SINCE).toBe(true);
      }
      const theirs = data.collaborativeMedia(id, NOW);
      expect(theirs.length).toBeGreaterThan(0);
      for (const m of theirs) expect(m.accountId).not.toBe(id);
    });

    it('adds up: the daily likes, comments, shares and saves equal the media totals', () => {
      const model = modelOf(id);
      const { daily } = model;
      const sumDays = (arrays: Record<string, Int32Array>) => {
        let s = 0;
        for (let i = 0; i < daily.reach.length; i++) s += sumProducts(arrays, i);
        return s;
      };
      const media = allMediaOf(model);
      const asOfToday = media.map((m) => mediaTotalsAsOf(m, TODAY));
      const sumMedia = (key: 'likes' | 'comments' | 'shares' | 'saved') =>
        asOfToday.reduce((s, t) => s + t[key], 0);
      expect(sumDays(daily.likes)).toBe(sumMedia('likes'));
      expect(sumDays(daily.comments)).toBe(sumMedia('comments'));
      expect(sumDays(daily.shares)).toBe(sumMedia('shares'));
      expect(sumDays(daily.saves)).toBe(sumMedia('saved'));
      expect(sumMedia('likes')).toBeGreaterThan(0);
      // Per product type too (posts, carousels, reels, stories).
      for (const key of PRODUCT_KEYS) {
        const own = media.filter((m) => m.productKey === key);
        const likes = own.reduce((s, m) => s + mediaTotalsAsOf(m, TODAY).likes, 0);
        expect(
          daily.likes[key].reduce((a, b) => a + b, 0),
          key,
        ).toBe(likes);
      }
    });

    it('lets media reach their lifetime values once they stop growing', () => {
      const model = modelOf(id);
      const settled = model.media.filter((m) => m.day <= addDays(TODAY, -30));
      expect(settled.length).toBeGreaterThan(0);
      for (const m of settled.slice(0, 200))
        expect(mediaTotalsAsOf(m, TODAY)).toEqual({
          ...m.lifetime,
          reach: Math.min(m.lifetime.reach, m.lifetime.views),
        });
      for (const m of model.media.slice(0, 20))
        expect(accrualOf(m, 'likes').reduce((a, b) => a + b, 0)).toBe(m.lifetime.likes);
    });

    it('moves followers by follows minus unfollows every day', () => {
      const model = modelOf(id);
      const { follows, unfollows, followers } = model.daily;
      let previous = model.profile.audienceStart;
      for (let i = 0; i < followers.length; i++) {
        const expected = previous + (follows[i] ?? 0) - (unfollows[i] ?? 0);
        if (followers[i] !== expected)
          throw new Error(`day ${i}: followers ${followers[i]} != ${expected}`);
        if ((followers[i] ?? 0) < 0) throw new Error(`day ${i}: negative followers`);
        previous = followers[i] ?? 0;
      }
      // The count really moves: people follow and unfollow, and the total changes over time.
      const total = (a: Int32Array) => a.reduce((s, v) => s + v, 0);
      expect(total(follows)).toBeGreaterThan(0);
      expect(total(unfollows)).toBeGreaterThan(0);
      expect(new Set(followers).size).toBeGreaterThan(10);
      expect(followers.at(-1)).not.toBe(followers[0]);
    });
  },
);

describe('the demo accounts', () => {
  it('include exactly one account under 100 followers (tiny.pottery), all its history long', () => {
    const under = ALL_ACCOUNTS.filter((id) => (modelOf(id).daily.followers.at(-1) ?? 0) < 100);
    expect(under.map(usernameOf)).toEqual(['tiny.pottery']);
    expect(Math.max(...modelOf(TINY).daily.followers)).toBeLessThan(100);
    for (const id of LARGER_ACCOUNTS) {
      const followers = modelOf(id).daily.followers;
      const i = modelOf(id).indexOf(addDays(TODAY, -30));
      expect(Math.min(...followers.slice(i))).toBeGreaterThanOrEqual(100);
    }
  });

  it.each(LARGER_ACCOUNTS.map((id) => [usernameOf(id), id] as const))(
    '%s has 60+ media in the last year across IMAGE, VIDEO, CAROUSEL_ALBUM in FEED and REELS',
    (_name, id) => {
      const published = data.publishedMedia(id, NOW);
      const lastYear = published.filter((m) => m.day >= addDays(TODAY, -365));
      expect(lastYear.length).toBeGreaterThanOrEqual(60);
      const kinds = new Set(lastYear.map((m) => `${m.mediaType}/${m.productType}`));
      for (const kind of ['IMAGE/FEED', 'VIDEO/FEED', 'CAROUSEL_ALBUM/FEED', 'VIDEO/REELS'])
        expect(kinds).toContain(kind);
      expect(new Set(published.map((m) => m.productType))).toEqual(new Set(['FEED', 'REELS']));
      for (const m of published.filter((x) => x.mediaType === 'CAROUSEL_ALBUM').slice(0, 50))
        expect(m.childIds.length).toBeGreaterThanOrEqual(2);
    },
  );

  it.each(LARGER_ACCOUNTS.map((id) => [usernameOf(id), id] as const))(
    '%s has stories in the last 24 hours, and only those are live',
    (_name, id) => {
      const live = data.liveStories(id, NOW);
      expect(live.length).toBeGreaterThan(0);
      for (const s of live) {
        expect(s.productType).toBe('STORY');
        expect(NOW.getTime() - s.timestamp.getTime()).toBeLessThan(86_400_000);
        expect(s.timestamp.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      const expired = modelOf(id).stories.filter(
        (s) => NOW.getTime() - s.timestamp.getTime() >= 86_400_000,
      );
      expect(expired.length).toBeGreaterThan(0);
      expect(data.findMedia((expired[0] as DemoMedia).id, NOW)).toBeUndefined();
    },
  );

  it('has media posted before the business conversion only for northwind.coffee (2016)', () => {
    const before = data.publishedMedia(NORTHWIND, NOW).filter((m) => m.beforeBusiness);
    expect(before.length).toBeGreaterThan(0);
    for (const m of before) expect(m.day < '2017-06-01').toBe(true);
    expect(before.some((m) => m.day.startsWith('2016'))).toBe(true);
    for (const id of [...LARGER_ACCOUNTS, TINY].filter((x) => x !== NORTHWIND))
      expect(data.publishedMedia(id, NOW).some((m) => m.beforeBusiness)).toBe(false);
  });
});

describe('determinism', () => {
  const profile = DEMO_ACCOUNTS[0];
  const fingerprint = (model: AccountModel) => ({
    firstDay: model.firstDay,
    lastDay: model.lastDay,
    media: model.media.map((m) => [m.id, m.timestamp.toISOString(), m.mediaType, m.lifetime]),
    stories: model.stories.map((m) => [m.id, m.lifetime.views]),
    reach: Array.from(model.daily.reach),
    followers: Array.from(model.daily.followers),
    views: PRODUCT_KEYS.map((k) => Array.from(model.daily.views[k])),
  });

  it('gives identical models for the same seed, and different ones for another seed', () => {
    const again = new DemoData(DEFAULT_DEMO_SEED);
    const other = new DemoData(DEFAULT_DEMO_SEED + 1);
    for (const id of ALL_ACCOUNTS) {
      const a = fingerprint(modelOf(id));
      const b = fingerprint(again.model(id, NOW) as AccountModel);
      expect(b).toEqual(a);
      const c = fingerprint(other.model(id, NOW) as AccountModel);
      expect(c.reach).not.toEqual(a.reach);
      expect(c.media.map((m) => m[0])).not.toEqual(a.media.map((m) => m[0]));
    }
  });

  it('builds the same past whatever day the model ends on', () => {
    if (!profile) throw new Error('no demo profile');
    const shorter = buildAccountModel(data.noise, profile, '2024-06-30');
    const full = modelOf(profile.id);
    const end = shorter.indexOf('2024-06-30');
    // Days whose media have all stopped growing are final: a later model has the same values.
    const settledEnd = end - 14;
    expect(Array.from(shorter.daily.reach.slice(0, settledEnd))).toEqual(
      Array.from(full.daily.reach.slice(0, settledEnd)),
    );
    expect(Array.from(shorter.daily.followers.slice(0, settledEnd))).toEqual(
      Array.from(full.daily.followers.slice(0, settledEnd)),
    );
  });

  it('answers identical bodies from two fakes with the same seed, different with another', async () => {
    // The small account keeps this quick; the models of all accounts are compared above.
    const requests = [
      `v25.0/${TINY}/insights?metric=reach&period=day`,
      `v25.0/${TINY}/insights?metric=views,likes&metric_type=total_value&period=day&breakdown=media_product_type`,
      `v25.0/${TINY}/media?fields=id,caption,like_count,timestamp&limit=5`,
      `v25.0/${TINY}?fields=id,username,followers_count,media_count`,
    ];
    const call = async (fake: FakeGraph, path: string) => {
      const url = `https://graph.facebook.com/${path}&access_token=${fake.token}`;
      const response = await fake.handle(new Request(url));
      return { status: response.status, text: await response.text() };
    };
    const a = new FakeGraph({ now: fixedClock(WINTER_NOW) });
    const b = new FakeGraph({ now: fixedClock(WINTER_NOW) });
    const c = new FakeGraph({ now: fixedClock(WINTER_NOW), seed: 7 });
    let differing = 0;
    for (const path of requests) {
      const [ra, rb, rc] = [await call(a, path), await call(b, path), await call(c, path)];
      expect(ra.status).toBe(200);
      expect(rb).toEqual(ra);
      if (rc.text !== ra.text) differing++;
    }
    expect(differing).toBeGreaterThanOrEqual(3);
  });
});

describe('through the API, over the last 30 days of every account', () => {
  const fake = new FakeGraph({ now: fixedClock(WINTER_NOW) });
  const msw = setupMswGraph();
  const first = addDays(TODAY, -30);
  const days = Array.from({ length: 30 }, (_, i) => addDays(first, i));

  interface DayTotals {
    reach: number;
    views: number;
    total_interactions: number;
    likes: number;
    comments: number;
    shares: number;
    saves: number;
  }
  const perDay = new Map<string, DayTotals[]>();
  beforeAll(async () => {
    msw.serveFake(fake);
    for (const id of ALL_ACCOUNTS) {
      const list: DayTotals[] = [];
      for (const day of days) {
        const w = windowForDays(day, day);
        const res = await graph(
          `v25.0/${id}/insights?metric=reach,views,total_interactions,likes,comments,shares,saves&metric_type=total_value&period=day&since=${w.since}&until=${w.until}`,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const row = Object.fromEntries(
          res.body.data.map((d: { name: string; total_value: { value: number } }) => [
            d.name,
            d.total_value.value,
          ]),
        ) as unknown as DayTotals;
        list.push(row);
      }
      perDay.set(id, list);
    }
  });

  it.each(ALL_ACCOUNTS.map((id) => [usernameOf(id), id] as const))(
    '%s: total_interactions = likes + comments + shares + saves, and reach <= views, each day',
    (_name, id) => {
      const list = perDay.get(id) ?? [];
      expect(list).toHaveLength(30);
      for (const [i, d] of list.entries()) {
        expect(d.total_interactions, days[i]).toBe(d.likes + d.comments + d.shares + d.saves);
        expect(d.reach, days[i]).toBeLessThanOrEqual(d.views);
      }
      expect(list.some((d) => d.views > 0)).toBe(true);
    },
  );

  /** The client's way to ask for 30 days: windows that stay within 2,592,000 s (DST-safe). */
  const windows = splitIntoWindows(first, YESTERDAY);

  it('needs two windows for these 30 days, since they span the November DST change', () => {
    expect(windows.map((w) => [w.first, w.last])).toEqual([
      [first, '2026-11-18'],
      [YESTERDAY, YESTERDAY],
    ]);
  });

  it.each(ALL_ACCOUNTS.map((id) => [usernameOf(id), id] as const))(
    '%s: the daily reach time series matches the single-day totals, and window totals add up',
    async (_name, id) => {
      const list = perDay.get(id) ?? [];
      const values: { value: number; end_time: string }[] = [];
      for (const w of windows) {
        const series = await graph(
          `v25.0/${id}/insights?metric=reach&period=day&since=${w.since}&until=${w.until}`,
        );
        expect(series.status, JSON.stringify(series.body)).toBe(200);
        values.push(...series.body.data[0].values);

        const total = await graph(
          `v25.0/${id}/insights?metric=likes,reach&metric_type=total_value&period=day&since=${w.since}&until=${w.until}`,
        );
        const [likes, reach] = total.body.data;
        const own = list.slice(days.indexOf(w.first), days.indexOf(w.last) + 1);
        expect(own.length).toBe(daysBetween(w.first, w.last) + 1);
        expect(likes.total_value.value).toBe(own.reduce((s, d) => s + d.likes, 0));
        // Reach counts unique accounts: at least the best day, at most the sum of the days.
        expect(reach.total_value.value).toBeGreaterThanOrEqual(
          Math.max(...own.map((d) => d.reach)),
        );
        expect(reach.total_value.value).toBeLessThanOrEqual(own.reduce((s, d) => s + d.reach, 0));
      }
      expect(values.map((v) => dayOfEndTime(v.end_time))).toEqual(days);
      expect(values.map((v) => v.value)).toEqual(list.map((d) => d.reach));
    },
  );

  it.each(LARGER_ACCOUNTS.map((id) => [usernameOf(id), id] as const))(
    '%s: follower_count each day is the FOLLOWER part of follows_and_unfollows',
    async (_name, id) => {
      const values: { value: number; end_time: string }[] = [];
      for (const w of windows) {
        const series = await graph(
          `v25.0/${id}/insights?metric=follower_count&period=day&since=${w.since}&until=${w.until}`,
        );
        expect(series.status, JSON.stringify(series.body)).toBe(200);
        values.push(...series.body.data[0].values);
      }
      expect(values.map((v) => dayOfEndTime(v.end_time))).toEqual(days);
      const model = modelOf(id);
      for (const v of values) {
        const day = dayOfEndTime(v.end_time);
        const one = windowForDays(day, day);
        const fu = await graph(
          `v25.0/${id}/insights?metric=follows_and_unfollows&metric_type=total_value&period=day&breakdown=follow_type&since=${one.since}&until=${one.until}`,
        );
        const tv = fu.body.data[0].total_value;
        const part = (key: string) =>
          tv.breakdowns[0].results.find(
            (r: { dimension_values: string[] }) => r.dimension_values[0] === key,
          )?.value ?? 0;
        expect(v.value, day).toBe(part('FOLLOWER'));
        expect(tv.value, day).toBe(part('FOLLOWER') + part('NON_FOLLOWER'));
        // The followers at the end of the day moved by follows minus unfollows.
        const i = model.indexOf(day);
        expect(model.daily.followers[i]).toBe(
          (model.daily.followers[i - 1] ?? 0) + part('FOLLOWER') - part('NON_FOLLOWER'),
        );
      }
      expect(values.some((v) => v.value > 0)).toBe(true);
    },
  );

  it.each(ALL_ACCOUNTS.map((id) => [usernameOf(id), id] as const))(
    '%s: the totals the Instagram app shows are at least Instagram’s own, and Facebook numbers only come with sharing there',
    async (_name, id) => {
      const list = await graph(
        `v26.0/${id}/media?fields=id,media_type,media_product_type,like_count,comments_count,total_like_count,total_comments_count,total_views_count&limit=40`,
      );
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      let shared = 0;
      for (const m of list.body.data) {
        expect(m.total_like_count).toBeGreaterThanOrEqual(m.like_count);
        expect(m.total_comments_count).toBeGreaterThanOrEqual(m.comments_count);
        const video = m.media_type === 'VIDEO';
        const reel = m.media_product_type === 'REELS';
        const metrics = [
          'views,likes,comments,total_likes,total_comments,facebook_views',
          ...(video ? ['total_views'] : []),
          ...(reel ? ['crossposted_views'] : []),
        ].join(',');
        const res = await graph(`v26.0/${m.id}/insights?metric=${metrics}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const v = Object.fromEntries(
          res.body.data.map((d: { name: string; values: { value: number }[] }) => [
            d.name,
            d.values[0]?.value,
          ]),
        ) as Record<string, number>;
        const media = data.findMedia(m.id, NOW)?.media;
        expect('facebook_views' in v).toBe(media?.crossposted === true);
        if (reel) expect('crossposted_views' in v).toBe(media?.crossposted === true);
        if ('facebook_views' in v) shared++;
        expect(v.total_likes).toBe(m.total_like_count);
        expect(v.total_comments).toBe(m.total_comments_count);
        expect(v.total_likes).toBeGreaterThanOrEqual(v.likes as number);
        expect(v.total_comments).toBeGreaterThanOrEqual(v.comments as number);
        if (video) {
          expect(v.total_views).toBe(m.total_views_count);
          expect(v.total_views).toBeGreaterThanOrEqual(
            (v.views as number) + (v.facebook_views ?? 0),
          );
        } else expect(m).not.toHaveProperty('total_views_count');
        if (reel && 'crossposted_views' in v)
          expect(v.crossposted_views).toBe((v.views as number) + (v.facebook_views as number));
      }
      if (id !== TINY) expect(shared).toBeGreaterThan(0);
    },
  );

  it.each(ALL_ACCOUNTS.map((id) => [usernameOf(id), id] as const))(
    '%s: media insights keep reach <= views and total_interactions = likes + comments + shares + saved',
    async (_name, id) => {
      const list = await graph(`v25.0/${id}/media?fields=id,media_product_type&limit=12`);
      const stories = await graph(`v25.0/${id}/stories?fields=id,media_product_type`);
      const media = [...list.body.data, ...stories.body.data] as {
        id: string;
        media_product_type: string;
      }[];
      expect(list.body.data.length).toBe(12);
      let checked = 0;
      for (const m of media) {
        const story = m.media_product_type === 'STORY';
        const metrics = story
          ? 'views,reach,shares,total_interactions'
          : 'views,reach,likes,comments,shares,saved,total_interactions';
        const res = await graph(`v25.0/${m.id}/insights?metric=${metrics}`);
        if (story && res.body.error?.code === 10) continue; // under 5 viewers: no insights
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const v = Object.fromEntries(
          res.body.data.map((d: { name: string; values: { value: number }[] }) => [
            d.name,
            d.values[0]?.value,
          ]),
        );
        expect(v.reach).toBeLessThanOrEqual(v.views);
        if (story) expect(v.total_interactions).toBe(v.shares);
        else expect(v.total_interactions).toBe(v.likes + v.comments + v.shares + v.saved);
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(12);
    },
  );
});
