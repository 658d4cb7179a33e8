/**
 * What the Graph API knows about each insights metric, shared by the fake upstream, the proxy and
 * the app. Source: ../shared/graph-api.md (v22+ names) and the seed's examples (pre-v22 titles).
 */

import { IG_MEDIA_FIELDS } from './graph-fields';

export type AccountPeriod = 'day' | 'week' | 'days_28' | 'month' | 'lifetime' | 'total_over_range';
export type MetricType = 'time_series' | 'total_value';
export type Timeframe = 'this_week' | 'this_month';
export type MediaProductType = 'FEED' | 'REELS' | 'STORY' | 'AD';
export type MediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
/**
 * How the server reads Instagram: Facebook Login (graph.facebook.com, accounts through Pages) or
 * Instagram Login (graph.instagram.com, no Page). Some newer metrics and fields come only with the first.
 */
export type LoginType = 'facebook' | 'instagram';
export const LOGIN_TYPES: readonly LoginType[] = ['facebook', 'instagram'];
const FACEBOOK_LOGIN_ONLY: readonly LoginType[] = ['facebook'];
/**
 * Where a number was counted: on Instagram alone, on Facebook alone, on both, or on both plus
 * promoted media (ads), which is what the Instagram app itself shows.
 */
export type CountedOn = 'instagram' | 'facebook' | 'instagram_and_facebook' | 'everywhere';

export const ACCOUNT_PERIODS: readonly AccountPeriod[] = [
  'day',
  'week',
  'days_28',
  'month',
  'lifetime',
  'total_over_range',
];
export const TIMEFRAMES: readonly Timeframe[] = ['this_week', 'this_month'];

export const BREAKDOWN_VALUES = {
  follow_type: ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN'],
  media_product_type: ['AD', 'POST', 'CAROUSEL_CONTAINER', 'REEL', 'STORY'],
  contact_button_type: [
    'BOOK_NOW',
    'CALL',
    'DIRECTION',
    'EMAIL',
    'INSTANT_EXPERIENCE',
    'TEXT',
    'UNDEFINED',
  ],
  gender: ['F', 'M', 'U'],
  age: ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'],
  action_type: ['bio_link_clicked', 'call', 'direction', 'email', 'text', 'other'],
  story_navigation_action_type: ['tap_forward', 'tap_back', 'tap_exit', 'swipe_forward'],
} as const;

export type AccountBreakdown =
  | 'follow_type'
  | 'media_product_type'
  | 'contact_button_type'
  | 'age'
  | 'city'
  | 'country'
  | 'gender';
export type MediaBreakdown = 'action_type' | 'story_navigation_action_type';

export interface AccountMetric {
  name: string;
  title: string;
  description: string;
  /** Periods the API accepts for the metric. */
  periods: readonly AccountPeriod[];
  /** Metric types the API accepts; the first is what the metric is asked with. */
  metricTypes: readonly MetricType[];
  breakdowns: readonly AccountBreakdown[];
  /** Only for accounts with 100 or more followers. */
  needs100Followers?: boolean;
  /** Reaches back only 30 days, excluding today (RECENT_ONLY_DAYS in date-windows.ts). */
  last30DaysOnly?: boolean;
  /** Demographics: since/until are ignored, a timeframe is required. */
  demographic?: boolean;
  /** Whether a lower value is the better outcome (for comparisons). */
  lowerIsBetter?: boolean;
  /** Versions below this one do not know the metric. */
  sinceVersion?: number;
  /** Versions from this one on reject the metric. */
  retiredIn?: number;
  /** The metric that replaced a retired one. */
  replacedBy?: string;
  /** Before this version the metric also came as a daily time series. */
  timeSeriesUntil?: number;
  /** Title and description as versions before v22 gave them (the seed's examples). */
  legacy?: { title: string; description: string };
  /** Logins that offer the metric (default: both). */
  logins?: readonly LoginType[];
  /** The Instagram Platform changelog entry that added it, for metrics added since late 2025. */
  addedOn?: string;
}

const DAY: readonly AccountPeriod[] = ['day'];
const TOTAL: readonly MetricType[] = ['total_value'];
const BY_PRODUCT: readonly AccountBreakdown[] = ['media_product_type'];
const DEMOGRAPHIC_BREAKDOWNS: readonly AccountBreakdown[] = ['age', 'city', 'country', 'gender'];

export const ACCOUNT_METRICS: readonly AccountMetric[] = [
  {
    name: 'reach',
    title: 'Accounts reached',
    description:
      'The number of unique accounts that have seen your content at least once, including in ads. This metric is estimated.',
    periods: ['day', 'week', 'days_28'],
    metricTypes: ['time_series', 'total_value'],
    breakdowns: ['media_product_type', 'follow_type'],
    legacy: {
      title: 'Reach',
      description:
        "Total number of times the Business Account's media objects have been uniquely viewed",
    },
  },
  {
    name: 'follower_count',
    title: 'Follower count',
    description: 'The number of accounts that started following this account, per day.',
    periods: DAY,
    metricTypes: ['time_series'],
    breakdowns: [],
    needs100Followers: true,
    last30DaysOnly: true,
  },
  {
    name: 'online_followers',
    title: 'Online followers',
    description:
      "The number of this account's followers who were on Instagram, by hour of the day (Pacific time).",
    periods: ['lifetime'],
    metricTypes: ['time_series'],
    breakdowns: [],
    needs100Followers: true,
    last30DaysOnly: true,
  },
  {
    name: 'views',
    title: 'Views',
    description:
      'The number of times your content was played or displayed. Content includes reels, posts and stories.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: ['follow_type', 'media_product_type'],
  },
  {
    name: 'accounts_engaged',
    title: 'Accounts engaged',
    description:
      'The number of accounts that have interacted with your content, including in ads. This metric is estimated.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: [],
  },
  {
    name: 'total_interactions',
    title: 'Content interactions',
    description:
      'The total number of likes, comments, shares and saves on your posts, reels, videos and stories.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
  },
  {
    name: 'likes',
    title: 'Likes',
    description: 'The number of likes on your posts, reels and videos.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
  },
  {
    name: 'comments',
    title: 'Comments',
    description: 'The number of comments on your posts, reels and videos.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
  },
  {
    name: 'shares',
    title: 'Shares',
    description: 'The number of shares of your posts, stories, reels and videos.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
  },
  {
    name: 'saves',
    title: 'Saves',
    description: 'The number of saves of your posts, reels and videos.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
  },
  {
    name: 'replies',
    title: 'Replies',
    description:
      'The number of replies you received from your stories, including text replies and quick reactions.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: [],
  },
  {
    name: 'reposts',
    title: 'Reposts',
    description: 'The number of times your content was reposted.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: [],
    addedOn: '2025-12-03',
  },
  {
    name: 'profile_views',
    title: 'Profile views',
    description: 'The number of times your profile was visited.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: [],
    timeSeriesUntil: 21,
    legacy: {
      title: 'Profile Views',
      description:
        "Total number of users who have viewed the Business Account's profile within the specified period",
    },
  },
  {
    name: 'website_clicks',
    title: 'Website clicks',
    description: "The number of times the link in your account's bio was tapped.",
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: [],
    timeSeriesUntil: 21,
  },
  {
    name: 'profile_links_taps',
    title: 'Profile links taps',
    description:
      'The number of taps on your business address, call button, email button and text button.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: ['contact_button_type'],
  },
  {
    name: 'follows_and_unfollows',
    title: 'Follows and unfollows',
    description:
      'The number of accounts that followed you and the number that unfollowed you or left Instagram.',
    periods: DAY,
    metricTypes: TOTAL,
    breakdowns: ['follow_type'],
  },
  {
    name: 'follower_demographics',
    title: 'Follower demographics',
    description:
      "The demographic characteristics of this account's followers: age, gender, country and city.",
    periods: ['lifetime'],
    metricTypes: TOTAL,
    breakdowns: DEMOGRAPHIC_BREAKDOWNS,
    needs100Followers: true,
    demographic: true,
  },
  {
    name: 'engaged_audience_demographics',
    title: 'Engaged audience demographics',
    description:
      'The demographic characteristics of the accounts that engaged with your content: age, gender, country and city.',
    periods: ['lifetime'],
    metricTypes: TOTAL,
    breakdowns: DEMOGRAPHIC_BREAKDOWNS,
    needs100Followers: true,
    demographic: true,
  },
  {
    name: 'reached_audience_demographics',
    title: 'Reached audience demographics',
    description:
      'The demographic characteristics of the accounts your content reached: age, gender, country and city.',
    periods: ['lifetime'],
    metricTypes: TOTAL,
    breakdowns: DEMOGRAPHIC_BREAKDOWNS,
    needs100Followers: true,
    demographic: true,
  },
  {
    name: 'impressions',
    title: 'Impressions',
    description: "Total number of times the Business Account's media objects have been viewed",
    periods: ['day', 'week', 'days_28'],
    metricTypes: ['time_series', 'total_value'],
    breakdowns: [],
    retiredIn: 22,
    replacedBy: 'views',
  },
];

/**
 * Account metrics that count unique accounts: their totals do not add up across days, so Instagram
 * totals them over one window of at most 30 days.
 */
export const UNIQUE_COUNT_METRICS = ['reach', 'accounts_engaged'] as const;

export function countsUniqueAccounts(metric: string): boolean {
  return (UNIQUE_COUNT_METRICS as readonly string[]).includes(metric);
}

export interface MediaMetric {
  name: string;
  title: string;
  description: string;
  productTypes: readonly MediaProductType[];
  /** Media types that have the metric, where not all do (total_views: videos only). */
  mediaTypes?: readonly MediaType[];
  /** Logins that offer the metric (default: both). */
  logins?: readonly LoginType[];
  /** Where the number is counted, for the metrics that have an Instagram and a Facebook side. */
  countedOn?: CountedOn;
  /**
   * Only for media shared to Facebook: for other media Instagram leaves the metric out of the
   * answer (uncertain: it might send 0 instead; the proxy and the app read either as "not on Facebook").
   */
  crosspostedOnly?: boolean;
  /** The Instagram Platform changelog entry that added it, for metrics added since late 2025. */
  addedOn?: string;
  breakdown?: MediaBreakdown;
  /** Unit of the value, where it is not a count. */
  unit?: 'milliseconds' | 'percent';
  lowerIsBetter?: boolean;
  retiredIn?: number;
  replacedBy?: string;
  legacy?: { title: string; description: string };
}

const ALL: readonly MediaProductType[] = ['FEED', 'REELS', 'STORY'];
const FEED_REELS: readonly MediaProductType[] = ['FEED', 'REELS'];
const FEED_STORY: readonly MediaProductType[] = ['FEED', 'STORY'];

export const MEDIA_METRICS: readonly MediaMetric[] = [
  {
    name: 'views',
    title: 'Views',
    description: 'The number of times the media was played or displayed.',
    productTypes: ALL,
    countedOn: 'instagram',
  },
  {
    name: 'crossposted_views',
    title: 'Views on Instagram and Facebook',
    description:
      'The number of times a reel shared to Facebook was played or displayed, on Instagram and Facebook together.',
    productTypes: ['REELS'],
    countedOn: 'instagram_and_facebook',
    crosspostedOnly: true,
    addedOn: '2025-12-03',
  },
  {
    name: 'facebook_views',
    title: 'Facebook views',
    description:
      'The number of times the media was played or displayed on Facebook, shared there or recommended there from Instagram.',
    // Reels since 2025-12-03; feed posts and stories since 2026-04-22.
    productTypes: ALL,
    countedOn: 'facebook',
    crosspostedOnly: true,
    addedOn: '2025-12-03',
  },
  {
    name: 'total_views',
    title: 'Total views',
    description:
      'Views of the video on Instagram, on Facebook and as promoted media together: the number the Instagram app shows.',
    productTypes: FEED_REELS,
    mediaTypes: ['VIDEO'],
    countedOn: 'everywhere',
    addedOn: '2026-04-22',
  },
  {
    name: 'reach',
    title: 'Accounts reached',
    description:
      'The number of unique accounts that have seen the media at least once. This metric is estimated.',
    productTypes: ALL,
    countedOn: 'instagram',
    legacy: {
      title: 'Reach',
      description: 'Total number of unique accounts that have seen the media object',
    },
  },
  {
    name: 'shares',
    title: 'Shares',
    description: 'The number of times the media was shared.',
    productTypes: ALL,
  },
  {
    name: 'total_interactions',
    title: 'Interactions',
    description: 'Likes, comments, shares and saves of the media (for stories: its shares).',
    productTypes: ALL,
  },
  {
    name: 'reposts',
    title: 'Reposts',
    description: 'The number of times the media was reposted.',
    productTypes: ALL,
    addedOn: '2025-12-03',
  },
  {
    name: 'likes',
    title: 'Likes',
    description: 'The number of likes on the media.',
    productTypes: FEED_REELS,
    countedOn: 'instagram',
  },
  {
    name: 'total_likes',
    title: 'Total likes',
    description:
      'Likes on Instagram, on Facebook and on promoted media together: the number the Instagram app shows.',
    productTypes: FEED_REELS,
    countedOn: 'everywhere',
    addedOn: '2026-04-22',
  },
  {
    name: 'comments',
    title: 'Comments',
    description: 'The number of comments on the media.',
    productTypes: FEED_REELS,
    countedOn: 'instagram',
  },
  {
    name: 'total_comments',
    title: 'Total comments',
    description:
      'Comments on Instagram, on Facebook and on promoted media together: the number the Instagram app shows.',
    productTypes: FEED_REELS,
    countedOn: 'everywhere',
    addedOn: '2026-04-22',
  },
  {
    name: 'saved',
    title: 'Saves',
    description: 'The number of saves of the media.',
    productTypes: FEED_REELS,
  },
  {
    name: 'follows',
    title: 'Follows',
    description: 'The number of accounts that started following you from the media.',
    productTypes: FEED_STORY,
  },
  {
    name: 'profile_visits',
    title: 'Profile visits',
    description: 'The number of times your profile was visited from the media.',
    productTypes: FEED_STORY,
  },
  {
    name: 'profile_activity',
    title: 'Profile activity',
    description: 'Actions people took on your profile after seeing the media, by action.',
    productTypes: FEED_STORY,
    breakdown: 'action_type',
  },
  {
    name: 'ig_reels_avg_watch_time',
    title: 'Average watch time',
    description: 'The average time spent playing the reel.',
    productTypes: ['REELS'],
    unit: 'milliseconds',
  },
  {
    name: 'ig_reels_video_view_total_time',
    title: 'Watch time',
    description: 'The total time the reel was played, including replays.',
    productTypes: ['REELS'],
    unit: 'milliseconds',
  },
  {
    name: 'reels_skip_rate',
    title: 'Skip rate',
    description: 'The share of views in which the reel was skipped within the first three seconds.',
    productTypes: ['REELS'],
    unit: 'percent',
    lowerIsBetter: true,
    addedOn: '2025-12-03',
  },
  {
    name: 'replies',
    title: 'Replies',
    description: 'The number of replies to the story.',
    productTypes: ['STORY'],
  },
  {
    name: 'navigation',
    title: 'Navigation',
    description: 'Taps forward, taps back, exits and swipes away from the story.',
    productTypes: ['STORY'],
    breakdown: 'story_navigation_action_type',
  },
  {
    name: 'link_clicks',
    title: 'Link clicks',
    description: 'The number of taps on the link sticker of the story.',
    productTypes: ['STORY'],
    logins: FACEBOOK_LOGIN_ONLY,
    addedOn: '2026-06-22',
  },
  {
    name: 'impressions',
    title: 'Impressions',
    description: 'Total number of times the media object has been seen',
    productTypes: ALL,
    retiredIn: 22,
    replacedBy: 'views',
  },
  {
    name: 'engagement',
    title: 'Engagement',
    description: 'Total number of likes and comments on the media object',
    productTypes: FEED_REELS,
    retiredIn: 22,
    replacedBy: 'total_interactions',
  },
  {
    name: 'plays',
    title: 'Plays',
    description: 'The number of times the reel started to play.',
    productTypes: ['REELS'],
    retiredIn: 22,
    replacedBy: 'views',
  },
  {
    name: 'video_views',
    title: 'Video views',
    description: 'The number of times the video was viewed.',
    productTypes: ['FEED'],
    retiredIn: 22,
    replacedBy: 'views',
  },
  {
    name: 'clips_replays_count',
    title: 'Replays',
    description: 'The number of times the reel was played again.',
    productTypes: ['REELS'],
    retiredIn: 22,
    replacedBy: 'views',
  },
  {
    name: 'ig_reels_aggregated_all_plays_count',
    title: 'Plays',
    description: 'The number of initial plays and replays of the reel.',
    productTypes: ['REELS'],
    retiredIn: 22,
    replacedBy: 'views',
  },
  {
    name: 'taps_forward',
    title: 'Taps forward',
    description: 'Taps to see the next story.',
    productTypes: ['STORY'],
    retiredIn: 18,
    replacedBy: 'navigation',
  },
  {
    name: 'taps_back',
    title: 'Taps back',
    description: 'Taps to see the previous story.',
    productTypes: ['STORY'],
    retiredIn: 18,
    replacedBy: 'navigation',
  },
  {
    name: 'exits',
    title: 'Exits',
    description: 'Taps to leave the story.',
    productTypes: ['STORY'],
    retiredIn: 18,
    replacedBy: 'navigation',
  },
];

const accountMetricsByName = new Map(ACCOUNT_METRICS.map((m) => [m.name, m]));
const mediaMetricsByName = new Map(MEDIA_METRICS.map((m) => [m.name, m]));

export function findAccountMetric(name: string): AccountMetric | undefined {
  return accountMetricsByName.get(name);
}

export function findMediaMetric(name: string): MediaMetric | undefined {
  return mediaMetricsByName.get(name);
}

function liveIn(metric: { sinceVersion?: number; retiredIn?: number }, version: number): boolean {
  return (
    (metric.sinceVersion ?? 0) <= version &&
    (metric.retiredIn ?? Number.POSITIVE_INFINITY) > version
  );
}

/** Account metrics a given Graph API version accepts, in catalogue order. */
export function accountMetricsFor(version: number): AccountMetric[] {
  return ACCOUNT_METRICS.filter((m) => liveIn(m, version));
}

/** Media metrics a given Graph API version accepts, in catalogue order. */
export function mediaMetricsFor(version: number): MediaMetric[] {
  return MEDIA_METRICS.filter((m) => liveIn(m, version));
}

export function isMetricLive(metric: AccountMetric | MediaMetric, version: number): boolean {
  return liveIn(metric, version);
}

/** Whether a login offers the metric (or media field). */
export function offeredWith(metric: { logins?: readonly LoginType[] }, login: LoginType): boolean {
  return (metric.logins ?? LOGIN_TYPES).includes(login);
}

/** Whether a media of this product and media type has the metric at all (login aside). */
export function appliesToMedia(
  metric: Pick<MediaMetric, 'productTypes' | 'mediaTypes'>,
  productType: string | undefined,
  mediaType: string | undefined,
): boolean {
  if (!metric.productTypes.includes(productType as MediaProductType)) return false;
  // A media type not known (yet) does not rule a metric out.
  return !metric.mediaTypes || !mediaType || metric.mediaTypes.includes(mediaType as MediaType);
}

/**
 * The media metrics a version and a login offer for a media, in catalogue order: what the proxy
 * asks when a request names none.
 */
export function mediaMetricsOffered(
  version: number,
  login: LoginType,
  productType: string | undefined,
  mediaType?: string,
): MediaMetric[] {
  return mediaMetricsFor(version).filter(
    (m) => offeredWith(m, login) && appliesToMedia(m, productType, mediaType),
  );
}

/**
 * Media fields with counts, added to the media node on 2026-04-22: the totals match the Instagram
 * app (Instagram, Facebook and promoted media); the last three come only with Facebook Login.
 */
export interface MediaCountField {
  name: string;
  title: string;
  description: string;
  /** The insights metric that counts the same. */
  metric: string;
  countedOn: CountedOn;
  mediaTypes?: readonly MediaType[];
  productTypes: readonly MediaProductType[];
  logins?: readonly LoginType[];
  addedOn: string;
}

export const MEDIA_COUNT_FIELDS: readonly MediaCountField[] = [
  {
    name: 'total_like_count',
    title: 'Total likes',
    description: 'Likes on Instagram, on Facebook and on promoted media together.',
    metric: 'total_likes',
    countedOn: 'everywhere',
    productTypes: FEED_REELS,
    addedOn: '2026-04-22',
  },
  {
    name: 'total_comments_count',
    title: 'Total comments',
    description: 'Comments on Instagram, on Facebook and on promoted media together.',
    metric: 'total_comments',
    countedOn: 'everywhere',
    productTypes: FEED_REELS,
    addedOn: '2026-04-22',
  },
  {
    name: 'total_views_count',
    title: 'Total views',
    description: 'Views of the video on Instagram, on Facebook and as promoted media together.',
    metric: 'total_views',
    countedOn: 'everywhere',
    productTypes: FEED_REELS,
    mediaTypes: ['VIDEO'],
    addedOn: '2026-04-22',
  },
  {
    name: 'reposts_count',
    title: 'Reposts',
    description: 'The number of times the media was reposted.',
    metric: 'reposts',
    countedOn: 'instagram',
    productTypes: FEED_REELS,
    logins: FACEBOOK_LOGIN_ONLY,
    addedOn: '2026-04-22',
  },
  {
    name: 'saved_count',
    title: 'Saves',
    description: 'The number of saves of the media.',
    metric: 'saved',
    countedOn: 'instagram',
    productTypes: FEED_REELS,
    logins: FACEBOOK_LOGIN_ONLY,
    addedOn: '2026-04-22',
  },
  {
    name: 'shares_count',
    title: 'Shares',
    description: 'The number of times the media was shared.',
    metric: 'shares',
    countedOn: 'instagram',
    productTypes: FEED_REELS,
    logins: FACEBOOK_LOGIN_ONLY,
    addedOn: '2026-04-22',
  },
];

export function findMediaCountField(name: string): MediaCountField | undefined {
  return MEDIA_COUNT_FIELDS.find((f) => f.name === name);
}

/** The media node's fields a login offers: Instagram Login lacks the Facebook-only count fields. */
export function mediaFieldsOffered(login: LoginType): string[] {
  return IG_MEDIA_FIELDS.filter((name) => {
    const counted = findMediaCountField(name);
    return !counted || offeredWith(counted, login);
  });
}

/** The title and description a version gives a metric (pre-v22 versions used the seed's wording). */
export function metricWording(
  metric: AccountMetric | MediaMetric,
  version: number,
): { title: string; description: string } {
  if (version < 22 && metric.legacy) return metric.legacy;
  return { title: metric.title, description: metric.description };
}

/** Accounts metrics whose daily curve needs `total_value` asked one day at a time. */
export function isTotalValueOnly(metric: AccountMetric, version: number): boolean {
  const timeSeriesStill = metric.timeSeriesUntil !== undefined && version < metric.timeSeriesUntil;
  return !metric.metricTypes.includes('time_series') && !timeSeriesStill;
}
