import { useQueries } from '@tanstack/react-query';
import { accountInsightsQueryOptions } from '../../../api/get-account-insights';
import { MetricDescription } from '../../../components/MetricDescription';
import { NotAvailable } from '../../../components/StatusPanels';
import { Card } from '../../../components/ui';
import { ApiRequestError } from '../../../lib/api-client';
import type { AudienceTimeframe } from '../lib/audience-url-state';
import {
  DEMOGRAPHIC_AUDIENCES,
  DEMOGRAPHIC_BREAKDOWNS,
  demographicParams,
  TIMEFRAME_LABELS,
} from '../lib/demographics';
import { DemographicFigure } from './DemographicFigure';

/**
 * Follower and engaged-audience demographics by age, gender, country and city, for one timeframe.
 * When Instagram refuses all of them for the same reason (an account under 100 followers), that
 * reason is said once instead of eight times.
 */
export function DemographicsSection({
  accountId,
  account,
  timeframe,
}: {
  accountId: string;
  account: string;
  timeframe: AudienceTimeframe;
}) {
  const specs = DEMOGRAPHIC_AUDIENCES.flatMap((audience) =>
    DEMOGRAPHIC_BREAKDOWNS.map((b) => ({ audience, breakdown: b.breakdown, by: b.by })),
  );
  const queries = useQueries({
    queries: specs.map((s) =>
      accountInsightsQueryOptions(
        accountId,
        demographicParams(s.audience.metric, s.breakdown, timeframe),
      ),
    ),
  });

  const refusals = queries.map((q) =>
    q.error instanceof ApiRequestError && q.error.notAvailable ? q.error.message : undefined,
  );
  const [firstRefusal] = refusals;
  if (firstRefusal && refusals.every((r) => r === firstRefusal)) {
    return (
      <Card className="space-y-2">
        <NotAvailable reason={firstRefusal} />
        <MetricDescription
          title="Demographics"
          description="Instagram gives the age, gender, country and city of an account's followers and engaged audience only once the account has 100 followers or more."
        />
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      {DEMOGRAPHIC_AUDIENCES.map((audience) => {
        const headingId = `demographics-${audience.metric}`;
        const of = (breakdown: string) =>
          specs.findIndex(
            (s) => s.audience.metric === audience.metric && s.breakdown === breakdown,
          );
        const gender = queries[of('gender')];
        return (
          <section key={audience.metric} aria-labelledby={headingId} className="space-y-3">
            <h3 id={headingId} className="text-base font-semibold">
              {audience.title}{' '}
              <span className="font-normal text-fg-muted">
                · {TIMEFRAME_LABELS[timeframe].toLowerCase()}
              </span>
            </h3>
            <div className="grid gap-4 md:grid-cols-2">
              {DEMOGRAPHIC_BREAKDOWNS.map((b) => {
                const query = queries[of(b.breakdown)];
                if (!query || !gender) return null;
                return (
                  <DemographicFigure
                    key={b.breakdown}
                    title={`${audience.title} by ${b.by}`}
                    metric={audience.metric}
                    breakdown={b.breakdown}
                    noun={audience.noun}
                    timeframe={timeframe}
                    query={query}
                    gender={gender}
                    account={account}
                    accountId={accountId}
                  />
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
