import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';
import { usersQueryOptions } from './get-users';

/**
 * `DELETE /api/users/:id`: the person, their sessions (they are signed out at once) and their
 * links go. 409 for the last owner.
 */
export async function removeUser(id: string): Promise<void> {
  await apiSend('DELETE', `/api/users/${encodeURIComponent(id)}`);
}

export const removeUserMutationOptions = () =>
  mutationOptions({ mutationKey: ['remove-user'] as const, mutationFn: removeUser });

export function useRemoveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    ...removeUserMutationOptions(),
    onSuccess: () => queryClient.invalidateQueries(usersQueryOptions()),
  });
}
