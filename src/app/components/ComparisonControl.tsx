import { useId } from 'react';
import {
  COMPARISON_MODES,
  COMPARISON_SHORTCUT,
  type ComparisonMode,
  type ComparisonPlan,
} from '../lib/comparison-range';
import { Select } from './ui';

/**
 * "Compare with": off, the previous period, or the same period a year earlier; in a shared view,
 * only those whose days its link allows.
 */
export function ComparisonControl({
  mode,
  plan,
  onChange,
  modes,
}: {
  mode: ComparisonMode;
  plan: ComparisonPlan;
  onChange: (next: ComparisonMode) => void;
  /** The modes to offer (default: all). */
  modes?: readonly ComparisonMode[] | undefined;
}) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-1">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          Compare with
        </label>
        <Select
          id={id}
          value={mode}
          aria-keyshortcuts={COMPARISON_SHORTCUT}
          aria-describedby={`${id}-days`}
          onChange={(e) => onChange(e.target.value as ComparisonMode)}
        >
          {COMPARISON_MODES.filter((m) => !modes || modes.includes(m.key)).map((m) => (
            <option key={m.key} value={m.key}>
              {m.label}
            </option>
          ))}
        </Select>
      </div>
      <p id={`${id}-days`} className="max-w-md pb-1 text-sm text-fg-muted">
        {plan.kind === 'compare' ? (
          <>{plan.description} Dashed lines in the charts.</>
        ) : plan.kind === 'unavailable' ? (
          <>
            <span className="font-semibold text-fg">Not available</span>: {plan.reason}
          </>
        ) : null}
      </p>
    </div>
  );
}
