import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { parseSession, sessionQueryOptions } from '../../../api/get-session';
import { apiSend } from '../../../lib/api-client';

export interface ChangePasswordInput {
  current_password: string;
  new_password: string;
}

/**
 * `POST /auth/password`: every session of the person ends, and a new one starts for this browser.
 * 403 when the current password is wrong; 400 with the reason when the new one will not do.
 */
export const changePassword = async (input: ChangePasswordInput) =>
  parseSession(await apiSend('POST', '/auth/password', input));

export const changePasswordMutationOptions = () =>
  mutationOptions({ mutationKey: ['change-password'] as const, mutationFn: changePassword });

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    ...changePasswordMutationOptions(),
    onSuccess: (session) => queryClient.setQueryData(sessionQueryOptions().queryKey, session),
  });
}
