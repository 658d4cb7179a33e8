import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiRequestError, apiGet } from '../../../lib/api-client';
import { rangePolicySchema } from '../../../lib/share-view';

/** A share link as `/api/shares` describes it (never its token: the server keeps only a hash). */
export const shareSchema = z.object({
  id: z.string(),
  label: z.string(),
  accounts: z.array(z.string()),
  scope: z.enum(['view', 'pages']),
  view_path: z.string(),
  range: rangePolicySchema,
  csv: z.boolean(),
  has_password: z.boolean(),
  /** The email of who made it. */
  created_by: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().optional(),
  last_opened_at: z.string().optional(),
  open_count: z.number(),
});

export type Share = z.infer<typeof shareSchema>;

const sharesSchema = z.object({ data: z.array(shareSchema) });

/** `GET /api/shares`: every link for owners, their own for members; newest first. */
export async function getShares(signal?: AbortSignal): Promise<Share[]> {
  const { data } = await apiGet<unknown>('shares', {}, signal);
  const parsed = sharesSchema.safeParse(data);
  if (!parsed.success)
    throw new ApiRequestError('The server sent an unexpected list of share links.', 200);
  return parsed.data.data;
}

export const sharesQueryOptions = () =>
  queryOptions({
    queryKey: ['shares'] as const,
    queryFn: ({ signal }) => getShares(signal),
    staleTime: 0,
  });

export const useShares = () => useQuery(sharesQueryOptions());
