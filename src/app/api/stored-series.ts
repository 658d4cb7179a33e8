import type { InsightsResponse } from '../../graph/graph-types';
import type { IsoDay } from '../../graph/pacific-days';

/** `GET /api/{id}/stored/{metric}`: the time-series shape, plus the first stored day. */
export interface StoredSeriesResponse extends InsightsResponse {
  /** The first Pacific day the server has stored, or null when it has stored none yet. */
  stored_since: IsoDay | null;
  stored_since_end_time: string | null;
}

/** Pacific days, inclusive; without them every stored day. */
export interface StoredRangeParams {
  since?: IsoDay;
  until?: IsoDay;
}
