import { mutationOptions, useMutation } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';

/** `POST /auth/sign-out`: the session ends on the server and its cookie is deleted. */
export const signOut = async () => {
  await apiSend('POST', '/auth/sign-out');
};

export const signOutMutationOptions = () =>
  mutationOptions({ mutationKey: ['sign-out'] as const, mutationFn: signOut });

/**
 * Signs out, then loads the sign-in page afresh: nothing this browser held in memory for the
 * signed-in person (answers, the address they were at) outlives the session.
 */
export const useSignOut = () =>
  useMutation({
    ...signOutMutationOptions(),
    onSuccess: () => window.location.assign('/sign-in'),
  });
