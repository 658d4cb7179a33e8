import { useId, useMemo } from 'react';
import { utcOffsetLabel } from '../../../lib/best-time';
import { timeZoneOptions } from '../lib/time-zones';

const inputClass = 'max-w-full rounded-md border border-border bg-surface px-2 py-1 text-sm';

/** The IANA time zone the best time to post is shown in; the browser's unless the URL says. */
export function TimeZonePicker({
  value,
  browserZone,
  onChange,
}: {
  value: string;
  browserZone: string;
  onChange: (zone: string) => void;
}) {
  const id = useId();
  const zones = useMemo(() => timeZoneOptions([value, browserZone]), [value, browserZone]);
  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-1">
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          Time zone
        </label>
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={inputClass}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone === browserZone ? `${zone} (this browser)` : zone}
            </option>
          ))}
        </select>
      </div>
      <p className="pb-1 text-sm text-fg-muted">
        Now {utcOffsetLabel(value)}
        {value !== browserZone ? (
          <>
            {' · '}
            <button
              type="button"
              onClick={() => onChange(browserZone)}
              className="rounded-sm font-medium text-brand-strong underline underline-offset-4 hover:decoration-2"
            >
              Use this browser's ({browserZone})
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}
