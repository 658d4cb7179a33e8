import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { IgMedia, InsightsResponse } from '../../../../graph/graph-types';
import { findMediaMetric, MEDIA_METRICS } from '../../../../graph/metric-catalogue';
import { StatCard, type StatCardProps } from '../../../components/StatCard';
import { NotAvailable, StaleNote } from '../../../components/StatusPanels';
import { Card } from '../../../components/ui';
import type { ApiAnswer } from '../../../lib/api-client';
import {
  availabilityNote,
  countedOnLabel,
  formatMediaMetric,
  mediaMetricsOf,
  metricValue,
  unavailableReason,
} from '../../../lib/media-metrics';
import { MediaBreakdown } from './MediaBreakdown';

interface CardSpec {
  name: string;
  title: string;
  description?: string;
  /** Instagram no longer provides it for this kind of media: the reason, from the server. */
  missing?: string;
}

const catalogueOrder = (name: string) => {
  const i = MEDIA_METRICS.findIndex((m) => m.name === name);
  return i < 0 ? MEDIA_METRICS.length : i;
};

/** The description, with which media and logins have the metric and since when. */
function describeWithAvailability(
  name: string,
  description: string | undefined,
): string | undefined {
  const note = availabilityNote(name);
  if (!note) return description;
  return description ? `${description} ${note}` : note;
}

/** Whether the media was shared to Facebook, as far as its answer tells. */
function facebookNote(answer: InsightsResponse): string {
  const names = answer.data.map((d) => d.name);
  if (names.includes('facebook_views') || names.includes('crossposted_views'))
    return 'Shared to Facebook: each card says where its number is counted.';
  const totals = names.some((n) => n.startsWith('total_') && n !== 'total_interactions');
  return `Not shared to Facebook: these numbers are Instagram's${totals ? ' (the totals also count promoted media)' : ''}.`;
}

/**
 * One card per lifetime metric of the media's product type, from one request without `metric`.
 * Metrics with a breakdown also show it, from a request of their own.
 */
export function MediaStatCards({
  media,
  insights,
}: {
  media: IgMedia;
  insights: UseQueryResult<ApiAnswer<InsightsResponse>>;
}) {
  const productType = media.media_product_type;
  const answer = insights.data?.data;
  // Before the answer arrives, the catalogue says which cards to expect, with their descriptions
  // so that the cards already have their final height; then the answer rules. Metrics Instagram no
  // longer provides for this kind of media keep their card, which says so.
  const specs: CardSpec[] = answer
    ? [
        ...answer.data.map((d) => ({ name: d.name, title: d.title, description: d.description })),
        ...(answer.missing_metrics ?? []).map((m) => ({
          name: m.name,
          title: m.title,
          description: m.description,
          missing: m.message,
        })),
      ].sort((a, b) => catalogueOrder(a.name) - catalogueOrder(b.name))
    : mediaMetricsOf(productType, media.media_type)
        // The Facebook side shows only once the answer says the media was shared there.
        .filter((m) => !m.crosspostedOnly)
        .map((m) => ({ name: m.name, title: m.title, description: m.description }));
  const unavailable = insights.isError ? unavailableReason(insights.error, productType) : undefined;
  const hasFacebookSide = mediaMetricsOf(productType).some((m) => m.name === 'facebook_views');
  const plain = specs.filter((s) => !findMediaMetric(s.name)?.breakdown);
  const withBreakdown = specs.filter((s) => findMediaMetric(s.name)?.breakdown);

  const card = (spec: CardSpec, breakdown?: ReactNode) => {
    const metric = findMediaMetric(spec.name);
    const value = metricValue(answer, spec.name);
    let state: Partial<StatCardProps> = {};
    let note: ReactNode = null;
    const where = countedOnLabel(spec.name);
    const description = describeWithAvailability(spec.name, spec.description);
    if (insights.isPending) state = { loading: true };
    else if (unavailable) note = <NotAvailable reason={unavailable.title} />;
    else if (spec.missing) note = <NotAvailable reason={spec.missing} />;
    else if (insights.isError)
      state = { error: insights.error, onRetry: () => void insights.refetch() };
    else if (value === undefined) note = <NotAvailable reason="Instagram sent no value." />;
    else state = { value: formatMediaMetric(spec.name, value) };
    return (
      <StatCard
        key={spec.name}
        title={spec.title}
        {...(description ? { description } : {})}
        {...(metric?.lowerIsBetter ? { lowerIsBetter: true } : {})}
        {...state}
      >
        {where && !unavailable && !spec.missing ? (
          <p className="text-xs text-fg-muted">{where}</p>
        ) : null}
        {note}
        {metric?.lowerIsBetter && !unavailable && !spec.missing ? (
          <p className="text-xs text-fg-muted">Lower is better.</p>
        ) : null}
        {breakdown}
      </StatCard>
    );
  };

  return (
    <section aria-labelledby="lifetime-heading" className="space-y-4">
      <div>
        <h2 id="lifetime-heading" className="text-lg font-semibold">
          Lifetime insights
        </h2>
        {insights.data ? (
          <StaleNote stale={insights.data.stale} fetchedAt={insights.data.fetchedAt} />
        ) : null}
        {answer && hasFacebookSide ? (
          <p className="mt-1 text-sm text-fg-muted">{facebookNote(answer)}</p>
        ) : null}
      </div>
      {unavailable ? (
        <Card flat>
          <NotAvailable reason={`${unavailable.title}. ${unavailable.message}`} />
        </Card>
      ) : null}
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        {plain.map((spec) => card(spec))}
      </div>
      {withBreakdown.length > 0 ? (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {withBreakdown.map((spec) => {
            const breakdown = findMediaMetric(spec.name)?.breakdown;
            return card(
              spec,
              breakdown && !insights.isPending && !unavailable && !spec.missing ? (
                <MediaBreakdown
                  mediaId={media.id}
                  metric={spec.name}
                  breakdown={breakdown}
                  title={spec.title}
                  productType={productType}
                />
              ) : null,
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
