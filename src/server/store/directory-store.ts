import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The SHA-256 of a token (hex): what the store keeps instead of the token. */
export type TokenFingerprint = string & { readonly __tokenFingerprint: true };

export function tokenFingerprint(token: string): TokenFingerprint {
  return createHash('sha256').update(token).digest('hex') as TokenFingerprint;
}

/** What one token's last discovery found: account ids in the order Graph listed them. */
export interface RememberedDiscovery {
  /** Unix ms. */
  foundAt: number;
  accounts: string[];
}

/** The account a media belongs to, and what its insights plan needs to know of it. */
export interface StoredMediaOwner {
  id: string;
  accountId: string;
  productType: string;
  mediaType: string;
  timestamp: string;
  collaborators?: string[];
}

interface OwnerRow {
  media_id: string;
  account_id: string;
  product_type: string;
  media_type: string;
  timestamp: string;
  collaborators: string | null;
}

/**
 * What the account directory remembers across restarts: the accounts each configured token
 * reached, and which account each media belongs to; behind InsightsStore.directory.
 */
export class DirectoryStore {
  private prepared: ReturnType<DirectoryStore['prepare']> | undefined;

  constructor(private readonly db: Database.Database) {}

  /** Prepared on first use: a store opened with older migrations has no such tables. */
  private get statements() {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  private prepare() {
    const db = this.db;
    return {
      discovery: db.prepare('SELECT found_at FROM token_discoveries WHERE token_hash = ?').pluck(),
      discovered: db
        .prepare(
          'SELECT account_id FROM discovered_accounts WHERE token_hash = ? ORDER BY position',
        )
        .pluck(),
      everyAccount: db.prepare('SELECT DISTINCT account_id FROM discovered_accounts').pluck(),
      owner: db.prepare('SELECT * FROM media_owners WHERE media_id = ?'),
      // A media seen again unchanged writes nothing.
      putOwner: db.prepare(`
        INSERT INTO media_owners (media_id, account_id, product_type, media_type, timestamp, collaborators)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (media_id) DO UPDATE SET
          account_id = excluded.account_id, product_type = excluded.product_type,
          media_type = excluded.media_type, timestamp = excluded.timestamp,
          collaborators = excluded.collaborators
        WHERE account_id IS NOT excluded.account_id OR product_type IS NOT excluded.product_type
          OR media_type IS NOT excluded.media_type OR timestamp IS NOT excluded.timestamp
          OR collaborators IS NOT excluded.collaborators`),
      forgetOwners: db.prepare('DELETE FROM media_owners WHERE account_id = ?'),
      // Graph's timestamps (2026-11-29T18:00:00+0000) sort as text.
      newest: db.prepare(
        `SELECT * FROM media_owners WHERE account_id = ? AND product_type != 'STORY'
         ORDER BY timestamp DESC LIMIT ?`,
      ),
    };
  }

  /**
   * Replaces the remembered discovery, in one transaction, with what each token that answered
   * found now (a token that reached no account is remembered with none).
   */
  saveDiscovery(found: ReadonlyMap<TokenFingerprint, readonly string[]>, foundAt: number): void {
    const insertToken = this.db.prepare(
      'INSERT INTO token_discoveries (token_hash, found_at) VALUES (?, ?)',
    );
    const insertAccount = this.db.prepare(
      'INSERT OR IGNORE INTO discovered_accounts (token_hash, account_id, position) VALUES (?, ?, ?)',
    );
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM discovered_accounts').run();
        this.db.prepare('DELETE FROM token_discoveries').run();
        for (const [fingerprint, accounts] of found) {
          insertToken.run(fingerprint, foundAt);
          for (const [position, id] of accounts.entries())
            insertAccount.run(fingerprint, id, position);
        }
      })
      .immediate();
  }

  /** The remembered discovery of each of these tokens that has one. */
  discoveries(
    fingerprints: readonly TokenFingerprint[],
  ): Map<TokenFingerprint, RememberedDiscovery> {
    const { discovery, discovered } = this.statements;
    const result = new Map<TokenFingerprint, RememberedDiscovery>();
    for (const fingerprint of fingerprints) {
      const foundAt = discovery.get(fingerprint) as number | undefined;
      if (foundAt === undefined) continue;
      result.set(fingerprint, { foundAt, accounts: discovered.all(fingerprint) as string[] });
    }
    return result;
  }

  /** Every account id a remembered discovery holds, whichever token found it. */
  rememberedAccountIds(): string[] {
    return this.statements.everyAccount.all() as string[];
  }

  /** Stores media owners in one transaction; returns how many rows were new or changed. */
  putMediaOwners(owners: readonly StoredMediaOwner[]): number {
    if (owners.length === 0) return 0;
    const { putOwner } = this.statements;
    return this.db
      .transaction(() => {
        let written = 0;
        for (const o of owners)
          written += putOwner.run(
            o.id,
            o.accountId,
            o.productType,
            o.mediaType,
            o.timestamp,
            o.collaborators ? JSON.stringify(o.collaborators) : null,
          ).changes;
        return written;
      })
      .immediate();
  }

  mediaOwner(mediaId: string): StoredMediaOwner | undefined {
    const row = this.statements.owner.get(mediaId) as OwnerRow | undefined;
    return row ? ownerOf(row) : undefined;
  }

  /** An account's newest posts (not stories) known here, newest first. */
  newestMediaOf(accountId: string, limit: number): StoredMediaOwner[] {
    return (this.statements.newest.all(accountId, limit) as OwnerRow[]).map(ownerOf);
  }

  /** Forgets the media of an account (it was disconnected); returns how many. */
  forgetMediaOf(accountId: string): number {
    return this.statements.forgetOwners.run(accountId).changes;
  }
}

function ownerOf(row: OwnerRow): StoredMediaOwner {
  return {
    id: row.media_id,
    accountId: row.account_id,
    productType: row.product_type,
    mediaType: row.media_type,
    timestamp: row.timestamp,
    ...(row.collaborators !== null
      ? { collaborators: JSON.parse(row.collaborators) as string[] }
      : {}),
  };
}
