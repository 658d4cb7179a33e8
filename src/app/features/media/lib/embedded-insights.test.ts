import { describe, expect, it } from 'vitest';
import type { IgMedia } from '../../../../graph/graph-types';
import { ApiRequestError } from '../../../lib/api-client';
import { embeddedInsights } from './embedded-insights';
import { insightCell } from './post-insights';

const post = { id: '1', media_type: 'IMAGE', media_product_type: 'FEED' } as const;
const views = {
  name: 'views',
  period: 'lifetime',
  values: [{ value: 42 }],
  title: 'Views',
  description: '',
  id: '1/insights/views/lifetime',
};

describe('embeddedInsights', () => {
  it('gives the embedded answer as the post’s insights query would, the same object each time', () => {
    const media: IgMedia = { ...post, insights: { data: [views] } };
    const embedded = embeddedInsights(media);
    expect(embedded).toEqual({ data: { data: { data: [views] }, stale: false } });
    expect(embeddedInsights(media)).toBe(embedded);
    expect(insightCell(embedded ?? {}, 'views', media)).toEqual({ kind: 'value', value: 42 });
  });

  it('turns insights_error into the error the post’s own request would give: n/a with the reason', () => {
    const media: IgMedia = {
      ...post,
      insights_error: {
        message:
          'Instagram has no insights for media posted before the account became a business account.',
        type: 'NotAvailable',
        code: 100,
        error_subcode: 2108006,
        error_user_title: 'Media posted before business account conversion',
        error_user_msg: 'The media was posted before the account was converted.',
        status: 422,
      },
    };
    const error = embeddedInsights(media)?.error;
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 422, code: 100, subcode: 2108006, type: 'NotAvailable' });
    expect(error?.transient).toBe(false);
    expect(insightCell({ error }, 'views', media)).toEqual({
      kind: 'unavailable',
      title: 'Media posted before business account conversion',
      message: 'The media was posted before the account was converted.',
    });
  });

  it('keeps a transient failure worth a retry, and nothing when the list embedded nothing', () => {
    const media: IgMedia = {
      ...post,
      insights_error: {
        message: 'Try again shortly.',
        type: 'Throttled',
        code: 80002,
        status: 429,
      },
    };
    expect(embeddedInsights(media)?.error?.transient).toBe(true);
    expect(insightCell(embeddedInsights(media) ?? {}, 'views', media)).toEqual({
      kind: 'error',
      message: 'Try again shortly.',
    });
    expect(embeddedInsights({ ...post })).toBeUndefined();
  });
});
