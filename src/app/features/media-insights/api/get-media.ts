import { queryOptions, useQuery } from '@tanstack/react-query';
import { DEFAULT_MEDIA_FIELDS } from '../../../../graph/graph-fields';
import type { IgMedia } from '../../../../graph/graph-types';
import { apiGet } from '../../../lib/api-client';

const MEDIA_FIELDS = `${DEFAULT_MEDIA_FIELDS},username,children{id,media_type,media_url}`;

export const getMedia = (mediaId: string, signal?: AbortSignal) =>
  apiGet<IgMedia>(mediaId, { fields: MEDIA_FIELDS }, signal);

export const mediaQueryOptions = (mediaId: string) =>
  queryOptions({
    queryKey: ['media', mediaId] as const,
    queryFn: ({ signal }) => getMedia(mediaId, signal),
    staleTime: 10 * 60_000,
  });

export const useMedia = (mediaId: string, enabled = true) =>
  useQuery({ ...mediaQueryOptions(mediaId), enabled });
