import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { userSchema } from '../../../api/get-session';
import { ApiRequestError, apiSend } from '../../../lib/api-client';
import { usersQueryOptions } from './get-users';

export interface AddUserInput {
  email: string;
  role: 'owner' | 'member';
  accounts: 'all' | string[];
}

const addedSchema = z.object({ user: userSchema, invitation_url: z.string() });

/**
 * `POST /api/users`: adds a person, without a password, and answers the invitation link (once:
 * the server keeps only its hash) with which they set one. 409 when the email is taken.
 */
export async function addUser(input: AddUserInput) {
  const parsed = addedSchema.safeParse(await apiSend('POST', '/api/users', input));
  if (!parsed.success) throw new ApiRequestError('The server sent an unexpected answer.', 200);
  return parsed.data;
}

export const addUserMutationOptions = () =>
  mutationOptions({ mutationKey: ['add-user'] as const, mutationFn: addUser });

export function useAddUser() {
  const queryClient = useQueryClient();
  return useMutation({
    ...addUserMutationOptions(),
    onSuccess: () => queryClient.invalidateQueries(usersQueryOptions()),
  });
}
