import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useAccounts } from '../../../api/get-accounts';
import { Button, Input, TextLink } from '../../../components/ui';
import { writeClipboard } from '../../../lib/clipboard';
import { now } from '../../../lib/clock';
import { cx } from '../../../lib/cx';
import { pacificToday } from '../../../lib/date-range';
import { useCreateShare } from '../api/create-share';
import type { Share } from '../api/get-shares';
import { formatShareDay, lastShareDay } from '../lib/share-dates';
import {
  defaultShareForm,
  MAX_EXPIRY_DAYS,
  type SharedPage,
  type ShareForm,
  shareFormProblems,
  shareRequest,
  viewDays,
} from '../lib/share-request';

const hint = 'block text-xs text-fg-muted';
const fieldsetClass = 'space-y-1.5';
const legendClass = 'mb-1 text-sm font-medium';

function Choice({
  name,
  checked,
  onChange,
  children,
  description,
}: {
  name: string;
  checked: boolean;
  onChange: () => void;
  children: ReactNode;
  description?: ReactNode;
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="radio" name={name} checked={checked} onChange={onChange} className="mt-1" />
      <span>
        {children}
        {description ? <span className={hint}>{description}</span> : null}
      </span>
    </label>
  );
}

function Problem({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className="text-sm text-danger">
      {text}
    </p>
  ) : null;
}

/** The link just made: shown once (the server keeps only its hash), with a copy button. */
function CreatedLink({
  share,
  url,
  onManage,
}: {
  share: Share;
  url: string;
  onManage: () => void;
}) {
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const copy = async () => {
    if (await writeClipboard(url)) {
      setStatus('Link copied to the clipboard.');
      return;
    }
    input.current?.focus();
    input.current?.select();
    setStatus('Copying is blocked here: the link is selected, press Ctrl+C (Cmd+C on a Mac).');
  };
  return (
    <div className="space-y-3">
      <p className="text-sm">
        The link for <strong className="font-semibold">{share.label}</strong> works until{' '}
        {formatShareDay(lastShareDay(share.expires_at))}
        {share.has_password ? ', with its password' : ''}. Copy it now: it is shown only once.
      </p>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Link</span>
        <Input
          ref={input}
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full font-mono text-xs"
        />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" size="md" onClick={() => void copy()}>
          Copy
        </Button>
        <p role="status" aria-live="polite" className="min-w-0 flex-1 text-sm text-fg-muted">
          {status}
        </p>
      </div>
      <p className="text-sm text-fg-muted">
        Revoke it or change its expiry in{' '}
        <TextLink to="/settings/sharing" onClick={onManage}>
          Share links
        </TextLink>
        .
      </p>
    </div>
  );
}

/**
 * "Share…": a link for a client who has no account, to this view or every page of its accounts.
 * A modal <dialog>: focus moves into it and stays there, Escape closes it, and focus goes back to
 * the button that opened it.
 */
export function ShareDialog({ page, onClose }: { page: SharedPage; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [today] = useState(pacificToday);
  const [form, setForm] = useState<ShareForm>(() => defaultShareForm(page, today));
  const [tried, setTried] = useState(false);
  const create = useCreateShare();
  const accounts = useAccounts();
  const days = viewDays(page, today);
  const problems = shareFormProblems(form, page, today);
  const shown = tried ? problems : {};

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const set = <K extends keyof ShareForm>(key: K, value: ShareForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0 || create.isPending) return;
    create.mutate(shareRequest(form, page, today));
  };
  const invalid = (key: keyof typeof problems) =>
    shown[key] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${key}-problem` } : {};

  const known = accounts.data?.data.data ?? [];
  // The page's accounts first, then the others the person may see.
  const choices = [
    ...page.accounts,
    ...known.map((a) => a.id).filter((a) => !page.accounts.includes(a)),
  ];
  const nameOf = (account: string) => {
    const found = known.find((a) => a.id === account);
    return found?.username ? `@${found.username}` : account;
  };
  const toggle = (account: string, on: boolean) =>
    set(
      'accounts',
      on
        ? choices.filter((a) => a === account || form.accounts.includes(a))
        : form.accounts.filter((a) => a !== account),
    );
  const expiresOn = formatShareDay(lastShareDay(now().getTime() + form.expiresInDays * 86_400_000));
  const comparison =
    days.comparison.kind === 'compare'
      ? ` and the ${days.comparison.name} (${days.comparison.range.from} to ${days.comparison.range.to})`
      : '';

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-border bg-surface-raised p-0 text-fg shadow-xl backdrop:bg-black/50"
    >
      <div className="space-y-4 p-5">
        <div className="flex items-start justify-between gap-4">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Share with a client
          </h2>
          <form method="dialog">
            <Button type="submit">Close</Button>
          </form>
        </div>
        {create.data ? (
          <CreatedLink
            share={create.data.share}
            url={create.data.url}
            onManage={() => ref.current?.close()}
          />
        ) : (
          <form onSubmit={submit} noValidate className="space-y-4">
            <p className="text-sm text-fg-muted">
              A link for someone without an account: they see what you choose here, read-only, until
              it expires or you revoke it.
            </p>
            <div className="space-y-1">
              <label htmlFor={`${id}-label`} className="block text-sm font-medium">
                Who it is for
              </label>
              <Input
                id={`${id}-label`}
                value={form.label}
                maxLength={200}
                autoComplete="off"
                placeholder="e.g. Northwind Coffee"
                onChange={(e) => set('label', e.target.value)}
                className="block w-full"
                {...invalid('label')}
              />
              <Problem id={`${id}-label-problem`} text={shown.label} />
            </div>

            <fieldset
              className={fieldsetClass}
              {...(shown.accounts ? { 'aria-describedby': `${id}-accounts-problem` } : {})}
            >
              <legend className={legendClass}>Accounts</legend>
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                {choices.map((account) => (
                  <li key={account}>
                    <label className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        checked={form.accounts.includes(account)}
                        disabled={account === page.account}
                        onChange={(e) => toggle(account, e.target.checked)}
                      />
                      {nameOf(account)}
                      {account === page.account ? (
                        <span className="text-fg-muted">(this page)</span>
                      ) : null}
                    </label>
                  </li>
                ))}
              </ul>
              <Problem id={`${id}-accounts-problem`} text={shown.accounts} />
            </fieldset>

            <fieldset className={fieldsetClass}>
              <legend className={legendClass}>What they may open</legend>
              <Choice
                name={`${id}-scope`}
                checked={form.scope === 'view'}
                onChange={() => set('scope', 'view')}
                description="This page as it is now, with its settings."
              >
                This view only
              </Choice>
              <Choice
                name={`${id}-scope`}
                checked={form.scope === 'pages'}
                onChange={() => set('scope', 'pages')}
                description="Overview, media, audience and stories of these accounts (and compare, for two or more)."
              >
                Every page of these accounts
              </Choice>
            </fieldset>

            <fieldset className={fieldsetClass}>
              <legend className={legendClass}>Dates they may see</legend>
              <Choice
                name={`${id}-dates`}
                checked={form.dates === 'fixed'}
                onChange={() => set('dates', 'fixed')}
                description={
                  page.hasRange
                    ? `US Pacific days; opened later, the link still shows these days${comparison}.`
                    : `The days the account pages show by default${comparison}, US Pacific.`
                }
              >
                These days only: {days.range.from} to {days.range.to}
              </Choice>
              <Choice
                name={`${id}-dates`}
                checked={form.dates === 'recent'}
                onChange={() => set('dates', 'recent')}
                description="They choose the range, within the days before the day they open it."
              >
                Any range within the last days below
              </Choice>
              <div className="flex flex-wrap items-center gap-2 pl-6">
                <label htmlFor={`${id}-recent`} className="text-sm">
                  Days back
                </label>
                <Input
                  id={`${id}-recent`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={730}
                  value={Number.isNaN(form.recentDays) ? '' : form.recentDays}
                  disabled={form.dates !== 'recent'}
                  onChange={(e) => set('recentDays', e.target.valueAsNumber)}
                  className="w-24 disabled:opacity-60"
                  {...invalid('recentDays')}
                />
              </div>
              <Problem id={`${id}-recentDays-problem`} text={shown.recentDays} />
            </fieldset>

            <div className="space-y-1">
              <label htmlFor={`${id}-expiry`} className="block text-sm font-medium">
                Expires after (days)
              </label>
              <div className="flex flex-wrap items-center gap-2">
                <Input
                  id={`${id}-expiry`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={MAX_EXPIRY_DAYS}
                  value={Number.isNaN(form.expiresInDays) ? '' : form.expiresInDays}
                  onChange={(e) => set('expiresInDays', e.target.valueAsNumber)}
                  aria-describedby={`${id}-expiry-hint`}
                  className="w-24"
                  {...invalid('expiresInDays')}
                />
                <span id={`${id}-expiry-hint`} className="text-sm text-fg-muted">
                  {problems.expiresInDays ? `1 to ${MAX_EXPIRY_DAYS}` : `On ${expiresOn}`}
                </span>
              </div>
              <Problem id={`${id}-expiresInDays-problem`} text={shown.expiresInDays} />
            </div>

            <div className="space-y-1">
              <label htmlFor={`${id}-password`} className="block text-sm font-medium">
                Password <span className="font-normal text-fg-muted">(optional)</span>
              </label>
              <Input
                id={`${id}-password`}
                type="password"
                autoComplete="new-password"
                value={form.password}
                maxLength={256}
                onChange={(e) => set('password', e.target.value)}
                aria-describedby={`${id}-password-hint`}
                className="block w-full"
              />
              <span id={`${id}-password-hint`} className={hint}>
                At least 10 characters. Send it apart from the link; they type it once per browser.
              </span>
            </div>

            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                checked={form.csv}
                onChange={(e) => set('csv', e.target.checked)}
                className="mt-1"
              />
              <span>
                Allow CSV export and printing
                <span className={hint}>Otherwise the Export CSV and Print buttons are hidden.</span>
              </span>
            </label>

            {create.isError ? (
              <p role="alert" className="text-sm text-danger">
                {create.error.message}
              </p>
            ) : null}
            <div className="flex flex-wrap items-center gap-3">
              <Button
                type="submit"
                variant="primary"
                size="md"
                aria-disabled={create.isPending}
                className={cx(create.isPending && 'cursor-progress')}
              >
                {create.isPending ? 'Creating…' : 'Create link'}
              </Button>
            </div>
          </form>
        )}
      </div>
    </dialog>
  );
}
