import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** The token of a set-up or invitation link: what follows `#`. */
export const tokenFromHash = (hash: string): string => hash.replace(/^#/, '').trim();

/**
 * Reads a link's token once, then takes it out of the address bar (the history entry is replaced),
 * so that it is not left in the browser's history for the next person at this computer.
 */
export function useLinkToken(): string {
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const { pathname, search, hash } = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (hash) void navigate({ pathname, search }, { replace: true });
  }, [hash, pathname, search, navigate]);
  return token;
}
