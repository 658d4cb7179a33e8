import type { InsightsResponse } from '../../../../graph/graph-types';
import { formatMediaMetric } from '../../../lib/media-metrics';
import type { ArchivedStory, StoredStorySource } from '../api/get-story-archive';

/** Where a number comes from: asked from Instagram now, or kept by the server. */
export type NumberSource = 'live' | StoredStorySource;

export const SOURCE_LABELS: Readonly<Record<NumberSource, string>> = {
  live: 'Live API',
  hourly_snapshot: 'Hourly snapshot',
  webhook: 'Webhook',
};

/** Story numbers that count messages, which Instagram leaves out for some regions. */
const PRIVACY_AFFECTED_METRICS: ReadonlySet<string> = new Set(['replies']);

/** Instagram's own wording of the rule (Graph API changelog, 2020–2021). */
export const PRIVACY_RULE_TEXT =
  'Due to privacy rules, messaging-related Story IG Media interactions performed by users in some regions will no longer be included in some metric calculations. These regions include: Europe starting December 1, 2020 and Japan starting April 14, 2021.';

export interface StoryMetricRow {
  name: string;
  title: string;
  description: string;
  /** Formatted for people: "1,234", "fewer than 5", "not given". */
  text: string;
  /** The number itself, when there is one. */
  value?: number;
  source: NumberSource;
  /** When the server took the number (stored sources). */
  capturedAt?: string;
  privacyAffected: boolean;
}

/** A live story's insights answer as rows, in the API's order. */
export function liveStoryRows(response: InsightsResponse | undefined): StoryMetricRow[] {
  return (response?.data ?? []).map((entry) => {
    const raw = entry.total_value?.value ?? entry.values?.[0]?.value;
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
    return {
      name: entry.name,
      title: entry.title,
      description: entry.description,
      text: value === undefined ? 'not given' : formatMediaMetric(entry.name, value),
      ...(value !== undefined ? { value } : {}),
      source: 'live',
      privacyAffected: PRIVACY_AFFECTED_METRICS.has(entry.name),
    };
  });
}

/** An expired story's last numbers as rows, each with its source. */
export function archivedStoryRows(story: ArchivedStory): StoryMetricRow[] {
  return story.insights.data.map((entry) => {
    const raw = entry.values[0]?.value;
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
    return {
      name: entry.name,
      title: entry.title,
      description: entry.description,
      text: entry.withheld
        ? 'fewer than 5'
        : value === undefined
          ? 'not given'
          : formatMediaMetric(entry.name, value),
      ...(value !== undefined ? { value } : {}),
      source: entry.source,
      ...(entry.captured_at ? { capturedAt: entry.captured_at } : {}),
      privacyAffected: PRIVACY_AFFECTED_METRICS.has(entry.name),
    };
  });
}

/** The sources an archived story's numbers come from, webhook first. */
export function storySources(story: ArchivedStory): StoredStorySource[] {
  const found = new Set(story.insights.data.map((m) => m.source));
  return (['webhook', 'hourly_snapshot'] as const).filter((s) => found.has(s));
}
