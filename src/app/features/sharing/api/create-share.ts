import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiRequestError, apiSend } from '../../../lib/api-client';
import type { ShareRequest } from '../lib/share-request';
import { shareSchema } from './get-shares';

const createdSchema = z.object({ share: shareSchema, url: z.string() });

/**
 * `POST /api/shares`: a new link. Its address (`{PUBLIC_URL}/s/{token}`) comes in this answer
 * only: the server keeps the token's hash, so the link cannot be shown again.
 */
export async function createShare(request: ShareRequest) {
  const parsed = createdSchema.safeParse(await apiSend('POST', '/api/shares', request));
  if (!parsed.success) throw new ApiRequestError('The server sent an unexpected answer.', 200);
  return parsed.data;
}

export const createShareMutationOptions = () =>
  mutationOptions({ mutationKey: ['create-share'] as const, mutationFn: createShare });

export function useCreateShare() {
  const queryClient = useQueryClient();
  return useMutation({
    ...createShareMutationOptions(),
    // The list and its audit log (`['shares', 'audit']`) both start with 'shares'.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['shares'] }),
  });
}
