import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sessionQueryOptions } from '../../../api/get-session';
import { ApiRequestError, apiSend } from '../../../lib/api-client';

const unlockedSchema = z.object({ unlocked: z.literal(true), view_path: z.string() });

/** `POST /auth/share/unlock`: a protected link's password; 403 when wrong, 429 after ten. */
export async function unlockShare(password: string) {
  const parsed = unlockedSchema.safeParse(
    await apiSend('POST', '/auth/share/unlock', { password }),
  );
  if (!parsed.success) throw new ApiRequestError('The server sent an unexpected answer.', 200);
  return parsed.data;
}

export const unlockShareMutationOptions = () =>
  mutationOptions({ mutationKey: ['unlock-share'] as const, mutationFn: unlockShare });

export function useUnlockShare() {
  const queryClient = useQueryClient();
  return useMutation({
    ...unlockShareMutationOptions(),
    // Awaited before the caller goes on to the view: the frame must know the link is unlocked.
    onSuccess: () => queryClient.invalidateQueries(sessionQueryOptions()),
  });
}
