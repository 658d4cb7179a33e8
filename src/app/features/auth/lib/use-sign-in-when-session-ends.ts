import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isShareSession, sessionQueryOptions, useSession } from '../../../api/get-session';
import { onNotSignedIn } from '../../../lib/api-client';
import { signInAddress } from './addresses';

let leaving = false;

/** To the sign-in page, which comes back here afterwards; the page in memory goes. */
function goToSignIn(): void {
  if (leaving) return;
  leaving = true;
  window.location.replace(signInAddress(window.location.pathname + window.location.search));
}

/**
 * For the pages of signed-in people. When a request answers 401 NotSignedIn, or the session is
 * found to be over (it expired, was ended elsewhere, or the person was removed), the sign-in page
 * replaces this one, asked to come back here. A browser viewing a share link is no one's session:
 * its ended link has a page of its own, not the team's sign-in. A page the browser restores from
 * its back-forward cache is loaded afresh, so that the server, not a copy in memory, decides
 * whether it is shown (after a sign-out, say).
 */
export function useSignInWhenSessionEnds(): void {
  const queryClient = useQueryClient();
  const session = useSession();
  const ended = session.data?.signed_in === false && !isShareSession(session.data);

  useEffect(() => {
    if (ended) goToSignIn();
  }, [ended]);

  useEffect(
    () =>
      onNotSignedIn(() => {
        const current = queryClient.getQueryData(sessionQueryOptions().queryKey);
        if (!isShareSession(current)) goToSignIn();
      }),
    [queryClient],
  );

  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      const current = queryClient.getQueryData(sessionQueryOptions().queryKey);
      if (event.persisted && current?.mode !== 'demo') window.location.reload();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [queryClient]);
}
