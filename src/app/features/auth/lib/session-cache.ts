import type { QueryClient } from '@tanstack/react-query';
import { type Session, sessionQueryOptions } from '../../../api/get-session';

/**
 * Someone has just signed in (or set up, or accepted an invitation): whatever the app kept from
 * before belongs to nobody now, so it goes, and the session is the one the server just answered.
 */
export function startedSession(queryClient: QueryClient, session: Session): void {
  const { queryKey } = sessionQueryOptions();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKey[0] });
  queryClient.setQueryData(queryKey, session);
}
