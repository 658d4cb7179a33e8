import type { IgUser } from '../../../../graph/graph-types';
import { cx } from '../../../lib/cx';
import { formatInteger } from '../../../lib/format';
import { MAX_COMPARED_ACCOUNTS } from '../lib/compare-url-state';

/**
 * The accounts to compare, as checkboxes. The URL keeps them in the order they were picked,
 * which is the order of the lines' colours and of the table's columns.
 */
export function AccountPicker({
  accounts,
  picked,
  colorOf,
  onChange,
}: {
  accounts: readonly IgUser[];
  picked: readonly string[];
  colorOf: (id: string) => string | undefined;
  onChange: (next: string[]) => void;
}) {
  const full = picked.length >= MAX_COMPARED_ACCOUNTS;
  return (
    <fieldset className="print:hidden">
      <legend className="mb-2 text-sm font-medium">
        Accounts <span className="font-normal text-fg-muted">(two or more)</span>
      </legend>
      <ul className="flex flex-wrap gap-2">
        {accounts.map((account) => {
          const checked = picked.includes(account.id);
          const color = colorOf(account.id);
          return (
            <li key={account.id}>
              <label
                className={cx(
                  'flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm',
                  checked
                    ? 'border-fg-muted bg-surface-raised'
                    : 'border-border bg-surface hover:bg-surface-raised',
                )}
              >
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!checked && full}
                  onChange={() =>
                    onChange(
                      checked ? picked.filter((id) => id !== account.id) : [...picked, account.id],
                    )
                  }
                />
                {checked && color ? (
                  <span
                    aria-hidden="true"
                    className={cx('inline-block size-2.5 rounded-full bg-current', color)}
                  />
                ) : null}
                <span className="font-medium">
                  {account.username ? `@${account.username}` : account.id}
                </span>
                {account.followers_count !== undefined ? (
                  <span className="text-fg-muted">
                    {formatInteger(account.followers_count)} followers
                  </span>
                ) : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
