import { describe, expect, it } from 'vitest';
import type { InsightsMetricData } from '../../graph/graph-types';
import { ApiRequestError } from './api-client';
import {
  availabilityNote,
  countedOnLabel,
  formatDuration,
  formatMediaMetric,
  mediaMetricsOf,
  metricValue,
  unavailableReason,
} from './media-metrics';

describe('formatDuration', () => {
  it('shows seconds under a minute, then minutes and seconds, then hours and minutes', () => {
    expect(formatDuration(0)).toBe('0.0 s');
    expect(formatDuration(5560)).toBe('5.6 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(59_960)).toBe('1 min');
    expect(formatDuration(252_000)).toBe('4 min 12 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(367_777_320)).toBe('102 h 10 min');
    expect(formatDuration(3_600_000_000)).toBe('1,000 h');
  });

  it('does not invent a duration from a bad value', () => {
    expect(formatDuration(Number.NaN)).toBe('n/a');
    expect(formatDuration(-1)).toBe('n/a');
  });
});

describe('formatMediaMetric', () => {
  it('formats by the catalogue unit: counts, milliseconds, percent', () => {
    expect(formatMediaMetric('views', 66147)).toBe('66,147');
    expect(formatMediaMetric('ig_reels_avg_watch_time', 5560)).toBe('5.6 s');
    expect(formatMediaMetric('ig_reels_video_view_total_time', 367_777_320)).toBe('102 h 10 min');
    expect(formatMediaMetric('reels_skip_rate', 40.9)).toBe('40.9 %');
    expect(formatMediaMetric('a_metric_we_do_not_know', 1234)).toBe('1,234');
  });
});

describe('mediaMetricsOf', () => {
  it('lists the live metrics of each product type', () => {
    const names = (t: string) => mediaMetricsOf(t).map((m) => m.name);
    expect(names('REELS')).toContain('reels_skip_rate');
    expect(names('REELS')).not.toContain('profile_activity');
    expect(names('FEED')).toContain('profile_activity');
    expect(names('FEED')).not.toContain('navigation');
    expect(names('STORY')).toEqual(expect.arrayContaining(['navigation', 'replies']));
    expect(names('STORY')).not.toContain('saved');
    for (const t of ['FEED', 'REELS', 'STORY']) {
      expect(names(t)).not.toContain('impressions');
      expect(names(t)).not.toContain('plays');
    }
  });

  it('knows this year’s metrics, and total_views for videos only', () => {
    const names = (t: string, m?: string) => mediaMetricsOf(t, m).map((x) => x.name);
    expect(names('REELS', 'VIDEO')).toEqual(
      expect.arrayContaining(['crossposted_views', 'facebook_views', 'total_views', 'total_likes']),
    );
    expect(names('FEED', 'IMAGE')).not.toContain('total_views');
    expect(names('FEED', 'VIDEO')).toContain('total_views');
    expect(names('FEED', 'IMAGE')).not.toContain('crossposted_views');
    expect(names('STORY', 'IMAGE')).toEqual(
      expect.arrayContaining(['facebook_views', 'link_clicks']),
    );
    expect(names('STORY', 'IMAGE')).not.toContain('total_likes');
  });
});

describe('countedOnLabel and availabilityNote', () => {
  it('say where a number is counted, and which media and logins have it since when', () => {
    expect(countedOnLabel('reach')).toBe('Instagram only');
    expect(countedOnLabel('likes')).toBe('Instagram only');
    expect(countedOnLabel('facebook_views')).toBe('Facebook only');
    expect(countedOnLabel('crossposted_views')).toBe('Instagram and Facebook');
    expect(countedOnLabel('total_likes')).toBe('Instagram, Facebook and ads');
    expect(countedOnLabel('saved')).toBeUndefined();
    expect(availabilityNote('total_views')).toBe('Videos only. In the Graph API since 2026-04-22.');
    expect(availabilityNote('link_clicks')).toBe(
      'With Facebook Login only. In the Graph API since 2026-06-22.',
    );
    expect(availabilityNote('facebook_views')).toBe(
      'Only for media shared to Facebook. In the Graph API since 2025-12-03.',
    );
    expect(availabilityNote('views')).toBeUndefined();
  });
});

describe('unavailableReason', () => {
  it('gives Instagram’s own title and explanation when the server passed them on', () => {
    const error = new ApiRequestError(
      'Instagram has no insights for media posted before the account became a business account.',
      422,
      100,
      2108006,
      'Media posted before business account conversion',
      undefined,
      'NotAvailable',
      'The media was posted before the most recent time that the user’s account was converted.',
    );
    expect(unavailableReason(error)).toEqual({
      title: 'Media posted before business account conversion',
      message:
        'The media was posted before the most recent time that the user’s account was converted.',
    });
    const own = new ApiRequestError(
      'At least 5 accounts must see it.',
      422,
      10,
      undefined,
      'Too few viewers',
    );
    expect(unavailableReason(own)).toEqual({
      title: 'Too few viewers',
      message: 'At least 5 accounts must see it.',
    });
  });
});

const entry = (over: Partial<InsightsMetricData>): InsightsMetricData => ({
  name: 'profile_activity',
  period: 'lifetime',
  title: 'Profile activity',
  description: '',
  id: 'x',
  ...over,
});

describe('metricValue', () => {
  it('reads values[0] or total_value, and nothing for a missing metric', () => {
    const answer = {
      data: [
        entry({ name: 'views', values: [{ value: 0 }] }),
        entry({ name: 'navigation', total_value: { value: 12 } }),
      ],
    };
    expect(metricValue(answer, 'views')).toBe(0);
    expect(metricValue(answer, 'navigation')).toBe(12);
    expect(metricValue(answer, 'reach')).toBeUndefined();
    expect(metricValue(undefined, 'views')).toBeUndefined();
  });
});
