import { type FormEvent, useId, useState } from 'react';
import { addDays } from '../../graph/pacific-days';
import {
  customRangeProblem,
  type DateRange,
  oldestDay,
  RANGE_PRESETS,
  type RangeKey,
  type RangeSelection,
} from '../lib/date-range';
import { Button, Input, Select } from './ui';

/** The date range menu ("Date range"), with a custom range of up to the two years Instagram keeps. */
export function RangeControl({
  selection,
  range,
  today,
  onChange,
}: {
  selection: RangeSelection;
  range: DateRange;
  today: string;
  onChange: (next: RangeSelection) => void;
}) {
  const id = useId();
  const [custom, setCustom] = useState(selection.range === 'custom');
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const problem = customRangeProblem(from, to, today);

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
          {RANGE_PRESETS.map((p) => (
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
              min={oldestDay(today)}
              max={addDays(today, -1)}
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            To
            <Input
              type="date"
              value={to}
              min={oldestDay(today)}
              max={today}
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
