/** Graph API versions are path prefixes such as `v25.0`. */
export type GraphVersion = `v${number}.0`;

/**
 * The newest version the metric catalogue (metric-catalogue.ts) has been checked against: the
 * server asks this one unless GRAPH_API_VERSION says otherwise. v26.0 was released on 2026-07-29;
 * v22.0 to v25.0 stay live until 2027-05-20, 2027-10-08, 2028-02-18 and 2028-07-29.
 */
export const CATALOGUE_CHECKED_VERSION = 26;

export const DEFAULT_GRAPH_VERSION: GraphVersion = `v${CATALOGUE_CHECKED_VERSION}.0`;

/** The version that retired impressions, engagement and the other pre-`views` metrics. */
export const VIEWS_ERA_VERSION = 22;

const VERSION_PATTERN = /^v(\d{1,2})\.0$/;

export function parseGraphVersion(value: string): number | undefined {
  const match = VERSION_PATTERN.exec(value);
  return match ? Number(match[1]) : undefined;
}

export function isGraphVersion(value: string): value is GraphVersion {
  return parseGraphVersion(value) !== undefined;
}
