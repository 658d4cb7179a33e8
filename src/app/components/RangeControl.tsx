import { type FormEvent, useId, useState } from 'react';
import { addDays, type IsoDay } from '../../graph/pacific-days';
import {
  customRangeProblem,
  type DateRange,
  oldestDay,
  RANGE_PRESETS,
  type RangeKey,
  type RangeSelection,
} from '../lib/date-range';
import { type AllowedDays, allowedRangeKeys, sharedDaysProblem } from '../lib/share-view';
import { Button, Input, Select } from './ui';

const laterOf = (a: string, b: string) => (a > b ? a : b);
const earlierOf = (a: string, b: string) => (a < b ? a : b);

/**
 * The date range menu ("Date range"), with a custom range from the two years Instagram keeps, or
 * further back as far as the dashboard's history holds the account's days; in a shared view, only
 * the presets and dates its link allows.
 */
export function RangeControl({
  selection,
  range,
  today,
  onChange,
  allowed,
  storedOldest,
}: {
  selection: RangeSelection;
  range: DateRange;
  today: string;
  onChange: (next: RangeSelection) => void;
  /** A share link's days. */
  allowed?: AllowedDays | undefined;
  /** The oldest day the dashboard's history holds of the account, where the page knows it. */
  storedOldest?: IsoDay | undefined;
}) {
  const id = useId();
  const [custom, setCustom] = useState(selection.range === 'custom');
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const problem =
    customRangeProblem(from, to, today, storedOldest) ??
    (allowed ? sharedDaysProblem({ from, to }, allowed) : undefined);
  const keys = allowed ? allowedRangeKeys(allowed, today) : undefined;
  const presets = keys ? RANGE_PRESETS.filter((p) => keys.includes(p.key)) : RANGE_PRESETS;
  const oldest = oldestDay(today, storedOldest);
  const first = allowed ? laterOf(oldest, allowed.first) : oldest;
  const last = allowed ? earlierOf(today, allowed.last) : today;

  const choose = (key: RangeKey) => {
    if (key === 'custom') {
      setCustom(true);
      setFrom(range.from);
      setTo(range.to);
      return;
    }
    setCustom(false);
    onChange({ range: key });
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!problem) onChange({ range: 'custom', from, to });
  };

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-preset`} className="text-sm font-medium">
          Date range
        </label>
        <Select
          id={`${id}-preset`}
          value={custom ? 'custom' : selection.range}
          onChange={(e) => choose(e.target.value as RangeKey)}
        >
          {presets.map((p) => (
            <option key={p.key} value={p.key}>
              {p.label}
            </option>
          ))}
        </Select>
      </div>
      {custom ? (
        <form
          onSubmit={apply}
          className="flex flex-wrap items-end gap-2"
          aria-label="Custom date range"
        >
          <label className="flex flex-col gap-1 text-sm">
            From
            <Input
              type="date"
              value={from}
              min={first}
              max={earlierOf(addDays(today, -1), last)}
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            To
            <Input
              type="date"
              value={to}
              min={first}
              max={last}
              onChange={(e) => setTo(e.target.value)}
            />
          </label>
          <Button
            type="submit"
            variant="primary"
            size="md"
            disabled={Boolean(problem)}
            className="disabled:opacity-50"
          >
            Apply
          </Button>
          {problem ? <p className="w-full text-sm text-danger">{problem}</p> : null}
        </form>
      ) : (
        <p className="pb-1 text-sm text-fg-muted">
          {range.from} to {range.to} (US Pacific days)
        </p>
      )}
    </div>
  );
}
