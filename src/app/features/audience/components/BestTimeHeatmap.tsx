import { type CSSProperties, useId } from 'react';
import {
  bestSlots,
  HEATMAP_WEEKDAYS,
  type BestTimeHeatmap as Heatmap,
  HOURS,
  heatmapMax,
  slotLabel,
  WEEKDAY_NAMES,
} from '../../../lib/best-time';
import { formatCompact, formatInteger } from '../../../lib/format';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Cell colour: the chart colour mixed into the card's background, at most 60 % so that the text
 * (the page's ordinary text colour) keeps a contrast of 4.5:1 or more in light and dark.
 */
function cellStyle(value: number | undefined, max: number): CSSProperties | undefined {
  if (value === undefined || max <= 0) return undefined;
  const percent = Math.round((value / max) * 60);
  return {
    backgroundColor: `color-mix(in srgb, var(--app-chart-2) ${percent}%, var(--app-surface-raised))`,
  };
}

/** The heatmap as a table: weekdays down, hours across, each cell the average followers online. */
export function BestTimeHeatmap({
  heatmap,
  zoneLabel,
}: {
  heatmap: Heatmap;
  /** "America/New_York (UTC−05:00)". */
  zoneLabel: string;
}) {
  const captionId = useId();
  const max = heatmapMax(heatmap);
  const best = bestSlots(heatmap, 3);
  // Mostly one minute: 0, or 30 in zones half an hour off Pacific time (see lib/best-time.ts).
  const [minute = 0] = heatmap.slotMinutes;
  const mixedMinutes = heatmap.slotMinutes.length > 1;

  return (
    <div className="space-y-4">
      {minute !== 0 || mixedMinutes ? (
        <p className="text-sm text-fg-muted">
          Instagram counts whole hours of US Pacific time, which start at{' '}
          {mixedMinutes
            ? heatmap.slotMinutes.map((m) => `:${pad(m)}`).join(' or ')
            : `:${pad(minute)}`}{' '}
          in {heatmap.timeZone}: each column holds the hour that starts in it (column {pad(13)} is{' '}
          {slotLabel(13, minute)}).
        </p>
      ) : null}
      <section
        aria-labelledby={captionId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        className="relative overflow-x-auto"
      >
        <table className="w-full border-collapse text-center text-xs tabular-nums">
          <caption id={captionId} className="mb-2 text-left text-sm text-fg-muted">
            Followers online on average by weekday and hour, in {zoneLabel}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="p-1 text-left font-medium">
                <span className="sr-only">Weekday</span>
              </th>
              {HOURS.map((hour) => (
                <th
                  key={hour}
                  scope="col"
                  className="min-w-9 px-0.5 py-1 font-medium text-fg-muted"
                >
                  <span aria-hidden="true">{pad(hour)}</span>
                  <span className="sr-only">
                    {pad(hour)}:{pad(minute)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {HEATMAP_WEEKDAYS.map((weekday) => (
              <tr key={weekday}>
                <th scope="row" className="py-1 pr-2 text-left font-medium">
                  <span aria-hidden="true">{WEEKDAY_NAMES[weekday].slice(0, 3)}</span>
                  <span className="sr-only">{WEEKDAY_NAMES[weekday]}</span>
                </th>
                {HOURS.map((hour) => {
                  const value = heatmap.averages[weekday]?.[hour];
                  return (
                    <td
                      key={hour}
                      title={
                        value === undefined
                          ? `${WEEKDAY_NAMES[weekday]} ${slotLabel(hour, minute)}: no data`
                          : `${WEEKDAY_NAMES[weekday]} ${slotLabel(hour, minute)}: ${formatInteger(Math.round(value))} followers online on average`
                      }
                      style={cellStyle(value, max)}
                      className="border border-surface-raised px-0.5 py-1.5 text-fg"
                    >
                      {value === undefined ? (
                        <>
                          <span aria-hidden="true">–</span>
                          <span className="sr-only">no data</span>
                        </>
                      ) : (
                        formatCompact(Math.round(value))
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="flex items-center gap-2 text-xs text-fg-muted" aria-hidden="true">
        <span>Fewer online</span>
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <span
            key={f}
            className="inline-block size-4 rounded-sm border border-border"
            style={cellStyle(f * max, max) ?? {}}
          />
        ))}
        <span>More online</span>
      </div>
      {best.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold">Best slots</h3>
          <ol className="mt-1 list-inside list-decimal space-y-0.5 text-sm">
            {best.map((slot) => (
              <li key={`${slot.weekday}-${slot.hour}`}>
                <span className="font-medium">
                  {WEEKDAY_NAMES[slot.weekday]}, {slotLabel(slot.hour, minute)}
                </span>
                : {formatInteger(Math.round(slot.average))} followers online on average
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
