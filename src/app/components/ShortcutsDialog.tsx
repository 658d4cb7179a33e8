import { useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from '../lib/shortcuts';
import { Button } from './ui';

const kbd =
  'inline-block min-w-6 rounded border border-border bg-surface-sunken px-1.5 py-0.5 text-center font-mono text-sm';

/**
 * The keyboard shortcuts, listed from the same list that drives them. A modal <dialog>: focus
 * moves into it, Escape closes it, and focus goes back to where it was.
 */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const everywhere = SHORTCUTS.filter((s) => !s.needsRange);
  const withRange = SHORTCUTS.filter((s) => s.needsRange);
  const list = (items: typeof SHORTCUTS) => (
    <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2">
      {items.map((s) => (
        <div key={s.key} className="contents">
          <dt>
            <kbd className={kbd}>{s.key}</kbd>
          </dt>
          <dd>{s.label}</dd>
        </div>
      ))}
    </dl>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={() => {
        onClose();
        returnTo.current?.focus();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface-raised p-0 text-fg shadow-xl backdrop:bg-black/50"
    >
      <div className="space-y-4 p-5">
        <div className="flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <form method="dialog">
            <Button type="submit">Close</Button>
          </form>
        </div>
        <section className="space-y-2">
          <h3 className="text-sm font-medium text-fg-muted">On an account page and on Compare</h3>
          {list(withRange)}
        </section>
        <section className="space-y-2">
          <h3 className="text-sm font-medium text-fg-muted">Everywhere</h3>
          {list(everywhere)}
        </section>
        <p className="text-sm text-fg-muted">
          Shortcuts do nothing while you type in a field or hold Ctrl, Cmd or Alt.
        </p>
      </div>
    </dialog>
  );
}
