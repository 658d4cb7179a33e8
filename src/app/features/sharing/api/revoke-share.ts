import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';

/** `DELETE /api/shares/:id`: the link stops at once, for good (it cannot be turned back on). */
export async function revokeShare(id: string): Promise<void> {
  await apiSend('DELETE', `/api/shares/${encodeURIComponent(id)}`);
}

export const revokeShareMutationOptions = () =>
  mutationOptions({ mutationKey: ['revoke-share'] as const, mutationFn: revokeShare });

export function useRevokeShare() {
  const queryClient = useQueryClient();
  return useMutation({
    ...revokeShareMutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['shares'] }),
  });
}
