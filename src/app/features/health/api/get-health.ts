import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiRequestError, apiGet } from '../../../lib/api-client';

/** What `GET /api/health` answers. Extra fields are kept but not interpreted. */
export const healthSchema = z.looseObject({
  status: z.string(),
  /** `demo` when the server talks to the fake Graph API instead of Instagram. */
  mode: z.string(),
});

export type Health = z.infer<typeof healthSchema>;

/** `GET /api/health` through the shared client; an answer that misses the schema fails too. */
export async function getHealth({ signal }: { signal?: AbortSignal } = {}): Promise<Health> {
  const { data } = await apiGet<unknown>('health', {}, signal);
  const parsed = healthSchema.safeParse(data);
  if (!parsed.success) {
    throw new ApiRequestError('The server sent an unexpected health response.', 200);
  }
  return parsed.data;
}

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['health'] as const,
    queryFn: ({ signal }) => getHealth({ signal }),
    staleTime: 60_000,
    retry: 1,
  });

export const useHealth = () => useQuery(healthQueryOptions());

export const isDemo = (health: Health | undefined): boolean => health?.mode === 'demo';

/** The mode the server wrote into the page (`<meta name="dashboard-mode">`), before any request. */
export const modeFromPage = (): string | undefined =>
  typeof document === 'undefined'
    ? undefined
    : (document.querySelector<HTMLMetaElement>('meta[name="dashboard-mode"]')?.content ??
      undefined);
