/** What the server itself puts in its session and share cookies: base64url secrets (newSecret). */
const SECRET_VALUE = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * One of the server's own cookies from a Cookie header, or undefined. Every request reads two of
 * them; Hono's getCookie parses and URI-decodes the whole header each time, which was a tenth of a
 * cached answer's cost. The first cookie of that name decides, and only a value the server could
 * have set is taken.
 */
export function readOwnCookie(header: string | undefined, name: string): string | undefined {
  if (!header?.includes(name)) return undefined;
  let from = 0;
  while (from < header.length) {
    let end = header.indexOf(';', from);
    if (end === -1) end = header.length;
    const equals = header.indexOf('=', from);
    if (equals !== -1 && equals < end && header.slice(from, equals).trim() === name) {
      const value = header.slice(equals + 1, end).trim();
      return SECRET_VALUE.test(value) ? value : undefined;
    }
    from = end + 1;
  }
  return undefined;
}
