import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { IsoDay } from '../../../../graph/pacific-days';
import { apiSend } from '../../../lib/api-client';

/** `PATCH /api/shares/:id`: the link works through `expiresOn` (a US Pacific day), at most a year on. */
export async function changeShareExpiry({
  id,
  expiresOn,
}: {
  id: string;
  expiresOn: IsoDay;
}): Promise<void> {
  await apiSend('PATCH', `/api/shares/${encodeURIComponent(id)}`, { expires_on: expiresOn });
}

export const changeShareExpiryMutationOptions = () =>
  mutationOptions({ mutationKey: ['change-share-expiry'] as const, mutationFn: changeShareExpiry });

export function useChangeShareExpiry() {
  const queryClient = useQueryClient();
  return useMutation({
    ...changeShareExpiryMutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['shares'] }),
  });
}
