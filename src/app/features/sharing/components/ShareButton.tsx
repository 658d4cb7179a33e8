import { lazy, Suspense, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { Button } from '../../../components/ui';
import { sharedPage } from '../lib/share-request';

// Loaded when first opened: most visits never share.
const ShareDialog = lazy(async () => ({ default: (await import('./ShareDialog')).ShareDialog }));

/**
 * "Share…" on the pages a client can be given (an account's four pages, and compare). The dialog
 * is made afresh each time, from the page as it is then.
 */
export function ShareButton() {
  const { pathname, search } = useLocation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const page = sharedPage(pathname, search);
  if (!page) return null;
  return (
    <div className="print:hidden">
      <Button ref={button} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none">
          <path
            d="M8 10V2.5M5 5l3-3 3 3M3.5 8v5.5h9V8"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        Share…
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <ShareDialog
            page={page}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
