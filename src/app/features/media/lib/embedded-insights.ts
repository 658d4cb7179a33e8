import type { IgMedia, InsightsResponse } from '../../../../graph/graph-types';
import { type ApiAnswer, ApiRequestError } from '../../../lib/api-client';

/** A post's insights as its list answer carried them: the data, or the error its own page would get. */
export interface EmbeddedInsights {
  data?: ApiAnswer<InsightsResponse>;
  error?: ApiRequestError;
}

const made = new WeakMap<IgMedia, EmbeddedInsights>();

/**
 * The insights the list answer embedded for `media` (`insights=lifetime`), in the shape of its
 * insights query, or undefined when the list carried none (the post is then asked on its own).
 * The same object for the same post, so that rows do not re-render for nothing.
 */
export function embeddedInsights(media: IgMedia): EmbeddedInsights | undefined {
  const known = made.get(media);
  if (known) return known;
  let embedded: EmbeddedInsights | undefined;
  if (media.insights) embedded = { data: { data: media.insights, stale: false } };
  else if (media.insights_error) {
    const e = media.insights_error;
    embedded = {
      error: new ApiRequestError(
        e.message,
        e.status,
        e.code,
        e.error_subcode,
        e.error_user_title,
        undefined,
        e.type,
        e.error_user_msg,
      ),
    };
  }
  if (embedded) made.set(media, embedded);
  return embedded;
}
