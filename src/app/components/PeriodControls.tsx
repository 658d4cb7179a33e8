import type { ReactNode } from 'react';
import type { IsoDay } from '../../graph/pacific-days';
import type { ComparisonPlan } from '../lib/comparison-range';
import { type DateRange, rangeLabel } from '../lib/date-range';
import { allowedComparisons, periodFits, useShareView } from '../lib/share-view';
import type { PeriodState } from '../lib/url-state';
import { ComparisonControl } from './ComparisonControl';
import { PrintButton } from './PrintButton';
import { RangeControl } from './RangeControl';

/**
 * The date range, comparison and print controls of the account and compare pages, and the line
 * that sums them up in print (where the controls are hidden). In a shared view they offer only
 * what its link allows: a fixed link's days are said, not chosen.
 */
export function PeriodControls({
  period,
  range,
  comparison,
  today,
  onChange,
  updating,
  printNote,
  storedOldest,
  children,
}: {
  period: PeriodState;
  range: DateRange;
  comparison: ComparisonPlan;
  today: string;
  onChange: (next: PeriodState) => void;
  /** Earlier answers are on screen while the new range loads. */
  updating: boolean;
  /** A sentence the print summary adds after the days, e.g. "Per 1,000 followers." */
  printNote?: string | undefined;
  /** The oldest day the dashboard's history holds of the page's account: ranges may reach it. */
  storedOldest?: IsoDay | undefined;
  /** The page's own controls, shown after the comparison. */
  children?: ReactNode;
}) {
  const { selection, compare } = period;
  const share = useShareView();
  const allowed = share?.allowed_days;
  // A longer range may leave no room for its comparison: the comparison goes, not the range.
  const changeRange = (next: PeriodState['selection']) =>
    onChange(
      !allowed || periodFits({ selection: next, compare }, allowed, today, storedOldest)
        ? { selection: next, compare }
        : { selection: next, compare: 'off' },
    );
  return (
    <>
      <div className="relative flex flex-wrap items-end gap-x-6 gap-y-3 print:hidden">
        {share?.range.kind === 'fixed' ? (
          <SharedDays range={range} comparison={comparison} />
        ) : (
          <>
            {/* Remounted when the URL's range changes (Back, a link) so its own state follows. */}
            <RangeControl
              key={`${selection.range}|${selection.from ?? ''}|${selection.to ?? ''}`}
              selection={selection}
              range={range}
              today={today}
              onChange={changeRange}
              allowed={allowed}
              storedOldest={storedOldest}
            />
            <ComparisonControl
              mode={compare}
              plan={comparison}
              onChange={(next) => onChange({ selection, compare: next })}
              modes={allowed ? allowedComparisons(range, allowed, today, storedOldest) : undefined}
            />
          </>
        )}
        {children}
        <div className="ml-auto pb-0.5">
          <PrintButton />
        </div>
        {/* Out of the flow: appearing and going, it must not move the page. */}
        <p role="status" className="absolute top-0 right-0 text-sm text-fg-muted">
          {updating ? 'Updating…' : ''}
        </p>
      </div>
      {/* The print layout's summary of the controls it hides. */}
      <p className="hidden text-sm print:block">
        {selection.range === 'custom' ? '' : `${rangeLabel(selection, range)}, `}US Pacific days{' '}
        {range.from} – {range.to}.{printNote ? ` ${printNote}` : ''}
        {comparison.kind === 'compare'
          ? ` Compared with the ${comparison.name}: ${comparison.range.from} – ${comparison.range.to}.`
          : ''}
      </p>
    </>
  );
}

/** A fixed share link's days, which its viewer cannot change. */
function SharedDays({ range, comparison }: { range: DateRange; comparison: ComparisonPlan }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">Dates</p>
      <p className="text-sm text-fg-muted">
        {range.from} to {range.to} (US Pacific days).
        {comparison.kind === 'compare' ? ` ${comparison.description}` : ''}
      </p>
    </div>
  );
}
