import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { userSchema } from '../../../api/get-session';
import { ApiRequestError, apiSend } from '../../../lib/api-client';
import { usersQueryOptions } from './get-users';

export interface UpdateUserInput {
  id: string;
  role?: 'owner' | 'member';
  accounts?: 'all' | string[];
}

const updatedSchema = z.object({ user: userSchema });

/** `PATCH /api/users/:id`: a new role or other accounts. 409 when it would leave no owner. */
export async function updateUser({ id, ...change }: UpdateUserInput) {
  const parsed = updatedSchema.safeParse(
    await apiSend('PATCH', `/api/users/${encodeURIComponent(id)}`, change),
  );
  if (!parsed.success) throw new ApiRequestError('The server sent an unexpected answer.', 200);
  return parsed.data.user;
}

export const updateUserMutationOptions = () =>
  mutationOptions({ mutationKey: ['update-user'] as const, mutationFn: updateUser });

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    ...updateUserMutationOptions(),
    onSuccess: () => queryClient.invalidateQueries(usersQueryOptions()),
  });
}
