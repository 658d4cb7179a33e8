/** The Graph API's JSON shapes, as the fake upstream sends them and the proxy passes them on. */
import type { IsoDay } from './pacific-days';

export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id: string;
}

export interface GraphErrorResponse {
  error: GraphErrorBody;
}

export interface TimeSeriesValue<V = number | Record<string, number>> {
  value: V;
  end_time?: string;
}

export interface BreakdownResult {
  dimension_values: string[];
  value: number;
}

export interface Breakdown {
  dimension_keys: string[];
  results: BreakdownResult[];
}

export interface TotalValue {
  value?: number;
  breakdowns?: Breakdown[];
}

export interface InsightsMetricData {
  name: string;
  period: string;
  values?: TimeSeriesValue[];
  total_value?: TotalValue;
  title: string;
  description: string;
  id: string;
}

/** A metric Instagram refused for this kind of object, so the proxy answered the others without it. */
export interface MissingMetric {
  name: string;
  title: string;
  description: string;
  /** "Instagram no longer provides reels_skip_rate for reels". */
  message: string;
}

export interface InsightsResponse {
  data: InsightsMetricData[];
  paging?: { previous?: string; next?: string };
  /**
   * The dashboard's own addition: days of the range neither its history nor Instagram could give
   * (older than two years and never stored; recent ones while Instagram fails), with the reason.
   */
  missing_days?: { first: IsoDay; last: IsoDay; reason: string }[];
  /** The proxy's own addition: metrics asked but no longer provided for this kind of object. */
  missing_metrics?: MissingMetric[];
}

export interface CursorPaging {
  cursors?: { before: string; after: string };
  next?: string;
  previous?: string;
}

export interface ListResponse<T> {
  data: T[];
  paging?: CursorPaging;
}

export interface IgUser {
  id: string;
  ig_id?: number;
  username?: string;
  name?: string;
  biography?: string;
  website?: string;
  profile_picture_url?: string;
  followers_count?: number;
  follows_count?: number;
  media_count?: number;
}

export interface IgMedia {
  id: string;
  caption?: string;
  media_type?: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  media_product_type?: 'FEED' | 'REELS' | 'STORY' | 'AD';
  media_url?: string;
  thumbnail_url?: string;
  permalink?: string;
  shortcode?: string;
  timestamp?: string;
  like_count?: number;
  comments_count?: number;
  /** Across Instagram, Facebook and promoted media (2026-04-22). */
  total_like_count?: number;
  total_comments_count?: number;
  total_views_count?: number;
  /** Facebook Login only (2026-04-22). */
  reposts_count?: number;
  saved_count?: number;
  shares_count?: number;
  /** The owner's username (a collaboration is another account's post). */
  username?: string;
  children?: ListResponse<{ id: string }>;
  /**
   * The proxy's addition to a list asked with `insights=lifetime`: the post's lifetime insights
   * in Graph's field-expansion shape, or why Instagram refused them (with the HTTP status its own
   * `/api/{media-id}/insights` answers).
   */
  insights?: InsightsResponse;
  insights_error?: Omit<GraphErrorBody, 'fbtrace_id'> & { status: number };
}

export interface FacebookPage {
  id: string;
  name?: string;
  instagram_business_account?: { id: string; username?: string };
}
