import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { userSchema } from '../../../api/get-session';
import { ApiRequestError, apiGet } from '../../../lib/api-client';

const usersSchema = z.object({ data: z.array(userSchema) });

/** `GET /api/users` (owners only; members get 403): everyone who may sign in, by email. */
export async function getUsers(signal?: AbortSignal) {
  const { data } = await apiGet<unknown>('users', {}, signal);
  const parsed = usersSchema.safeParse(data);
  if (!parsed.success)
    throw new ApiRequestError('The server sent an unexpected list of users.', 200);
  return parsed.data.data;
}

export const usersQueryOptions = () =>
  queryOptions({
    queryKey: ['users'] as const,
    queryFn: ({ signal }) => getUsers(signal),
    staleTime: 0,
  });

export const useUsers = () => useQuery(usersQueryOptions());
