import { useId, useMemo } from 'react';
import { Select, TextButton } from '../../../components/ui';
import { utcOffsetLabel } from '../../../lib/best-time';
import { timeZoneOptions } from '../lib/time-zones';

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
        <Select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className="max-w-full"
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone === browserZone ? `${zone} (this browser)` : zone}
            </option>
          ))}
        </Select>
      </div>
      <p className="pb-1 text-sm text-fg-muted">
        Now {utcOffsetLabel(value)}
        {value !== browserZone ? (
          <>
            {' · '}
            <TextButton onClick={() => onChange(browserZone)}>
              Use this browser's ({browserZone})
            </TextButton>
          </>
        ) : null}
      </p>
    </div>
  );
}
