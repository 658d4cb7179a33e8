import { mutationOptions, useMutation } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';

/** `POST /auth/share/leave`: this browser stops viewing the shared link. */
export async function leaveShare(): Promise<void> {
  await apiSend('POST', '/auth/share/leave');
}

export const leaveShareMutationOptions = () =>
  mutationOptions({ mutationKey: ['leave-share'] as const, mutationFn: leaveShare });

/** After leaving, the browser is whoever it was before: a fresh page load starts it over. */
export const useLeaveShare = () =>
  useMutation({ ...leaveShareMutationOptions(), onSuccess: () => window.location.assign('/') });
