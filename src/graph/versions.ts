/** Graph API versions are path prefixes such as `v25.0`. */
export type GraphVersion = `v${number}.0`;

export const DEFAULT_GRAPH_VERSION: GraphVersion = 'v25.0';

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
