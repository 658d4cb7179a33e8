import { describe, expect, it } from 'vitest';
import type { InsightsResponse } from '../../graph/graph-types';
import { ApiRequestError } from './api-client';
import { noLongerProvided } from './no-longer-provided';

const answer: InsightsResponse = {
  data: [],
  missing_metrics: [
    {
      name: 'views',
      title: 'Views',
      description: '',
      message: 'Instagram no longer provides views for accounts.',
    },
  ],
};

describe('noLongerProvided', () => {
  it('reads the reason from missing_metrics', () => {
    expect(noLongerProvided(answer, 'views')).toBe(
      'Instagram no longer provides views for accounts.',
    );
    expect(noLongerProvided(answer, 'reach')).toBeUndefined();
    expect(noLongerProvided(undefined, 'views')).toBeUndefined();
  });

  it('reads it from the 422 of a request that asked only such metrics, metric by metric', () => {
    const error = new ApiRequestError(
      'Instagram no longer provides reach for accounts. Instagram no longer provides views for accounts.',
      422,
      100,
      undefined,
      'No longer provided',
    );
    expect(noLongerProvided(undefined, 'views', error)).toBe(
      'Instagram no longer provides views for accounts.',
    );
    expect(noLongerProvided(undefined, 'reach', error)).toBe(
      'Instagram no longer provides reach for accounts.',
    );
    expect(noLongerProvided(undefined, 'likes', error)).toBeUndefined();
    // Another 422 (too few followers, say) is not a retirement.
    const other = new ApiRequestError('Needs 100 followers', 422, 10, undefined, 'Needs 100');
    expect(noLongerProvided(undefined, 'reach', other)).toBeUndefined();
  });
});
