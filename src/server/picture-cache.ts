import { LRUCache } from 'lru-cache';
import { ApiError } from './api-errors';

const MAX_PICTURE_BYTES = 8 * 1024 * 1024;
/** As long as the browser may keep a picture (Cache-Control: max-age=3600). */
const PICTURE_TTL_MS = 60 * 60_000;

export interface Picture {
  bytes: ArrayBuffer;
  type: string;
}

const unavailable = () =>
  new ApiError(502, {
    message: 'The picture could not be loaded from Instagram; try again later.',
    type: 'UpstreamUnavailable',
    code: 2,
    is_transient: true,
  });

/**
 * Pictures fetched from Instagram's CDN, kept for an hour within a byte budget: many viewers of
 * the same posts cost one download each, and concurrent requests for one picture share it.
 * Failures are not kept.
 */
export class PictureCache {
  private readonly pictures: LRUCache<string, Picture>;

  constructor(maxBytes = 32 * 1024 * 1024) {
    this.pictures = new LRUCache<string, Picture>({
      maxSize: maxBytes,
      sizeCalculation: (picture) => Math.max(1, picture.bytes.byteLength),
      ttl: PICTURE_TTL_MS,
      fetchMethod: (url) => download(url),
    });
  }

  async get(url: string): Promise<Picture> {
    const picture = await this.pictures.fetch(url);
    if (!picture) throw unavailable();
    return picture;
  }
}

async function download(url: string): Promise<Picture> {
  const upstream = await fetch(url, { signal: AbortSignal.timeout(15_000) }).catch(() => undefined);
  const type = upstream?.headers.get('content-type') ?? '';
  const length = Number(upstream?.headers.get('content-length') ?? 0);
  if (!upstream?.ok || !type.startsWith('image/') || length > MAX_PICTURE_BYTES) {
    await upstream?.body?.cancel().catch(() => {});
    throw unavailable();
  }
  const bytes = await upstream.arrayBuffer();
  if (bytes.byteLength > MAX_PICTURE_BYTES)
    throw new ApiError(502, {
      message: 'The picture is too large to show.',
      type: 'UpstreamError',
      code: 2,
    });
  return { bytes, type };
}
