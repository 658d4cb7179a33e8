import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { parseSession } from '../../../api/get-session';
import { apiSend } from '../../../lib/api-client';
import { startedSession } from '../lib/session-cache';

export interface SignInInput {
  email: string;
  password: string;
}

/** `POST /auth/sign-in`: 401 when the email or the password is wrong, 429 after too many tries. */
export const signIn = async (input: SignInInput) =>
  parseSession(await apiSend('POST', '/auth/sign-in', input));

export const signInMutationOptions = () =>
  mutationOptions({ mutationKey: ['sign-in'] as const, mutationFn: signIn });

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    ...signInMutationOptions(),
    onSuccess: (session) => startedSession(queryClient, session),
  });
}
