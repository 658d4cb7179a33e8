import { mutationOptions, useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiRequestError, apiSend } from '../../../lib/api-client';

const invitationSchema = z.object({ invitation_url: z.string() });

/**
 * `POST /api/users/:id/invitation`: a new link for someone to set a password with (the first time,
 * or after forgetting it). Their earlier links stop working; a password they have keeps working
 * until the link is used.
 */
export async function newInvitation(id: string): Promise<string> {
  const parsed = invitationSchema.safeParse(
    await apiSend('POST', `/api/users/${encodeURIComponent(id)}/invitation`),
  );
  if (!parsed.success) throw new ApiRequestError('The server sent an unexpected answer.', 200);
  return parsed.data.invitation_url;
}

export const newInvitationMutationOptions = () =>
  mutationOptions({ mutationKey: ['new-invitation'] as const, mutationFn: newInvitation });

export const useNewInvitation = () => useMutation(newInvitationMutationOptions());
