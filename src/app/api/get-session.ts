import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiRequestError, apiSend } from '../lib/api-client';

/** A person who signs in, as `/auth/session` and `/api/users` describe them. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'member']),
  /** `all`, or the Instagram account ids an owner gave this member. */
  accounts: z.union([z.literal('all'), z.array(z.string())]),
  /** False until an invited person has set a password (the demo owner never has one). */
  has_password: z.boolean(),
  created_at: z.string(),
});

export type User = z.infer<typeof userSchema>;

/** What `GET /auth/session` (and every answer that signs someone in) says. */
export const sessionSchema = z.discriminatedUnion('signed_in', [
  z.object({ signed_in: z.literal(true), mode: z.string(), user: userSchema }),
  z.object({
    signed_in: z.literal(false),
    mode: z.string(),
    /** Live mode with nobody yet: the first owner comes through the set-up link. */
    setup_needed: z.boolean().optional(),
    /** A browser that opened a client's share link: what the link grants (read by the share views). */
    share: z.looseObject({}).optional(),
    /** The share link this browser opened has ended. */
    share_ended: z.string().optional(),
  }),
]);

export type Session = z.infer<typeof sessionSchema>;

/** Parses an answer that describes the session; an unexpected shape fails like a bad answer. */
export function parseSession(body: unknown): Session {
  const parsed = sessionSchema.safeParse(body);
  if (!parsed.success) throw new ApiRequestError('The server sent an unexpected answer.', 200);
  return parsed.data;
}

export const getSession = async (signal?: AbortSignal): Promise<Session> =>
  parseSession(await apiSend('GET', '/auth/session', undefined, signal));

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: ['session'] as const,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 5 * 60_000,
  });

/** Who is signed in (in demo mode, the demo owner). */
export const useSession = () => useQuery(sessionQueryOptions());

/** A browser that opened a share link (or one that has ended): it is nobody's session. */
export const isShareSession = (session: Session | undefined): boolean =>
  session?.signed_in === false &&
  (session.share !== undefined || session.share_ended !== undefined);

/** The demo owner: every visitor of a demo server is signed in as them, without a password. */
export const isDemoSession = (session: Session | undefined): boolean => session?.mode === 'demo';
