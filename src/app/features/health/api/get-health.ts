import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

/** What `GET /api/health` answers. Extra fields are kept but not interpreted. */
export const healthSchema = z.looseObject({
  status: z.string(),
  /** `demo` when the server talks to the fake Graph API instead of Instagram. */
  mode: z.string(),
});

export type Health = z.infer<typeof healthSchema>;

export class HealthRequestError extends Error {
  override name = 'HealthRequestError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export async function getHealth({ signal }: { signal?: AbortSignal } = {}): Promise<Health> {
  let response: Response;
  try {
    response = await fetch('/api/health', { signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new HealthRequestError('The server could not be reached.');
  }
  if (!response.ok) {
    throw new HealthRequestError(`The server answered HTTP ${response.status}.`, response.status);
  }
  const parsed = healthSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new HealthRequestError('The server sent an unexpected health response.');
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
