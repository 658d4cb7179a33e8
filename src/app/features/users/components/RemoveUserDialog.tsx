import { useEffect, useId, useRef } from 'react';
import type { User } from '../../../api/get-session';
import { Button } from '../../../components/ui';
import { useRemoveUser } from '../api/remove-user';

/**
 * "Remove sam@example.com?": a modal <dialog> (focus moves in, Escape cancels, focus goes back).
 * Removing signs the person out at once, everywhere.
 */
export function RemoveUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const remove = useRemoveUser();

  useEffect(() => {
    returnTo.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={() => {
        onClose();
        returnTo.current?.focus();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface-raised p-0 text-fg shadow-xl backdrop:bg-black/50"
    >
      <div className="space-y-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold break-words">
          Remove {user.email}?
        </h2>
        <p className="text-sm">
          They can no longer sign in, and they are signed out at once wherever they are signed in.
          To let them back, add them again.
        </p>
        {remove.isError ? (
          <p role="alert" className="text-sm text-danger">
            {remove.error.message}
          </p>
        ) : null}
        {/* Cancel comes first: showModal focuses it, so Enter does not remove anyone by accident. */}
        <div className="flex flex-wrap justify-end gap-2">
          <Button size="md" onClick={() => ref.current?.close()}>
            Cancel
          </Button>
          <Button
            variant="danger"
            size="md"
            disabled={remove.isPending}
            onClick={() => remove.mutate(user.id, { onSuccess: () => ref.current?.close() })}
            className="bg-danger-surface font-semibold disabled:cursor-progress"
          >
            {remove.isPending ? 'Removing…' : 'Remove'}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
