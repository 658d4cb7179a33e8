import { useId, useRef, useState } from 'react';
import { Button, Card, Input } from '../../../components/ui';
import { writeClipboard } from '../../../lib/clipboard';

/**
 * An invitation link, shown once (the server keeps only its hash): the link in a field to select,
 * a Copy button, and what the person should know about it.
 */
export function InvitationLink({
  email,
  url,
  isNewUser,
  onDone,
}: {
  email: string;
  url: string;
  /** A person just added; otherwise a new link for someone already on the list. */
  isNewUser: boolean;
  onDone: () => void;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  const copy = async () => {
    if (await writeClipboard(url)) return setStatus('Link copied to the clipboard.');
    field.current?.focus();
    field.current?.select();
    setStatus('Copying is blocked here: the link is selected, press Ctrl+C (Cmd+C on a Mac).');
  };

  return (
    <Card as="section" aria-labelledby={`${id}-title`} className="space-y-3 border-success/40">
      <h3 id={`${id}-title`} className="font-semibold">
        {isNewUser ? `${email} is added: send them this link` : `A new link for ${email}`}
      </h3>
      <div className="space-y-1">
        <label htmlFor={`${id}-url`} className="block text-sm font-medium">
          Invitation link
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            ref={field}
            id={`${id}-url`}
            type="text"
            readOnly
            value={url}
            aria-describedby={`${id}-note`}
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 basis-64 py-1.5 font-mono text-xs"
          />
          <Button variant="primary" size="md" onClick={() => void copy()}>
            Copy
          </Button>
        </div>
      </div>
      <p id={`${id}-note`} className="text-sm text-fg-muted">
        It works once, for 7 days
        {isNewUser ? '' : ', and the links sent before no longer work'}. With it they choose a
        password and are signed in. The dashboard sends no email: send it yourself. It is not shown
        again; if it gets lost, make a new one.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button size="md" onClick={onDone}>
          Done
        </Button>
        <p role="status" className="min-w-0 flex-1 text-sm text-fg-muted">
          {status}
        </p>
      </div>
    </Card>
  );
}
