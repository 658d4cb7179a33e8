import type { MediaProductType, MediaType } from '../../graph/metric-catalogue';
import {
  addDays,
  daysBetween,
  type IsoDay,
  pacificInstant,
  weekdayOf,
} from '../../graph/pacific-days';
import { AUDIENCE_GROWTH_UNTIL, type DemoAccountProfile } from './demo-accounts';
import { type SeededNoise, splitInteger } from './random';

/** Account-level product types, as the `media_product_type` breakdown names them. */
export const PRODUCT_KEYS = ['POST', 'CAROUSEL_CONTAINER', 'REEL', 'STORY'] as const;
export type ProductKey = (typeof PRODUCT_KEYS)[number];

/** Lifetime media metrics, all integers except the reel averages. */
export interface MediaTotals {
  views: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  saved: number;
  reposts: number;
  follows: number;
  profile_visits: number;
  profile_activity: number;
  replies: number;
  link_clicks: number;
  navigation: number;
  /** Plays and displays on Facebook: only for media shared there (0 otherwise). */
  facebook_views: number;
  facebook_likes: number;
  facebook_comments: number;
  /** What promoting the media (an ad) added: only for promoted media (0 otherwise). */
  promoted_views: number;
  promoted_likes: number;
  promoted_comments: number;
}

export type AdditiveMetric = keyof MediaTotals;
const ADDITIVE_METRICS: readonly AdditiveMetric[] = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'reposts',
  'follows',
  'profile_visits',
  'profile_activity',
  'replies',
  'link_clicks',
  'navigation',
  'facebook_views',
  'facebook_likes',
  'facebook_comments',
  'promoted_views',
  'promoted_likes',
  'promoted_comments',
];

export interface DemoMedia {
  id: string;
  accountId: string;
  day: IsoDay;
  timestamp: Date;
  mediaType: MediaType;
  productType: MediaProductType;
  productKey: ProductKey;
  caption: string;
  shortcode: string;
  childIds: string[];
  /** A strong post: its audience and follows spike. */
  strong: boolean;
  /** Posted before the business conversion: the API has no insights for it. */
  beforeBusiness: boolean;
  /** Shared to the account's Facebook Page too: it has Facebook views, likes and comments. */
  crossposted: boolean;
  /** Promoted as an ad at some point (never a story here). */
  promoted: boolean;
  /** What the media will have gathered once it stops growing. */
  lifetime: MediaTotals;
  /** Per metric, the share of the lifetime total gathered on each day after posting. */
  accrual: Record<AdditiveMetric, number[]>;
  profileActivityWeights: number[];
  navigationWeights: number[];
  avgWatchTimeMs: number;
  skipRate: number;
}

export interface DailyArrays {
  views: Record<ProductKey, Int32Array>;
  likes: Record<ProductKey, Int32Array>;
  comments: Record<ProductKey, Int32Array>;
  shares: Record<ProductKey, Int32Array>;
  saves: Record<ProductKey, Int32Array>;
  reposts: Int32Array;
  replies: Int32Array;
  reach: Int32Array;
  reachFollowerShare: Float64Array;
  accountsEngaged: Int32Array;
  profileViews: Int32Array;
  websiteClicks: Int32Array;
  profileLinksTaps: Int32Array;
  follows: Int32Array;
  unfollows: Int32Array;
  /** Followers at the end of each day. */
  followers: Int32Array;
}

export interface AccountModel {
  profile: DemoAccountProfile;
  firstDay: IsoDay;
  lastDay: IsoDay;
  media: DemoMedia[];
  stories: DemoMedia[];
  daily: DailyArrays;
  /** Index of a day in the daily arrays, or -1 outside the history. */
  indexOf(day: IsoDay): number;
}

const FEED_DECAY = 0.5;
const REEL_DECAY = 0.68;
const FEED_ACCRUAL_DAYS = 8;
const REEL_ACCRUAL_DAYS = 14;
/** Weekends are quieter for these accounts (Sun … Sat). */
const WEEKDAY_FACTOR = [0.78, 1.04, 1.08, 1.1, 1.06, 0.98, 0.82];

function audienceOn(profile: DemoAccountProfile, day: IsoDay): number {
  const total = daysBetween(profile.createdOn, AUDIENCE_GROWTH_UNTIL);
  const t = Math.min(1, Math.max(0, daysBetween(profile.createdOn, day) / total));
  return profile.audienceStart + (profile.audienceEnd - profile.audienceStart) * t ** 1.4;
}

function accrualShares(days: number, decay: number, firstDay: IsoDay): number[] {
  return Array.from(
    { length: days },
    (_, k) => decay ** k * (WEEKDAY_FACTOR[weekdayOf(addDays(firstDay, k))] ?? 1),
  );
}

function emptyProductArrays(length: number): Record<ProductKey, Int32Array> {
  return {
    POST: new Int32Array(length),
    CAROUSEL_CONTAINER: new Int32Array(length),
    REEL: new Int32Array(length),
    STORY: new Int32Array(length),
  };
}

function shortcodeFor(noise: SeededNoise, id: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let code = '';
  for (let i = 0; i < 11; i++) code += alphabet[noise.int(0, alphabet.length - 1, id, 'sc', i)];
  return code;
}

const CAPTION_ENDINGS = [
  'Tell us what you think 👇',
  'Link in bio.',
  'Thanks for 10 years of "good mornings", friends ☕',
  'Swipe for more →',
  'Which one is your favourite: 1, 2 or 3?',
  'Shot on a rainy Tuesday, edited with love.',
  'New, limited, and gone by Sunday.',
];

function mediaTotals(
  noise: SeededNoise,
  key: string,
  audience: number,
  productKey: ProductKey,
  quality: number,
  weekday: number,
  elsewhere: { crossposted: boolean; promoted: boolean },
): MediaTotals {
  const viewRate = { POST: 0.42, CAROUSEL_CONTAINER: 0.55, REEL: 1.5, STORY: 0.09 }[productKey];
  const views = Math.max(1, Math.round(audience * viewRate * quality * weekday));
  const reach = Math.round(
    views * noise.between(productKey === 'STORY' ? 0.75 : 0.55, 0.88, key, 'reach'),
  );
  const isStory = productKey === 'STORY';
  const likes = isStory ? 0 : Math.round(reach * noise.between(0.035, 0.09, key, 'likes'));
  const comments = isStory ? 0 : Math.round(likes * noise.between(0.02, 0.08, key, 'comments'));
  const shares = Math.round(
    reach * noise.between(0.002, 0.012, key, 'shares') * (productKey === 'REEL' ? 2 : 1),
  );
  const saved = isStory ? 0 : Math.round(reach * noise.between(0.004, 0.02, key, 'saved'));
  const reposts = Math.round(shares * noise.between(0.05, 0.2, key, 'reposts'));
  const followRate = noise.between(0.0008, 0.003, key, 'follows') * (quality > 2 ? 3 : 1);
  const follows = Math.round(reach * followRate);
  const profileVisits = Math.round(reach * noise.between(0.01, 0.035, key, 'visits'));
  const profileActivity = Math.round(profileVisits * noise.between(0.05, 0.2, key, 'activity'));
  const replies = isStory ? Math.round(reach * noise.between(0.003, 0.02, key, 'replies')) : 0;
  const linkClicks =
    isStory && noise.unit(key, 'link') < 0.4
      ? Math.round(reach * noise.between(0.005, 0.02, key, 'lc'))
      : 0;
  const navigation = isStory ? Math.round(views * noise.between(0.85, 1.05, key, 'nav')) : 0;
  // Facebook and ads add to what Instagram counts; they never take anything away from it.
  const onFacebook = (n: number, name: string) =>
    elsewhere.crossposted ? Math.round(n * noise.between(0.05, 0.45, key, 'fb', name)) : 0;
  const fromAds = (n: number, name: string) =>
    elsewhere.promoted ? Math.round(n * noise.between(0.2, 1.2, key, 'ad', name)) : 0;
  return {
    views,
    reach,
    likes,
    comments,
    shares,
    saved,
    reposts,
    follows,
    profile_visits: profileVisits,
    profile_activity: profileActivity,
    replies,
    link_clicks: linkClicks,
    navigation,
    facebook_views: onFacebook(views, 'views'),
    facebook_likes: onFacebook(likes, 'likes'),
    facebook_comments: onFacebook(comments, 'comments'),
    promoted_views: fromAds(views, 'views'),
    promoted_likes: fromAds(likes, 'likes'),
    promoted_comments: fromAds(comments, 'comments'),
  };
}

/** Shares of media shared to Facebook as well, by kind. */
const CROSSPOST_SHARE: Record<ProductKey, number> = {
  POST: 0.25,
  CAROUSEL_CONTAINER: 0.25,
  REEL: 0.45,
  STORY: 0.2,
};
const PROMOTED_SHARE = 0.06;

function buildMedia(
  noise: SeededNoise,
  profile: DemoAccountProfile,
  day: IsoDay,
  slot: number,
  story: boolean,
): DemoMedia {
  const key = `${profile.id}|${day}|${story ? 's' : 'p'}${slot}`;
  const dayNumber = daysBetween('2010-01-01', day);
  const id = `${story ? '18' : '17'}${String(profile.igId % 100_000).padStart(5, '0')}${String(dayNumber).padStart(5, '0')}${story ? 5 : 0}${slot}${String(noise.int(0, 9999, key, 'id')).padStart(4, '0')}`;
  let mediaType: MediaType = 'IMAGE';
  let productType: MediaProductType = story ? 'STORY' : 'FEED';
  let productKey: ProductKey = story ? 'STORY' : 'POST';
  const roll = noise.unit(key, 'type');
  if (story) {
    mediaType = roll < 0.35 ? 'VIDEO' : 'IMAGE';
  } else if (roll < profile.reelsShare) {
    mediaType = 'VIDEO';
    productType = 'REELS';
    productKey = 'REEL';
  } else if (roll < profile.reelsShare + profile.carouselShare) {
    mediaType = 'CAROUSEL_ALBUM';
    productKey = 'CAROUSEL_CONTAINER';
  } else if (roll < profile.reelsShare + profile.carouselShare + profile.videoShare) {
    mediaType = 'VIDEO';
  }
  const hour = story ? noise.int(6, 22, key, 'hour') : noise.int(7, 20, key, 'hour');
  const quality = noise.logNormal(0.55, key, 'quality');
  const strong = !story && quality > 2.1;
  const weekday = WEEKDAY_FACTOR[weekdayOf(day)] ?? 1;
  const crossposted = noise.unit(key, 'crosspost') < CROSSPOST_SHARE[productKey];
  const promoted = !story && noise.unit(key, 'promoted') < PROMOTED_SHARE;
  const lifetime = mediaTotals(noise, key, audienceOn(profile, day), productKey, quality, weekday, {
    crossposted,
    promoted,
  });
  const reel = productKey === 'REEL';
  const shares = story
    ? [1]
    : accrualShares(
        reel ? REEL_ACCRUAL_DAYS : FEED_ACCRUAL_DAYS,
        reel ? REEL_DECAY : FEED_DECAY,
        day,
      );
  const accrual = Object.fromEntries(ADDITIVE_METRICS.map((m) => [m, shares])) as Record<
    AdditiveMetric,
    number[]
  >;
  const topic = noise.pick(profile.topics, key, 'topic');
  const ending = noise.pick(CAPTION_ENDINGS, key, 'ending');
  const childCount = mediaType === 'CAROUSEL_ALBUM' ? noise.int(2, 6, key, 'children') : 0;
  return {
    id,
    accountId: profile.id,
    day,
    timestamp: pacificInstant(day, hour, noise.int(0, 59, key, 'minute')),
    mediaType,
    productType,
    productKey,
    caption: story
      ? ''
      : `${topic[0]?.toUpperCase()}${topic.slice(1)}, ${day.slice(0, 7)}. ${ending}`,
    shortcode: shortcodeFor(noise, id),
    childIds: Array.from({ length: childCount }, (_, i) => `${id.slice(0, -1)}${i + 1}${i}`),
    strong,
    beforeBusiness: daysBetween(profile.businessSince, day) < 0,
    crossposted,
    promoted,
    lifetime,
    accrual,
    profileActivityWeights: [8, 3, 2, 2, 1, 1].map(
      (w, i) => w * noise.between(0.5, 1.5, key, 'pa', i),
    ),
    navigationWeights: [60, 8, 15, 10].map((w, i) => w * noise.between(0.7, 1.3, key, 'nv', i)),
    avgWatchTimeMs: reel ? Math.round(noise.between(3_500, 14_000, key, 'watch')) : 0,
    skipRate: reel ? Math.round(noise.between(18, 55, key, 'skip') * 10) / 10 : 0,
  };
}

/** The part of a lifetime total gathered on each day after posting (integers that add up). */
const accrualCache = new WeakMap<DemoMedia, Partial<Record<AdditiveMetric, number[]>>>();

export function accrualOf(media: DemoMedia, metric: AdditiveMetric): number[] {
  let byMetric = accrualCache.get(media);
  if (!byMetric) {
    byMetric = {};
    accrualCache.set(media, byMetric);
  }
  byMetric[metric] ??= splitInteger(media.lifetime[metric], media.accrual[metric]);
  return byMetric[metric];
}

/** What a media has gathered by the end of `asOf` (partial while it is still growing). */
export function mediaTotalsAsOf(media: DemoMedia, asOf: IsoDay): MediaTotals {
  const elapsed = daysBetween(media.day, asOf);
  const totals = { ...media.lifetime };
  for (const metric of ADDITIVE_METRICS) {
    const parts = accrualOf(media, metric);
    if (elapsed + 1 < parts.length)
      totals[metric] = parts.slice(0, Math.max(0, elapsed + 1)).reduce((a, b) => a + b, 0);
  }
  // Reach is a count of unique accounts: it can never exceed views.
  totals.reach = Math.min(totals.reach, totals.views);
  return totals;
}

/** Builds one account's whole history, day by day, from its first day to `lastDay`. */
export function buildAccountModel(
  noise: SeededNoise,
  profile: DemoAccountProfile,
  lastDay: IsoDay,
): AccountModel {
  const firstDay = profile.createdOn;
  const length = Math.max(0, daysBetween(firstDay, lastDay) + 1);
  const media: DemoMedia[] = [];
  const stories: DemoMedia[] = [];
  for (let i = 0; i < length; i++) {
    const day = addDays(firstDay, i);
    const postChance = profile.postsPerWeek / 7;
    if (noise.unit(profile.id, day, 'post') < Math.min(postChance, 1))
      media.push(buildMedia(noise, profile, day, 0, false));
    if (postChance > 1 && noise.unit(profile.id, day, 'post2') < postChance - 1) {
      media.push(buildMedia(noise, profile, day, 1, false));
    }
    const storyCount = noise.int(
      profile.storiesPerDay[0],
      profile.storiesPerDay[1],
      profile.id,
      day,
      'stories',
    );
    for (let s = 0; s < storyCount; s++) stories.push(buildMedia(noise, profile, day, s, true));
  }
  media.sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());
  stories.sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());

  const daily: DailyArrays = {
    views: emptyProductArrays(length),
    likes: emptyProductArrays(length),
    comments: emptyProductArrays(length),
    shares: emptyProductArrays(length),
    saves: emptyProductArrays(length),
    reposts: new Int32Array(length),
    replies: new Int32Array(length),
    reach: new Int32Array(length),
    reachFollowerShare: new Float64Array(length),
    accountsEngaged: new Int32Array(length),
    profileViews: new Int32Array(length),
    websiteClicks: new Int32Array(length),
    profileLinksTaps: new Int32Array(length),
    follows: new Int32Array(length),
    unfollows: new Int32Array(length),
    followers: new Int32Array(length),
  };
  const mediaFollows = new Int32Array(length);
  const mediaVisits = new Int32Array(length);
  const addAccrual = (target: Int32Array, m: DemoMedia, metric: AdditiveMetric) => {
    const start = daysBetween(firstDay, m.day);
    accrualOf(m, metric).forEach((v, k) => {
      if (start + k < length) target[start + k] = (target[start + k] ?? 0) + v;
    });
  };
  for (const m of [...media, ...stories]) {
    addAccrual(daily.views[m.productKey], m, 'views');
    addAccrual(daily.likes[m.productKey], m, 'likes');
    addAccrual(daily.comments[m.productKey], m, 'comments');
    addAccrual(daily.shares[m.productKey], m, 'shares');
    addAccrual(daily.saves[m.productKey], m, 'saved');
    addAccrual(daily.reposts, m, 'reposts');
    addAccrual(daily.replies, m, 'replies');
    addAccrual(mediaFollows, m, 'follows');
    addAccrual(mediaVisits, m, 'profile_visits');
  }

  let followers = profile.audienceStart;
  for (let i = 0; i < length; i++) {
    const day = addDays(firstDay, i);
    const weekday = WEEKDAY_FACTOR[weekdayOf(day)] ?? 1;
    const audience = audienceOn(profile, day);
    const views = PRODUCT_KEYS.reduce((sum, k) => sum + (daily.views[k][i] ?? 0), 0);
    const interactions = PRODUCT_KEYS.reduce(
      (sum, k) =>
        sum +
        (daily.likes[k][i] ?? 0) +
        (daily.comments[k][i] ?? 0) +
        (daily.shares[k][i] ?? 0) +
        (daily.saves[k][i] ?? 0),
      0,
    );
    const reach = Math.round(views * noise.between(0.5, 0.75, profile.id, day, 'uniq'));
    daily.reach[i] = reach;
    daily.reachFollowerShare[i] = noise.between(0.35, 0.6, profile.id, day, 'fshare');
    daily.accountsEngaged[i] = Math.min(
      reach,
      Math.round(interactions * noise.between(0.55, 0.8, profile.id, day, 'eng')),
    );
    const profileViews =
      Math.round(audience * 0.004 * weekday * noise.between(0.7, 1.3, profile.id, day, 'pv')) +
      (mediaVisits[i] ?? 0);
    daily.profileViews[i] = profileViews;
    daily.websiteClicks[i] = profile.website
      ? Math.round(profileViews * noise.between(0.02, 0.06, profile.id, day, 'web'))
      : 0;
    daily.profileLinksTaps[i] = Math.round(
      profileViews * noise.between(0.005, 0.02, profile.id, day, 'taps'),
    );
    const growth = Math.max(0, audience - audienceOn(profile, addDays(day, -1)));
    // Rounded up or down at random (expected value kept): a small account gains a fraction of a
    // follower a day, which plain rounding would turn into no follower ever.
    const roundNoisy = (x: number, key: string) => Math.floor(x + noise.unit(profile.id, day, key));
    let follows =
      roundNoisy(growth * 1.25 * weekday * noise.between(0.6, 1.4, profile.id, day, 'fol'), 'rf') +
      (mediaFollows[i] ?? 0);
    let unfollows = roundNoisy(
      growth * 0.25 * noise.between(0.5, 1.5, profile.id, day, 'unf') +
        followers * 0.0003 * noise.unit(profile.id, day, 'churn'),
      'ru',
    );
    if (
      profile.followerCap !== undefined &&
      followers + follows - unfollows >= profile.followerCap
    ) {
      unfollows = Math.max(unfollows, follows);
      follows = Math.min(follows, unfollows);
    }
    unfollows = Math.min(unfollows, followers + follows);
    daily.follows[i] = follows;
    daily.unfollows[i] = unfollows;
    followers += follows - unfollows;
    daily.followers[i] = followers;
  }

  return {
    profile,
    firstDay,
    lastDay,
    media,
    stories,
    daily,
    indexOf(day: IsoDay) {
      const i = daysBetween(firstDay, day);
      return i >= 0 && i < length ? i : -1;
    },
  };
}
