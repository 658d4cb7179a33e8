import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { IgMedia, InsightsResponse } from '../../../../graph/graph-types';
import { findMediaMetric } from '../../../../graph/metric-catalogue';
import { StatCard, type StatCardProps } from '../../../components/StatCard';
import { NotAvailable, StaleNote } from '../../../components/StatusPanels';
import { Card } from '../../../components/ui';
import type { ApiAnswer } from '../../../lib/api-client';
import {
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
  // so that the cards already have their final height; then the answer rules.
  const specs: CardSpec[] = answer
    ? answer.data.map((d) => ({ name: d.name, title: d.title, description: d.description }))
    : mediaMetricsOf(productType).map((m) => ({
        name: m.name,
        title: m.title,
        description: m.description,
      }));
  const unavailable = insights.isError ? unavailableReason(insights.error, productType) : undefined;
  const plain = specs.filter((s) => !findMediaMetric(s.name)?.breakdown);
  const withBreakdown = specs.filter((s) => findMediaMetric(s.name)?.breakdown);

  const card = (spec: CardSpec, breakdown?: ReactNode) => {
    const metric = findMediaMetric(spec.name);
    const value = metricValue(answer, spec.name);
    let state: Partial<StatCardProps> = {};
    let note: ReactNode = null;
    if (insights.isPending) state = { loading: true };
    else if (unavailable) note = <NotAvailable reason={unavailable.title} />;
    else if (insights.isError)
      state = { error: insights.error, onRetry: () => void insights.refetch() };
    else if (value === undefined) note = <NotAvailable reason="Instagram sent no value." />;
    else state = { value: formatMediaMetric(spec.name, value) };
    return (
      <StatCard
        key={spec.name}
        title={spec.title}
        {...(spec.description ? { description: spec.description } : {})}
        {...(metric?.lowerIsBetter ? { lowerIsBetter: true } : {})}
        {...state}
      >
        {note}
        {metric?.lowerIsBetter && !unavailable ? (
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
              breakdown && !insights.isPending && !unavailable ? (
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
