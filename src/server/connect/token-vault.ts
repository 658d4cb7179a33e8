import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The key file the server creates in DATA_DIR when TOKEN_ENCRYPTION_KEY is unset. */
export const KEY_FILE = 'token-encryption.key';
const FORMAT = 'v1';

export class TokenVaultError extends Error {}

/** 32 bytes from base64, base64url or hex text; undefined if it is not that. */
export function parseKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-f]{64}$/i.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

/**
 * The key that seals people's access tokens in the store: TOKEN_ENCRYPTION_KEY, else a key file
 * in DATA_DIR (created on first start, mode 0600), else (no DATA_DIR: a store in memory) a key
 * that lives as long as the process. `created` says a new key file was written.
 */
export function loadTokenKey(options: { envKey?: string; dataDir?: string }): {
  key: Buffer;
  source: 'env' | 'file' | 'memory';
  created?: string;
} {
  if (options.envKey) {
    const key = parseKey(options.envKey);
    if (!key)
      throw new TokenVaultError(
        'TOKEN_ENCRYPTION_KEY must be 32 random bytes in hex (64 characters) or base64 (44), e.g. from `openssl rand -base64 32`',
      );
    return { key, source: 'env' };
  }
  if (!options.dataDir) return { key: randomBytes(32), source: 'memory' };
  const path = join(options.dataDir, KEY_FILE);
  try {
    const key = parseKey(readFileSync(path, 'utf8'));
    if (!key)
      throw new TokenVaultError(`${path} does not hold a 32-byte key; restore it from the backup`);
    return { key, source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  // wx: never overwrite a key another process wrote meanwhile.
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, source: 'file', created: path };
}

/** AES-256-GCM: each token sealed with its own IV, bound to its connection's id. */
export class TokenVault {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new TokenVaultError('The token key must be 32 bytes');
  }

  seal(plaintext: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${FORMAT}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  /** The token, or a TokenVaultError if the key is another (or the text was changed). */
  open(sealed: string, boundTo: string): string {
    const [format, body] = sealed.split('.');
    if (format !== FORMAT || !body) throw new TokenVaultError('Not a sealed token');
    const bytes = Buffer.from(body, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAAD(Buffer.from(boundTo));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new TokenVaultError(
        'A stored access token cannot be opened with this key: TOKEN_ENCRYPTION_KEY or the key file in DATA_DIR is not the one it was stored with',
      );
    }
  }
}
