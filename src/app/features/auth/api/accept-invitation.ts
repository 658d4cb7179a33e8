import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { parseSession } from '../../../api/get-session';
import { apiSend } from '../../../lib/api-client';
import { startedSession } from '../lib/session-cache';

export interface InvitationInput {
  token: string;
  password: string;
}

/**
 * `POST /auth/invitation`: an invited person sets their password and is signed in. 410 when the
 * link was used or has expired; 400 with the reason when the password will not do.
 */
export const acceptInvitation = async (input: InvitationInput) =>
  parseSession(await apiSend('POST', '/auth/invitation', input));

export const acceptInvitationMutationOptions = () =>
  mutationOptions({ mutationKey: ['invitation'] as const, mutationFn: acceptInvitation });

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    ...acceptInvitationMutationOptions(),
    onSuccess: (session) => startedSession(queryClient, session),
  });
}
