import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { parseSession } from '../../../api/get-session';
import { apiSend } from '../../../lib/api-client';
import { startedSession } from '../lib/session-cache';

export interface SetupInput {
  token: string;
  email: string;
  password: string;
}

/**
 * `POST /auth/setup`: the set-up link makes the first owner and signs them in. 410 when the link
 * was used or has expired; 400 with the reason when the password will not do.
 */
export const completeSetup = async (input: SetupInput) =>
  parseSession(await apiSend('POST', '/auth/setup', input));

export const completeSetupMutationOptions = () =>
  mutationOptions({ mutationKey: ['setup'] as const, mutationFn: completeSetup });

export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    ...completeSetupMutationOptions(),
    onSuccess: (session) => startedSession(queryClient, session),
  });
}
