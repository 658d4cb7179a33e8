import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiRequestError, apiGet } from '../../../lib/api-client';

export const auditEntrySchema = z.object({
  at: z.string(),
  /** An email, or "a viewer" for someone who opened a link. */
  actor: z.string(),
  /** created, opened, revoked, expiry changed, password refused… */
  action: z.string(),
  link_id: z.string().optional(),
  detail: z.string(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;

const auditSchema = z.object({ data: z.array(auditEntrySchema) });

/** `GET /api/shares/audit`: what happened to the links one may see (owners: all). */
export async function getShareAudit(signal?: AbortSignal): Promise<AuditEntry[]> {
  const { data } = await apiGet<unknown>('shares/audit', {}, signal);
  const parsed = auditSchema.safeParse(data);
  if (!parsed.success)
    throw new ApiRequestError('The server sent an unexpected audit log of share links.', 200);
  return parsed.data.data;
}

export const shareAuditQueryOptions = () =>
  queryOptions({
    queryKey: ['shares', 'audit'] as const,
    queryFn: ({ signal }) => getShareAudit(signal),
    staleTime: 0,
  });

export const useShareAudit = () => useQuery(shareAuditQueryOptions());
