import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../lib/api-client';

export interface Connection {
  id: string;
  login: 'facebook' | 'instagram';
  accounts: { id: string; username: string }[];
  scopes: string[];
  connected_at: string;
  expires_at?: string;
  refreshed_at?: string;
  /** Instagram refused the token: why, in plain words. */
  problem?: string;
  /** A Facebook Login token that expires soon: reconnect before this instant. */
  reconnect_before?: string;
}

export interface ConnectionsAnswer {
  available: ('facebook' | 'instagram')[];
  redirect_uris: Partial<Record<'facebook' | 'instagram', string>>;
  /** Accounts the server's configured tokens reach: not removable in the app. */
  configured_accounts: string[];
  data: Connection[];
}

/** Owners only: members and share viewers get 403 (the overview then shows no notice). */
export const connectionsQueryOptions = () =>
  queryOptions({
    queryKey: ['connections'] as const,
    queryFn: ({ signal }) => apiGet<ConnectionsAnswer>('connections', {}, signal),
    staleTime: 60_000,
  });

export const useConnections = () => useQuery(connectionsQueryOptions());

/** Day of an ISO instant in the reader's words: "Dec 3, 2026". */
export const formatInstantDay = (iso: string): string =>
  new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
