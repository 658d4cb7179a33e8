import type Database from 'better-sqlite3';

export type RangePolicy =
  /** The view's days, and the earliest day it needs (its comparison period starts there). */
  | { kind: 'fixed'; from: string; to: string; earliest: string }
  /** Any range within the last `days` days. */
  | { kind: 'recent'; days: number };

export interface ShareLink {
  id: string;
  label: string;
  accounts: string[];
  scope: 'view' | 'pages';
  viewPath: string;
  range: RangePolicy;
  csv: boolean;
  hasPassword: boolean;
  createdBy: string;
  creatorEmail: string;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
  lastOpenedAt?: number;
  openCount: number;
}

export interface AuditEntry {
  at: number;
  actor: string;
  action: 'created' | 'opened' | 'revoked' | 'expiry changed' | 'password refused';
  linkId?: string;
  detail: string;
}

interface LinkRow {
  id: string;
  label: string;
  accounts: string;
  scope: 'view' | 'pages';
  view_path: string;
  range_policy: string;
  csv: 0 | 1;
  password_hash: string | null;
  created_by: string;
  creator_email: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  last_opened_at: number | null;
  open_count: number;
}

const toLink = (r: LinkRow): ShareLink => ({
  id: r.id,
  label: r.label,
  accounts: JSON.parse(r.accounts) as string[],
  scope: r.scope,
  viewPath: r.view_path,
  range: JSON.parse(r.range_policy) as RangePolicy,
  csv: r.csv === 1,
  hasPassword: r.password_hash !== null,
  createdBy: r.created_by,
  creatorEmail: r.creator_email,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}),
  ...(r.last_opened_at !== null ? { lastOpenedAt: r.last_opened_at } : {}),
  openCount: r.open_count,
});

/** Share links, the browsers that opened them, and the audit log; behind InsightsStore.shares. */
export class ShareStore {
  private prepared: ReturnType<ShareStore['prepare']> | undefined;

  constructor(private readonly db: Database.Database) {}

  /** Prepared on first use: a store opened with older migrations has no share tables. */
  private get statements() {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  private prepare() {
    return {
      session: this.db.prepare(
        'SELECT s.unlocked, l.* FROM share_sessions s JOIN share_links l ON l.id = s.link_id WHERE s.id_hash = ?',
      ),
      byToken: this.db.prepare('SELECT * FROM share_links WHERE token_hash = ?'),
    };
  }

  create(
    link: Omit<ShareLink, 'hasPassword' | 'openCount' | 'revokedAt' | 'lastOpenedAt'> & {
      tokenHash: string;
      passwordHash?: string;
    },
  ): ShareLink {
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO share_links (id, token_hash, label, accounts, scope, view_path, range_policy, csv,
               password_hash, created_by, creator_email, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            link.id,
            link.tokenHash,
            link.label,
            JSON.stringify(link.accounts),
            link.scope,
            link.viewPath,
            JSON.stringify(link.range),
            link.csv ? 1 : 0,
            link.passwordHash ?? null,
            link.createdBy,
            link.creatorEmail,
            link.createdAt,
            link.expiresAt,
          );
        this.audit({
          at: link.createdAt,
          actor: link.creatorEmail,
          action: 'created',
          linkId: link.id,
          detail: link.label,
        });
        return this.find(link.id) as ShareLink;
      })
      .immediate();
  }

  find(id: string): ShareLink | undefined {
    const row = this.db.prepare('SELECT * FROM share_links WHERE id = ?').get(id) as
      | LinkRow
      | undefined;
    return row ? toLink(row) : undefined;
  }

  findByToken(tokenHash: string): (ShareLink & { passwordHash?: string }) | undefined {
    const row = this.statements.byToken.get(tokenHash) as LinkRow | undefined;
    return row
      ? { ...toLink(row), ...(row.password_hash ? { passwordHash: row.password_hash } : {}) }
      : undefined;
  }

  passwordHash(id: string): string | undefined {
    const row = this.db.prepare('SELECT password_hash FROM share_links WHERE id = ?').get(id) as
      | { password_hash: string | null }
      | undefined;
    return row?.password_hash ?? undefined;
  }

  /** Newest first; `createdBy` limits the list to one person's links. */
  list(createdBy?: string): ShareLink[] {
    const rows = (
      createdBy
        ? this.db
            .prepare('SELECT * FROM share_links WHERE created_by = ? ORDER BY created_at DESC')
            .all(createdBy)
        : this.db.prepare('SELECT * FROM share_links ORDER BY created_at DESC').all()
    ) as LinkRow[];
    return rows.map(toLink);
  }

  /** Opening a link: a new browser session for it, counted and audited, in one transaction. */
  open(linkId: string, sessionHash: string, unlocked: boolean, now: number, actor: string): void {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO share_sessions (id_hash, link_id, unlocked, created_at) VALUES (?, ?, ?, ?)',
          )
          .run(sessionHash, linkId, unlocked ? 1 : 0, now);
        this.db
          .prepare(
            'UPDATE share_links SET open_count = open_count + 1, last_opened_at = ? WHERE id = ?',
          )
          .run(now, linkId);
        this.audit({ at: now, actor, action: 'opened', linkId, detail: '' });
      })
      .immediate();
  }

  unlock(sessionHash: string): void {
    this.db.prepare('UPDATE share_sessions SET unlocked = 1 WHERE id_hash = ?').run(sessionHash);
  }

  /** The link a browser session stands for, with whether it was unlocked. */
  session(sessionHash: string): { link: ShareLink; unlocked: boolean } | undefined {
    const row = this.statements.session.get(sessionHash) as
      | (LinkRow & { unlocked: 0 | 1 })
      | undefined;
    return row ? { link: toLink(row), unlocked: row.unlocked === 1 } : undefined;
  }

  endSession(sessionHash: string): void {
    this.db.prepare('DELETE FROM share_sessions WHERE id_hash = ?').run(sessionHash);
  }

  /**
   * Revokes for good: every browser session of the link stops at once. The sessions stay, so that
   * such a browser is told the link was revoked (and, in demo mode, does not become the demo owner).
   */
  revoke(id: string, now: number, actor: string): ShareLink | undefined {
    return this.db
      .transaction(() => {
        const changed = this.db
          .prepare('UPDATE share_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
          .run(now, id).changes;
        if (changed === 0) return this.find(id);
        this.audit({ at: now, actor, action: 'revoked', linkId: id, detail: '' });
        return this.find(id);
      })
      .immediate();
  }

  setExpiry(id: string, expiresAt: number, now: number, actor: string): ShareLink | undefined {
    return this.db
      .transaction(() => {
        this.db.prepare('UPDATE share_links SET expires_at = ? WHERE id = ?').run(expiresAt, id);
        this.audit({
          at: now,
          actor,
          action: 'expiry changed',
          linkId: id,
          detail: new Date(expiresAt).toISOString(),
        });
        return this.find(id);
      })
      .immediate();
  }

  audit(entry: AuditEntry): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, link_id, detail) VALUES (?, ?, ?, ?, ?)')
      .run(entry.at, entry.actor, entry.action, entry.linkId ?? null, entry.detail);
  }

  /** Newest first; `linkIds` limits it to those links. */
  auditLog(linkIds?: readonly string[], limit = 200): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT at, actor, action, link_id, detail FROM audit_log ORDER BY id DESC LIMIT ?')
      .all(linkIds ? 10_000 : limit) as {
      at: number;
      actor: string;
      action: AuditEntry['action'];
      link_id: string | null;
      detail: string;
    }[];
    const allowed = linkIds ? new Set(linkIds) : undefined;
    return rows
      .filter((r) => !allowed || (r.link_id !== null && allowed.has(r.link_id)))
      .slice(0, limit)
      .map((r) => ({
        at: r.at,
        actor: r.actor,
        action: r.action,
        ...(r.link_id ? { linkId: r.link_id } : {}),
        detail: r.detail,
      }));
  }
}
