import { type Ref, useId } from 'react';
import { useAccounts } from '../../../api/get-accounts';
import { ErrorPanel } from '../../../components/StatusPanels';
import type { AccessDraft } from '../lib/access';

const legendClass = 'mb-1 text-sm font-medium';
const choiceClass = 'flex items-start gap-2 text-sm';

/**
 * A person's role and, for a member, the accounts they see: all (also those added later), or the
 * ones ticked from the accounts this server shows. `error` (none ticked) is tied to the accounts.
 */
export function AccessFields({
  value,
  onChange,
  error,
  firstAccountRef,
}: {
  value: AccessDraft;
  onChange: (next: AccessDraft) => void;
  error?: string | undefined;
  /** The first account's checkbox, for the form to focus when none is ticked. */
  firstAccountRef?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  const accounts = useAccounts();
  const list = accounts.data?.data.data ?? [];
  const errorId = `${id}-error`;

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className={legendClass}>Role</legend>
        <div className="space-y-1.5">
          {(
            [
              ['member', 'Member', 'Sees the accounts you choose.'],
              ['owner', 'Owner', 'Sees every account and manages users.'],
            ] as const
          ).map(([role, label, detail]) => (
            <label key={role} className={choiceClass}>
              <input
                type="radio"
                name={`${id}-role`}
                value={role}
                checked={value.role === role}
                onChange={() => onChange({ ...value, role })}
                className="mt-1"
              />
              <span>
                {label}
                <span className="block text-xs text-fg-muted">{detail}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {value.role === 'owner' ? null : (
        <fieldset aria-describedby={error ? errorId : undefined}>
          <legend className={legendClass}>Accounts</legend>
          <div className="space-y-1.5">
            <label className={choiceClass}>
              <input
                type="radio"
                name={`${id}-all`}
                checked={value.all}
                onChange={() => onChange({ ...value, all: true })}
                className="mt-1"
              />
              <span>All accounts, also those added later</span>
            </label>
            <label className={choiceClass}>
              <input
                type="radio"
                name={`${id}-all`}
                checked={!value.all}
                onChange={() => onChange({ ...value, all: false })}
                className="mt-1"
              />
              <span>Only the accounts ticked below</span>
            </label>
          </div>
          {value.all ? null : accounts.isPending ? (
            <p className="mt-2 text-sm text-fg-muted">Loading the accounts…</p>
          ) : accounts.isError ? (
            <ErrorPanel
              error={accounts.error}
              onRetry={() => void accounts.refetch()}
              className="mt-2"
            />
          ) : (
            <ul className="mt-2 grid gap-1.5 border-l-2 border-border pl-3 sm:grid-cols-2">
              {list.map((account, index) => (
                <li key={account.id}>
                  <label className={choiceClass}>
                    <input
                      ref={index === 0 ? firstAccountRef : undefined}
                      type="checkbox"
                      value={account.id}
                      checked={value.chosen.includes(account.id)}
                      aria-invalid={error ? true : undefined}
                      onChange={(e) =>
                        onChange({
                          ...value,
                          chosen: e.target.checked
                            ? [...value.chosen, account.id]
                            : value.chosen.filter((c) => c !== account.id),
                        })
                      }
                      className="mt-1"
                    />
                    <span className="min-w-0 break-words">
                      {account.username ? `@${account.username}` : account.id}
                      {account.name ? (
                        <span className="block text-xs text-fg-muted">{account.name}</span>
                      ) : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {error ? (
            <p id={errorId} className="mt-1 text-sm text-danger">
              {error}
            </p>
          ) : null}
        </fieldset>
      )}
    </div>
  );
}
