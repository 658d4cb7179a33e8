import type Database from 'better-sqlite3';

export type Role = 'owner' | 'member';

export interface User {
  id: string;
  email: string;
  role: Role;
  /** `all`, or the Instagram account ids an owner gave this member. Owners always see all. */
  accounts: 'all' | string[];
  /** False until an invited person has set a password. */
  hasPassword: boolean;
  createdAt: string;
}

export interface SessionRecord {
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/**
 * How long a change by another process (the users command removing someone) may go unseen by this
 * one. Asking SQLite on every request reads the WAL index, a third of a cached answer's cost.
 */
export const OTHER_WRITERS_RECHECK_MS = 250;

export type LinkPurpose = 'setup' | 'invitation';

interface UserRow {
  id: string;
  email: string;
  role: Role;
  password_hash: string | null;
  all_accounts: 0 | 1;
  created_at: string;
}

/**
 * Users, their sessions and single-use links, in the store's SQLite file. Routes reach these only
 * through this class (via InsightsStore.users), so another engine can stand in for it later.
 */
export class UserStore {
  private prepared: ReturnType<UserStore['prepare']> | undefined;

  constructor(private readonly db: Database.Database) {}

  /** The statements of the per-request session check, prepared once (on first use: a store opened
   * with older migrations has no users table). */
  private get statements() {
    this.prepared ??= this.prepare();
    return this.prepared;
  }

  private prepare() {
    const db = this.db;
    return {
      session: db.prepare(
        'SELECT user_id, created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = ?',
      ),
      user: db.prepare('SELECT * FROM users WHERE id = ?'),
      accounts: db.prepare(
        'SELECT account_id FROM user_accounts WHERE user_id = ? ORDER BY account_id',
      ),
      touch: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?'),
      // data_version moves when another connection commits (the users command, another
      // instance); total_changes when this one writes anything.
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      totalChanges: db.prepare('SELECT total_changes()').pluck(),
    };
  }

  private otherWriters = { version: 0, checkedAt: Number.NEGATIVE_INFINITY };
  private stamp = { version: -1, changes: -1, text: '' };

  /**
   * A value that changes whenever anything in the store may have changed: at once for this
   * process's writes, and within OTHER_WRITERS_RECHECK_MS for another's (the users command).
   * What the server remembers of a session is good while it stays the same.
   */
  changeStamp(): string {
    const now = performance.now();
    if (now - this.otherWriters.checkedAt >= OTHER_WRITERS_RECHECK_MS) {
      this.otherWriters = { version: this.statements.dataVersion.get() as number, checkedAt: now };
    }
    const version = this.otherWriters.version;
    const changes = this.statements.totalChanges.get() as number;
    if (version !== this.stamp.version || changes !== this.stamp.changes)
      this.stamp = { version, changes, text: `${version}:${changes}` };
    return this.stamp.text;
  }

  private toUser(row: UserRow): User {
    const accounts =
      row.role === 'owner' || row.all_accounts === 1
        ? ('all' as const)
        : (this.statements.accounts.all(row.id) as { account_id: string }[]).map(
            (r) => r.account_id,
          );
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      accounts,
      hasPassword: row.password_hash !== null,
      createdAt: row.created_at,
    };
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): User[] {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY email').all() as UserRow[];
    return rows.map((r) => this.toUser(r));
  }

  find(id: string): User | undefined {
    const row = this.statements.user.get(id) as UserRow | undefined;
    return row ? this.toUser(row) : undefined;
  }

  findByEmail(email: string): User | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as
      | UserRow
      | undefined;
    return row ? this.toUser(row) : undefined;
  }

  /** The stored hash of a user's password, for sign-in; undefined when none is set. */
  passwordHash(id: string): string | undefined {
    const row = this.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(id) as
      | { password_hash: string | null }
      | undefined;
    return row?.password_hash ?? undefined;
  }

  /** Adds a user; throws StoreConflictError-like `UserExistsError` when the email is taken. */
  create(user: {
    id: string;
    email: string;
    role: Role;
    passwordHash?: string;
    accounts?: 'all' | readonly string[];
    createdAt: Date;
  }): User {
    return this.db
      .transaction(() => {
        if (this.findByEmail(user.email)) throw new UserExistsError(user.email);
        this.db
          .prepare(
            'INSERT INTO users (id, email, role, password_hash, all_accounts, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(
            user.id,
            user.email,
            user.role,
            user.passwordHash ?? null,
            user.accounts === undefined || user.accounts === 'all' ? 1 : 0,
            user.createdAt.toISOString(),
          );
        if (Array.isArray(user.accounts)) this.writeAccounts(user.id, user.accounts);
        return this.find(user.id) as User;
      })
      .immediate();
  }

  private writeAccounts(userId: string, accounts: readonly string[]): void {
    this.db.prepare('DELETE FROM user_accounts WHERE user_id = ?').run(userId);
    const insert = this.db.prepare('INSERT INTO user_accounts (user_id, account_id) VALUES (?, ?)');
    for (const account of new Set(accounts)) insert.run(userId, account);
  }

  /** Changes a role or the accounts a member sees; refuses to leave the team without an owner. */
  update(id: string, change: { role?: Role; accounts?: 'all' | readonly string[] }): User {
    return this.db
      .transaction(() => {
        const user = this.find(id);
        if (!user) throw new UserNotFoundError(id);
        if (change.role === 'member' && user.role === 'owner' && this.ownerCount() === 1)
          throw new LastOwnerError();
        if (change.role)
          this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(change.role, id);
        if (change.accounts !== undefined) {
          this.db
            .prepare('UPDATE users SET all_accounts = ? WHERE id = ?')
            .run(change.accounts === 'all' ? 1 : 0, id);
          this.writeAccounts(id, change.accounts === 'all' ? [] : change.accounts);
        }
        return this.find(id) as User;
      })
      .immediate();
  }

  private ownerCount(): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'owner'").get() as { n: number }
    ).n;
  }

  /** Removes a user with their sessions and links; the last owner stays. */
  remove(id: string): void {
    this.db
      .transaction(() => {
        const user = this.find(id);
        if (!user) throw new UserNotFoundError(id);
        if (user.role === 'owner' && this.ownerCount() === 1) throw new LastOwnerError();
        this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
      })
      .immediate();
  }

  /** Sets a password and ends every session of the user (a new one is made by the caller). */
  setPassword(id: string, passwordHash: string): void {
    this.db
      .transaction(() => {
        const changed = this.db
          .prepare('UPDATE users SET password_hash = ? WHERE id = ?')
          .run(passwordHash, id).changes;
        if (changed === 0) throw new UserNotFoundError(id);
        this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
      })
      .immediate();
  }

  // Sessions: keyed by the SHA-256 of their id.

  createSession(idHash: string, userId: string, now: number, expiresAt: number): void {
    this.db
      .prepare(
        'INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(idHash, userId, now, now, expiresAt);
  }

  session(idHash: string): SessionRecord | undefined {
    const row = this.statements.session.get(idHash) as
      | { user_id: string; created_at: number; last_seen_at: number; expires_at: number }
      | undefined;
    return row
      ? {
          userId: row.user_id,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          expiresAt: row.expires_at,
        }
      : undefined;
  }

  touchSession(idHash: string, now: number): void {
    this.statements.touch.run(now, idHash);
  }

  deleteSession(idHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  deleteSessionsOf(userId: string): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  /** Drops sessions past their absolute or idle expiry; returns how many. */
  pruneSessions(now: number, idleMs: number): number {
    return this.db
      .prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?')
      .run(now, now - idleMs).changes;
  }

  // Single-use links.

  /** Stores a link; for `setup`, earlier set-up links stop working. */
  createLink(link: {
    tokenHash: string;
    purpose: LinkPurpose;
    userId?: string;
    now: number;
    expiresAt: number;
  }): void {
    this.db
      .transaction(() => {
        if (link.purpose === 'setup')
          this.db.prepare("DELETE FROM one_time_links WHERE purpose = 'setup'").run();
        if (link.userId)
          this.db.prepare('DELETE FROM one_time_links WHERE user_id = ?').run(link.userId);
        this.db
          .prepare(
            'INSERT INTO one_time_links (token_hash, purpose, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(link.tokenHash, link.purpose, link.userId ?? null, link.now, link.expiresAt);
      })
      .immediate();
  }

  /**
   * Uses a link once, with `work` in the same transaction: a second use, an expired link or a
   * failing `work` leaves nothing changed. Returns work's result, or undefined for no usable link.
   */
  redeemLink<T>(
    tokenHash: string,
    purpose: LinkPurpose,
    now: number,
    work: (link: { userId: string | undefined }) => T,
  ): T | undefined {
    return this.db
      .transaction(() => {
        const row = this.db
          .prepare(
            'SELECT user_id FROM one_time_links WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?',
          )
          .get(tokenHash, purpose, now) as { user_id: string | null } | undefined;
        if (!row) return undefined;
        this.db
          .prepare('UPDATE one_time_links SET used_at = ? WHERE token_hash = ?')
          .run(now, tokenHash);
        return work({ userId: row.user_id ?? undefined });
      })
      .immediate();
  }

  /** Whether a link would be usable now (for showing the right page before the form is sent). */
  linkUsable(
    tokenHash: string,
    purpose: LinkPurpose,
    now: number,
  ): { userId?: string } | undefined {
    const row = this.db
      .prepare(
        'SELECT user_id FROM one_time_links WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?',
      )
      .get(tokenHash, purpose, now) as { user_id: string | null } | undefined;
    if (!row) return undefined;
    return row.user_id ? { userId: row.user_id } : {};
  }
}

export class UserExistsError extends Error {
  constructor(email: string) {
    super(`A user with the email ${email} exists already.`);
  }
}

export class UserNotFoundError extends Error {
  constructor(id: string) {
    super(`There is no user ${id}.`);
  }
}

export class LastOwnerError extends Error {
  constructor() {
    super('The team needs at least one owner: make someone else an owner first.');
  }
}
