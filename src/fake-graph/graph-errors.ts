import type { GraphErrorBody } from '../graph/graph-types';

/**
 * The Graph API's own error objects, with the messages it really sends (see graph-api.md). Each
 * builder returns the status and body; the caller adds headers and the fbtrace_id.
 */
export interface FakeGraphError {
  status: number;
  body: Omit<GraphErrorBody, 'fbtrace_id'>;
  headers?: Record<string, string>;
}

const oauth = (
  status: number,
  code: number,
  message: string,
  extra: Partial<GraphErrorBody> = {},
): FakeGraphError => ({
  status,
  body: { message, type: 'OAuthException', code, ...extra },
});

const param = (message: string) => oauth(400, 100, `(#100) ${message}`);

export const graphErrors = {
  missingToken: (): FakeGraphError => ({
    ...oauth(
      400,
      190,
      'An active access token must be used to query information about the current user.',
    ),
    headers: {
      'WWW-Authenticate':
        'OAuth "Facebook Platform" "invalid_token" "An active access token must be used to query information about the current user."',
    },
  }),
  invalidToken: (): FakeGraphError => ({
    ...oauth(400, 190, 'Invalid OAuth access token - Cannot parse access token', {
      error_subcode: 467,
    }),
    headers: {
      'WWW-Authenticate':
        'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"',
    },
  }),
  unknownObject: (id: string): FakeGraphError => ({
    status: 400,
    body: {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    },
  }),
  unknownPath: (rest: string) => oauth(400, 2500, `Unknown path components: /${rest}`),
  unsupportedMethod: (method: string) =>
    oauth(
      400,
      100,
      `Unsupported ${method.toLowerCase()} request. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    ),
  nonexistingField: (field: string, nodeType: string) =>
    param(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`),
  missingParameter: (name: string) => param(`The parameter ${name} is required`),
  mustBeOneOf: (name: string, allowed: readonly string[]) =>
    param(`${name} must be one of the following values: ${allowed.join(', ')}`),
  metricTypeRequired: (metrics: readonly string[]) =>
    param(
      `The following metrics (${metrics.join(', ')}) should be specified with parameter metric_type=total_value`,
    ),
  metricTypeIncompatible: (metric: string, metricType: string) =>
    param(`The following metric (${metric}) is incompatible with the metric type (${metricType})`),
  periodIncompatible: (metric: string, period: string, allowed: readonly string[]) =>
    param(
      `The following metric (${metric}) does not support the period (${period}); use one of: ${allowed.join(', ')}`,
    ),
  breakdownIncompatible: (metric: string, breakdown: string) =>
    param(`The following metric (${metric}) does not support the breakdown (${breakdown})`),
  invalidTimestamp: (name: string) => param(`The parameter ${name} must be a Unix timestamp`),
  sinceAfterUntil: () => param('The since timestamp must be before the until timestamp'),
  rangeTooLong: () =>
    param('There cannot be more than 30 days (2592000 s) between since and until'),
  sinceTooOld: () =>
    param('since param is not valid. Metrics data is available for the last 2 years'),
  last30DaysOnly: (metric: string) =>
    param(
      `(${metric}) metric only supports querying data for the last 30 days excluding the current day`,
    ),
  timeframeRequired: (metric: string) =>
    param(
      `The following metric (${metric}) requires the parameter timeframe: this_week or this_month`,
    ),
  breakdownRequired: (metric: string, allowed: readonly string[]) =>
    param(
      `The following metric (${metric}) requires the parameter breakdown: one of ${allowed.join(', ')}`,
    ),
  // (uncertain) the live API's wording for accounts under 100 followers varies by metric.
  needs100Followers: (metric: string) =>
    param(
      `The following metric (${metric}) is only available for accounts with 100 or more followers`,
    ),
  mediaMetricUnsupported: (metric: string) =>
    param(
      `The Media Insights API does not support the ${metric} metric for this media product type.`,
    ),
  mediaMetricRetired: (metric: string, version: number, replacement?: string) =>
    param(
      `Starting from version v${version}.0 and above, the ${metric} metric is no longer supported for the queried media.${replacement ? ` Please use ${replacement} instead.` : ''}`,
    ),
  notEnoughViewers: () => oauth(400, 10, '(#10) Not enough viewers for the media to show insights'),
  beforeBusinessConversion: () =>
    oauth(400, 100, 'Invalid parameter', {
      error_subcode: 2108006,
      error_user_title: 'Media posted before business account conversion',
      error_user_msg:
        "The media was posted before the most recent time that the user's account was converted to a business account from a personal account.",
    }),
  carouselChild: () =>
    param('Insights are not available for carousel album children; ask for the album'),
  invalidLimit: () => param('The parameter limit must be a number between 1 and 100'),
  invalidCursor: (name: string) => param(`The ${name} cursor is invalid`),
  batchTooLarge: () =>
    oauth(400, 1, 'Too many requests in batch message. Maximum batch size is 50', {
      type: 'GraphBatchException',
    }),
  batchInvalid: () => param('The parameter batch must be a JSON-encoded array of requests'),
  unknownError: () => oauth(500, 1, 'An unknown error occurred', { is_transient: true }),
  serviceError: () =>
    oauth(503, 2, 'An unexpected error has occurred. Please retry your request later.', {
      is_transient: true,
    }),
  appThrottled: () =>
    oauth(403, 4, '(#4) Application request limit reached', { is_transient: true }),
  accountThrottled: () =>
    oauth(
      400,
      80002,
      '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
      { is_transient: true },
    ),
};
