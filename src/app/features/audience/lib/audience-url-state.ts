import { checkVersion, type Parsed, pickParam, stampVersion } from '../../../lib/url-state';
import { canonicalTimeZone } from './time-zones';

/*
 * The audience page's URL (format 1): `timeframe=this-week|this-month` (demographics, default
 * this-month) and `tz=` an IANA time zone for the best time to post (default: the browser's zone,
 * which is then left out of the URL).
 */
export const AUDIENCE_TIMEFRAMES = ['this-month', 'this-week'] as const;
export type AudienceTimeframe = (typeof AUDIENCE_TIMEFRAMES)[number];
export const DEFAULT_AUDIENCE_TIMEFRAME: AudienceTimeframe = 'this-month';

export interface AudienceState {
  timeframe: AudienceTimeframe;
  /** An IANA time zone; absent: the browser's. */
  tz?: string;
}

export function parseAudienceState(params: URLSearchParams): Parsed<AudienceState> {
  const notices: string[] = [];
  checkVersion(params, notices);
  const timeframe =
    pickParam(params, 'timeframe', AUDIENCE_TIMEFRAMES, notices) ?? DEFAULT_AUDIENCE_TIMEFRAME;
  const tzText = params.get('tz');
  let tz: string | undefined;
  if (tzText !== null) {
    tz = canonicalTimeZone(tzText);
    if (!tz)
      notices.push(
        `tz=${tzText.slice(0, 40)} is not a time zone (use a name such as Europe/Berlin); showing times in your browser's time zone.`,
      );
  }
  return { state: { timeframe, ...(tz ? { tz } : {}) }, notices };
}

export function writeAudienceState(
  state: AudienceState,
  into = new URLSearchParams(),
): URLSearchParams {
  stampVersion(into);
  if (state.timeframe === DEFAULT_AUDIENCE_TIMEFRAME) into.delete('timeframe');
  else into.set('timeframe', state.timeframe);
  if (state.tz) into.set('tz', state.tz);
  else into.delete('tz');
  return into;
}
