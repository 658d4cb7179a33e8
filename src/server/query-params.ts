import { badRequest } from './api-errors';

const MAX_VALUE_LENGTH = 1_000;

/**
 * Reads a request's query against the parameters a route accepts: every other name, a repeated
 * name, or an overlong value is refused with a message that says what to change.
 */
export function readQuery(url: URL, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name === 'access_token' || name === 'appsecret_proof') {
      throw badRequest(
        `Do not send ${name}: the server holds the Instagram token itself. Remove the parameter.`,
      );
    }
    if (!allowed.includes(name)) {
      const list = allowed.length
        ? `It accepts: ${allowed.join(', ')}.`
        : 'It takes no parameters.';
      throw badRequest(`Unknown parameter "${name.slice(0, 40)}" for this route. ${list}`);
    }
    if (name in out) throw badRequest(`Give "${name}" only once; join several values with commas.`);
    if (value.length > MAX_VALUE_LENGTH)
      throw badRequest(`"${name}" is too long (at most ${MAX_VALUE_LENGTH} characters).`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(value))
      throw badRequest(`"${name}" contains control characters; remove them.`);
    out[name] = value;
  }
  return out;
}

/** A comma list of lower-case identifiers such as metric names. */
export function readNameList(name: string, value: string): string[] {
  const items = value.split(',').map((v) => v.trim());
  if (items.some((v) => !/^[a-z][a-z0-9_]{0,63}$/.test(v))) {
    throw badRequest(`"${name}" must be a comma-separated list of names such as reach,views.`);
  }
  return [...new Set(items)];
}
