import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { sessionQueryOptions } from '../../../api/get-session';
import { onNotSignedIn } from '../../../lib/api-client';
import { signInAddress } from './addresses';

let leaving = false;

/**
 * For the pages of signed-in people. When a request answers 401 NotSignedIn (the session expired,
 * was ended elsewhere, or the person was removed) the sign-in page replaces this one, asked to
 * come back here. A page the browser restores from its back-forward cache is loaded afresh, so
 * that the server, not a copy in memory, decides whether it is shown (after a sign-out, say).
 */
export function useSignInWhenSessionEnds(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onNotSignedIn(() => {
        const session = queryClient.getQueryData(sessionQueryOptions().queryKey);
        if (leaving || session?.signed_in === false) return;
        leaving = true;
        window.location.replace(signInAddress(window.location.pathname + window.location.search));
      }),
    [queryClient],
  );
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      const session = queryClient.getQueryData(sessionQueryOptions().queryKey);
      if (event.persisted && session?.mode !== 'demo') window.location.reload();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [queryClient]);
}
