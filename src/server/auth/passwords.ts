import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { dictionary } from '@zxcvbn-ts/language-common';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** OWASP Password Storage Cheat Sheet: scrypt with N=2^17, r=8, p=1. */
export const SCRYPT_COST = { logN: 17, r: 8, p: 1 } as const;
export type ScryptCost = { logN: number; r: number; p: number };

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase; longer input only costs the server time. */
export const MAX_PASSWORD_LENGTH = 256;

const KEY_LENGTH = 32;
const maxmem = (cost: ScryptCost) => 256 * cost.r * 2 ** cost.logN;

/** `scrypt$logN$r$p$salt$hash` (base64url): the parameters travel with the hash. */
export async function hashPassword(
  password: string,
  cost: ScryptCost = SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, {
    N: 2 ** cost.logN,
    r: cost.r,
    p: cost.p,
    maxmem: maxmem(cost),
  });
  return [
    'scrypt',
    cost.logN,
    cost.r,
    cost.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(
    password.normalize('NFKC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    {
      N: 2 ** cost.logN,
      r: cost.r,
      p: cost.p,
      maxmem: maxmem(cost),
    },
  );
  return timingSafeEqual(key, expected);
}

const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** Why a new password is not acceptable, in words that say what to change; undefined when it is. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower))
    return 'This password is on a list of the most common passwords: choose another.';
  if (email && lower === email.toLowerCase()) return 'The password must not be your email address.';
  return undefined;
}
