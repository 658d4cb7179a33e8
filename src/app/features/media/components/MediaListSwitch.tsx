import { cx } from '../../../lib/cx';
import type { MediaListState } from '../lib/media-url-state';

const LISTS = [
  { list: undefined, label: 'Own posts' },
  { list: 'collaborations', label: 'Collaborations' },
] as const;

/** The account's own posts, or other accounts' posts on which it is an accepted collaborator. */
export function MediaListSwitch({
  state,
  onChange,
  username,
}: {
  state: MediaListState;
  onChange: (next: MediaListState) => void;
  username: string | undefined;
}) {
  return (
    <fieldset className="flex w-fit rounded-md border border-border p-0.5">
      <legend className="sr-only">Which posts{username ? ` of @${username}` : ''}</legend>
      {LISTS.map(({ list, label }) => (
        <button
          key={label}
          type="button"
          aria-pressed={state.list === list}
          onClick={() => {
            const { list: _omit, ...rest } = state;
            onChange(list ? { ...rest, list } : rest);
          }}
          className={cx(
            'rounded px-3 py-1 text-sm font-medium',
            state.list === list
              ? 'bg-brand text-brand-contrast'
              : 'text-fg hover:bg-surface-sunken',
          )}
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}
