import { cx } from '../../../lib/cx';
import { AUDIENCE_TIMEFRAMES, type AudienceTimeframe } from '../lib/audience-url-state';
import { TIMEFRAME_LABELS } from '../lib/demographics';

/** "This week" or "this month", as Instagram's demographics come. */
export function TimeframePicker({
  value,
  onChange,
}: {
  value: AudienceTimeframe;
  onChange: (next: AudienceTimeframe) => void;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <legend className="float-left mr-3 text-sm font-medium">Timeframe</legend>
      <div className="inline-flex rounded-md border border-border bg-surface-raised p-0.5">
        {AUDIENCE_TIMEFRAMES.map((timeframe) => (
          <label key={timeframe} className="cursor-pointer">
            <input
              type="radio"
              name="timeframe"
              value={timeframe}
              checked={value === timeframe}
              onChange={() => onChange(timeframe)}
              className="peer sr-only"
            />
            <span
              className={cx(
                'block rounded px-3 py-1 text-sm font-medium',
                'peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-focus',
                value === timeframe
                  ? 'bg-brand text-brand-contrast'
                  : 'text-fg-muted hover:bg-surface-sunken',
              )}
            >
              {TIMEFRAME_LABELS[timeframe]}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
