import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiRequestError, apiSend } from '../../../lib/api-client';

export type LinkPurpose = 'setup' | 'invitation';

const linkStateSchema = z.union([
  z.object({ usable: z.literal(true), email: z.string().optional() }),
  z.object({ usable: z.literal(false) }),
]);

export type LinkState = z.infer<typeof linkStateSchema>;

/**
 * `POST /auth/link`: whether a set-up or invitation link still works, and (invitations) for
 * whom. A POST, so that the token stays out of addresses and logs. A token the server cannot read
 * (400: cut short when copied, say) is a link that does not work.
 */
export async function getLinkState(
  token: string,
  purpose: LinkPurpose,
  signal?: AbortSignal,
): Promise<LinkState> {
  try {
    const parsed = linkStateSchema.safeParse(
      await apiSend('POST', '/auth/link', { token, purpose }, signal),
    );
    if (!parsed.success) throw new ApiRequestError('The server sent an unexpected answer.', 200);
    return parsed.data;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 400) return { usable: false };
    throw error;
  }
}

export const linkStateQueryOptions = (token: string, purpose: LinkPurpose) =>
  queryOptions({
    queryKey: ['auth-link', purpose, token] as const,
    queryFn: ({ signal }) => getLinkState(token, purpose, signal),
    enabled: token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useLinkState = (token: string, purpose: LinkPurpose) =>
  useQuery(linkStateQueryOptions(token, purpose));
