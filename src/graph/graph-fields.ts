/** Parses a Graph `fields` list, including nested selections such as `children{id,media_type}`. */
export interface FieldSelection {
  name: string;
  fields?: FieldSelection[];
}

export function parseFields(value: string): FieldSelection[] | undefined {
  const result: FieldSelection[] = [];
  let i = 0;
  const parseList = (into: FieldSelection[], nested: boolean): boolean => {
    while (i < value.length) {
      const match = /^[a-z_][a-z0-9_]*/i.exec(value.slice(i));
      if (!match) return false;
      const field: FieldSelection = { name: match[0] };
      i += match[0].length;
      if (value[i] === '{') {
        i++;
        field.fields = [];
        if (!parseList(field.fields, true)) return false;
        if (value[i] !== '}') return false;
        i++;
      }
      into.push(field);
      if (value[i] === ',') {
        i++;
        continue;
      }
      return nested ? value[i] === '}' : i === value.length;
    }
    return false;
  };
  return parseList(result, false) ? result : undefined;
}

/** The fields an Instagram user node has (graph-api.md, GET /{ig-user-id}). */
/** How many items a Graph list gives when it is not told `limit` (it allows up to 100). */
export const GRAPH_DEFAULT_PAGE_SIZE = 25;

export const IG_USER_FIELDS = [
  'id',
  'ig_id',
  'username',
  'name',
  'biography',
  'website',
  'profile_picture_url',
  'followers_count',
  'follows_count',
  'media_count',
] as const;

/**
 * graph.instagram.com's user node (Instagram Login): no ig_id, biography or website; user_id and
 * account_type instead.
 */
export const INSTAGRAM_LOGIN_USER_FIELDS = [
  'id',
  'user_id',
  'username',
  'name',
  'account_type',
  'profile_picture_url',
  'followers_count',
  'follows_count',
  'media_count',
] as const;

/** The fields an Instagram media node has (graph-api.md, GET /{ig-user-id}/media). */
export const IG_MEDIA_FIELDS = [
  'id',
  'caption',
  'media_type',
  'media_product_type',
  'media_url',
  'thumbnail_url',
  'permalink',
  'shortcode',
  'timestamp',
  'like_count',
  'comments_count',
  // Added 2026-04-22 (MEDIA_COUNT_FIELDS in metric-catalogue.ts says which login and media offer each).
  'total_like_count',
  'total_comments_count',
  'total_views_count',
  'reposts_count',
  'saved_count',
  'shares_count',
  'children',
  'owner',
  'username',
] as const;

/** The fields the proxy accepts inside `children{...}` (a carousel's items). */
export const CHILD_MEDIA_FIELDS: readonly string[] = [
  'id',
  'media_type',
  'media_url',
  'thumbnail_url',
  'permalink',
  'timestamp',
];

/**
 * The media fields of a post list: what the app asks, and what the proxy answers when a media
 * request names no fields (Instagram would answer only the id).
 */
export const DEFAULT_MEDIA_FIELDS =
  'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,like_count,comments_count,total_like_count,total_comments_count';

/** The fields the app asks for live stories (the browser tests ask the same, sharing its cache). */
export const STORY_FIELDS =
  'id,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp';
