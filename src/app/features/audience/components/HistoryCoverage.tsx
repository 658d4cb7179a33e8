import { addDays, daysBetween, type IsoDay } from '../../../../graph/pacific-days';
import { formatDay } from '../../../lib/format';
import type { MergedOnlineFollowers } from '../lib/online-followers';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What the averages are based on: how many days, from the API and from the stored history, with a
 * marker where the stored history begins. The bar is a picture of the sentence above it.
 */
export function HistoryCoverage({
  merged,
  storedSince,
}: {
  merged: MergedOnlineFollowers;
  /** The first day the server stored; null when it has stored none; undefined when unknown. */
  storedSince: IsoDay | null | undefined;
}) {
  const first = merged.days[0]?.day;
  const last = merged.days[merged.days.length - 1]?.day;
  if (!first || !last) return null;
  const start = storedSince && storedSince < first ? storedSince : first;
  const span = daysBetween(start, last) + 1;
  const at = (day: IsoDay) => Math.min(100, Math.max(0, (daysBetween(start, day) / span) * 100));
  const apiFirst = merged.days.find((d) => merged.apiSince && d.day >= merged.apiSince)?.day;

  return (
    <div className="space-y-2 text-sm">
      <p>
        Based on <strong className="font-semibold">{plural(merged.days.length, 'day')}</strong> of
        online followers, {formatDay(first)} to {formatDay(last)} (US Pacific days):{' '}
        {plural(merged.fromApi, 'day')} from Instagram's API, which gives the last 30, and{' '}
        {plural(merged.fromStore, 'day')} from the history this server stored.{' '}
        {storedSince
          ? `Stored history begins on ${formatDay(storedSince)}; the average reaches further back as it grows.`
          : storedSince === null
            ? 'The server has stored no history yet; it stores a day once a day.'
            : 'The stored history could not be read.'}
      </p>
      <div aria-hidden="true" className="space-y-1">
        <div className="relative h-3 rounded-sm bg-surface-sunken">
          {merged.fromStore > 0 ? (
            <div
              className="absolute inset-y-0 rounded-l-sm bg-chart-3"
              style={{
                left: `${at(first)}%`,
                width: `${(apiFirst ? at(apiFirst) : 100) - at(first)}%`,
              }}
            />
          ) : null}
          {apiFirst ? (
            <div
              className="absolute inset-y-0 rounded-r-sm bg-chart-2"
              style={{ left: `${at(apiFirst)}%`, right: `${100 - at(addDays(last, 1))}%` }}
            />
          ) : null}
          {storedSince ? (
            <div
              className="absolute -inset-y-1 w-0.5 bg-fg"
              style={{ left: `${at(storedSince)}%` }}
            />
          ) : null}
        </div>
        <div className="flex flex-wrap gap-x-4 text-xs text-fg-muted">
          {merged.fromStore > 0 ? (
            <span>
              <span className="mr-1 inline-block size-2.5 rounded-sm bg-chart-3" />
              Stored history
            </span>
          ) : null}
          {merged.fromApi > 0 ? (
            <span>
              <span className="mr-1 inline-block size-2.5 rounded-sm bg-chart-2" />
              Instagram's API
            </span>
          ) : null}
          {storedSince ? (
            <span>
              <span className="mr-1 inline-block h-2.5 w-0.5 bg-fg" />
              Stored history begins ({formatDay(storedSince, false)})
            </span>
          ) : null}
        </div>
      </div>
    </div>
  );
}
