/** The pages a signed-out person may open: how people sign in. The server serves them to anyone. */
export const SIGNED_OUT_PAGES: readonly string[] = ['/sign-in', '/setup', '/invitation'];

/** The sign-in page, asked to come back to `next` (a path with its query) afterwards. */
export const signInAddress = (next: string): string =>
  next === '/' || next === '' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;

/**
 * Where to go after signing in: `next` when it is a page of this site, else the home page. Never
 * another site (an open redirect would lend it this site's name), nor a signed-out page (a loop).
 */
export function safeNextPath(next: string | null | undefined, origin: string): string {
  if (!next?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  // `//evil.example` and `/\evil.example` parse as other hosts: the origin check catches them.
  if (url.origin !== origin || SIGNED_OUT_PAGES.includes(url.pathname)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
