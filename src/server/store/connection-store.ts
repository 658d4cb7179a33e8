import type Database from 'better-sqlite3';

import type { LoginType } from '../../graph/metric-catalogue';

export type LoginKind = LoginType;

/** A stored connection; its token stays sealed (see connect/token-vault.ts). */
export interface StoredConnection {
  id: string;
  login: LoginKind;
  sealedToken: string;
  scopes: string[];
  issuedAt: number;
  expiresAt?: number;
  problem?: string;
  connectedBy: string;
  createdAt: number;
  refreshedAt?: number;
  accounts: { id: string; username: string }[];
}

interface Row {
  id: string;
  login: LoginKind;
  sealed_token: string;
  scopes: string;
  issued_at: number;
  expires_at: number | null;
  problem: string | null;
  connected_by: string;
  created_at: number;
  refreshed_at: number | null;
}

/** People's connections with Facebook and Instagram; behind InsightsStore.connections. */
export class ConnectionStore {
  constructor(private readonly db: Database.Database) {}

  list(): StoredConnection[] {
    const rows = this.db
      .prepare('SELECT * FROM connections ORDER BY created_at, id')
      .all() as Row[];
    const accounts = this.db
      .prepare('SELECT * FROM connection_accounts ORDER BY username')
      .all() as { account_id: string; connection_id: string; username: string }[];
    return rows.map((r) => ({
      id: r.id,
      login: r.login,
      sealedToken: r.sealed_token,
      scopes: JSON.parse(r.scopes) as string[],
      issuedAt: r.issued_at,
      ...(r.expires_at !== null ? { expiresAt: r.expires_at } : {}),
      ...(r.problem !== null ? { problem: r.problem } : {}),
      connectedBy: r.connected_by,
      createdAt: r.created_at,
      ...(r.refreshed_at !== null ? { refreshedAt: r.refreshed_at } : {}),
      accounts: accounts
        .filter((a) => a.connection_id === r.id)
        .map((a) => ({ id: a.account_id, username: a.username })),
    }));
  }

  /**
   * Stores a connection. Its accounts leave any older connection (a reconnect replaces the old
   * token), and connections left without an account are deleted. Returns the ids deleted.
   */
  save(connection: StoredConnection): string[] {
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO connections (id, login, sealed_token, scopes, issued_at, expires_at, problem,
               connected_by, created_at, refreshed_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL)`,
          )
          .run(
            connection.id,
            connection.login,
            connection.sealedToken,
            JSON.stringify(connection.scopes),
            connection.issuedAt,
            connection.expiresAt ?? null,
            connection.connectedBy,
            connection.createdAt,
          );
        const upsert = this.db.prepare(
          `INSERT INTO connection_accounts (account_id, connection_id, username) VALUES (?, ?, ?)
           ON CONFLICT (account_id) DO UPDATE SET connection_id = excluded.connection_id, username = excluded.username`,
        );
        for (const a of connection.accounts) upsert.run(a.id, connection.id, a.username);
        const orphans = this.db
          .prepare(
            'SELECT id FROM connections c WHERE NOT EXISTS (SELECT 1 FROM connection_accounts a WHERE a.connection_id = c.id)',
          )
          .all() as { id: string }[];
        for (const o of orphans) this.db.prepare('DELETE FROM connections WHERE id = ?').run(o.id);
        return orphans.map((o) => o.id);
      })
      .immediate();
  }

  /** A refreshed token: the problem (if any) is cleared. */
  updateToken(id: string, sealedToken: string, issuedAt: number, expiresAt: number | undefined) {
    this.db
      .prepare(
        'UPDATE connections SET sealed_token = ?, issued_at = ?, expires_at = ?, refreshed_at = ?, problem = NULL WHERE id = ?',
      )
      .run(sealedToken, issuedAt, expiresAt ?? null, issuedAt, id);
  }

  setProblem(id: string, problem: string) {
    this.db.prepare('UPDATE connections SET problem = ? WHERE id = ?').run(problem, id);
  }

  /** Removes a connection and its accounts; false if there was none. */
  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }
}
