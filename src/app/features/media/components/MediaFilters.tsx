import { useId } from 'react';
import { Select } from '../../../components/ui';
import { cx } from '../../../lib/cx';
import { orderLabel, SORT_LABELS } from '../lib/media-list';
import {
  MEDIA_SORTS,
  MEDIA_TYPES,
  type MediaListState,
  type MediaSort,
  PRODUCT_TYPES,
} from '../lib/media-url-state';

const TYPE_LABELS: Record<(typeof MEDIA_TYPES)[number], string> = {
  IMAGE: 'Photos',
  VIDEO: 'Videos',
  CAROUSEL_ALBUM: 'Carousels',
};
const PRODUCT_LABELS: Record<(typeof PRODUCT_TYPES)[number], string> = {
  FEED: 'Feed posts',
  REELS: 'Reels',
};

// Full width in two columns on a phone, and raised like the cards below them.
const filterClass = 'w-full min-w-0 bg-surface-raised py-1.5 text-fg sm:w-auto';

/** Filters, sort and view of the media list; every change goes to the URL. */
export function MediaFilters({
  state,
  onChange,
}: {
  state: MediaListState;
  onChange: (next: MediaListState) => void;
}) {
  const id = useId();
  const field = 'flex min-w-0 flex-col gap-1 text-sm font-medium';
  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
      <div className="grid w-full grid-cols-2 gap-3 sm:flex sm:w-auto sm:flex-wrap">
        <label className={field} htmlFor={`${id}-type`}>
          Media type
          <Select
            id={`${id}-type`}
            value={state.type ?? ''}
            onChange={(e) => {
              const { type: _omit, ...rest } = state;
              const value = e.target.value as MediaListState['type'] | '';
              onChange(value ? { ...rest, type: value } : rest);
            }}
            className={filterClass}
          >
            <option value="">All types</option>
            {MEDIA_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </label>
        <label className={field} htmlFor={`${id}-product`}>
          Product type
          <Select
            id={`${id}-product`}
            value={state.product ?? ''}
            onChange={(e) => {
              const { product: _omit, ...rest } = state;
              const value = e.target.value as MediaListState['product'] | '';
              onChange(value ? { ...rest, product: value } : rest);
            }}
            className={filterClass}
          >
            <option value="">Feed and reels</option>
            {PRODUCT_TYPES.map((p) => (
              <option key={p} value={p}>
                {PRODUCT_LABELS[p]}
              </option>
            ))}
          </Select>
        </label>
        <label className={field} htmlFor={`${id}-sort`}>
          Sort by
          <Select
            id={`${id}-sort`}
            value={state.sort}
            onChange={(e) => onChange({ ...state, sort: e.target.value as MediaSort })}
            className={filterClass}
          >
            {MEDIA_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </Select>
        </label>
        <label className={field} htmlFor={`${id}-dir`}>
          Order
          <Select
            id={`${id}-dir`}
            value={state.dir}
            onChange={(e) => onChange({ ...state, dir: e.target.value as 'asc' | 'desc' })}
            className={filterClass}
          >
            <option value="desc">{orderLabel(state.sort, 'desc')}</option>
            <option value="asc">{orderLabel(state.sort, 'asc')}</option>
          </Select>
        </label>
      </div>
      <fieldset className="flex rounded-md border border-border p-0.5">
        <legend className="sr-only">View</legend>
        {(['grid', 'table'] as const).map((view) => (
          <button
            key={view}
            type="button"
            aria-pressed={state.view === view}
            onClick={() => onChange({ ...state, view })}
            className={cx(
              'rounded px-3 py-1 text-sm font-medium',
              state.view === view
                ? 'bg-brand text-brand-contrast'
                : 'text-fg hover:bg-surface-sunken',
            )}
          >
            {view === 'grid' ? 'Grid' : 'Table'}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
