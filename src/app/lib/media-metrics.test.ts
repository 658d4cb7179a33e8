import { describe, expect, it } from 'vitest';
import type { InsightsMetricData } from '../../graph/graph-types';
import { formatDuration, formatMediaMetric, mediaMetricsOf, metricValue } from './media-metrics';

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
