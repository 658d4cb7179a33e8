/**
 * The store's schema, as an ordered list of migrations. A migration is never edited once released:
 * a change to the schema is a new entry with the next version. Each runs in its own transaction
 * together with the row that records it in `schema_migrations`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'daily values, demographics, stories',
    sql: `
      -- One value per account, metric and US Pacific day: follower_count (a number) and
      -- online_followers (an object keyed by hour), as JSON.
      CREATE TABLE account_daily (
        account_id  TEXT NOT NULL,
        metric      TEXT NOT NULL,
        day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        value       TEXT NOT NULL CHECK (json_valid(value)),
        captured_at TEXT NOT NULL,
        PRIMARY KEY (account_id, metric, day)
      ) WITHOUT ROWID;

      -- A demographics answer per Pacific day it was taken on: the breakdown results as JSON.
      CREATE TABLE demographics (
        account_id  TEXT NOT NULL,
        metric      TEXT NOT NULL,
        breakdown   TEXT NOT NULL,
        timeframe   TEXT NOT NULL,
        day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        results     TEXT NOT NULL CHECK (json_valid(results)),
        captured_at TEXT NOT NULL,
        PRIMARY KEY (account_id, metric, breakdown, timeframe, day)
      ) WITHOUT ROWID;

      -- Stories seen live (posted_at known) or told of by a story_insights webhook.
      CREATE TABLE stories (
        story_id          TEXT PRIMARY KEY,
        account_id        TEXT NOT NULL,
        media_type        TEXT,
        posted_at         TEXT,
        expires_at        TEXT,
        first_seen_at     TEXT NOT NULL,
        final_received_at TEXT
      );
      CREATE INDEX stories_by_account ON stories (account_id, expires_at);

      -- The latest number of each metric of a story, per source: the hourly snapshots while it
      -- was live, and the final numbers of the story_insights webhook.
      CREATE TABLE story_metrics (
        story_id    TEXT NOT NULL REFERENCES stories (story_id),
        source      TEXT NOT NULL CHECK (source IN ('webhook', 'hourly_snapshot')),
        metric      TEXT NOT NULL,
        value       INTEGER NOT NULL,
        captured_at TEXT NOT NULL,
        PRIMARY KEY (story_id, source, metric)
      ) WITHOUT ROWID;

      -- Every hourly snapshot of a live story (hour: YYYY-MM-DDTHH in UTC).
      CREATE TABLE story_snapshots (
        story_id    TEXT NOT NULL REFERENCES stories (story_id),
        hour        TEXT NOT NULL,
        metrics     TEXT NOT NULL CHECK (json_valid(metrics)),
        captured_at TEXT NOT NULL,
        PRIMARY KEY (story_id, hour)
      ) WITHOUT ROWID;

      -- Finished scheduler runs, so that a restart does not repeat the day's work.
      CREATE TABLE snapshot_runs (
        kind        TEXT NOT NULL,
        period      TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        PRIMARY KEY (kind, period)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'users, sessions, one-time links',
    sql: `
      -- People who sign in. A member sees every account (all_accounts = 1) or those listed in
      -- user_accounts. password_hash is NULL until an invited person sets one.
      CREATE TABLE users (
        id            TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role          TEXT NOT NULL CHECK (role IN ('owner', 'member')),
        password_hash TEXT,
        all_accounts  INTEGER NOT NULL DEFAULT 1 CHECK (all_accounts IN (0, 1)),
        created_at    TEXT NOT NULL
      );

      CREATE TABLE user_accounts (
        user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        account_id TEXT NOT NULL,
        PRIMARY KEY (user_id, account_id)
      ) WITHOUT ROWID;

      -- Only the SHA-256 of a session id is kept: a copy of the store opens no session.
      -- Times are Unix milliseconds: the session check runs on every request.
      CREATE TABLE sessions (
        id_hash      TEXT PRIMARY KEY,
        user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_user ON sessions (user_id);

      -- Single-use links: the first owner's set-up link and invitations (hashed, like sessions).
      CREATE TABLE one_time_links (
        token_hash TEXT PRIMARY KEY,
        purpose    TEXT NOT NULL CHECK (purpose IN ('setup', 'invitation')),
        user_id    TEXT REFERENCES users (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at    INTEGER
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'share links, share sessions, audit log',
    sql: `
      -- Links that show clients a read-only view. Only the SHA-256 of a link's token is kept.
      -- accounts: JSON array of account ids; range_policy: {"kind":"fixed","from","to"} or
      -- {"kind":"recent","days"}; scope: 'view' (the one page) or 'pages' (every page of them).
      CREATE TABLE share_links (
        id             TEXT PRIMARY KEY,
        token_hash     TEXT NOT NULL UNIQUE,
        label          TEXT NOT NULL,
        accounts       TEXT NOT NULL CHECK (json_valid(accounts)),
        scope          TEXT NOT NULL CHECK (scope IN ('view', 'pages')),
        view_path      TEXT NOT NULL,
        range_policy   TEXT NOT NULL CHECK (json_valid(range_policy)),
        csv            INTEGER NOT NULL CHECK (csv IN (0, 1)),
        password_hash  TEXT,
        created_by     TEXT NOT NULL,
        creator_email  TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        expires_at     INTEGER NOT NULL,
        revoked_at     INTEGER,
        last_opened_at INTEGER,
        open_count     INTEGER NOT NULL DEFAULT 0
      );

      -- A browser that opened a link: its cookie holds a random id (not the token), kept hashed.
      -- unlocked = 0 until the password of a protected link was given.
      CREATE TABLE share_sessions (
        id_hash    TEXT PRIMARY KEY,
        link_id    TEXT NOT NULL REFERENCES share_links (id) ON DELETE CASCADE,
        unlocked   INTEGER NOT NULL CHECK (unlocked IN (0, 1)),
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX share_sessions_by_link ON share_sessions (link_id);

      -- What happened to share links: created, opened, revoked, expiry changed.
      CREATE TABLE audit_log (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        at       INTEGER NOT NULL,
        actor    TEXT NOT NULL,
        action   TEXT NOT NULL,
        link_id  TEXT,
        detail   TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX audit_by_link ON audit_log (link_id, at);
    `,
  },
  {
    version: 4,
    name: 'connected accounts',
    sql: `
      -- A person's sign-in with Facebook or Instagram: its long-lived token sealed with AES-256-GCM
      -- (the key is not in the store), what it was granted, and when it expires (Unix ms).
      -- problem is set when Instagram refused the token: the accounts need reconnecting.
      CREATE TABLE connections (
        id             TEXT PRIMARY KEY,
        login          TEXT NOT NULL CHECK (login IN ('facebook', 'instagram')),
        sealed_token   TEXT NOT NULL,
        scopes         TEXT NOT NULL CHECK (json_valid(scopes)),
        issued_at      INTEGER NOT NULL,
        expires_at     INTEGER,
        problem        TEXT,
        connected_by   TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        refreshed_at   INTEGER
      );

      -- The Instagram accounts a connection reaches; an account belongs to one connection.
      CREATE TABLE connection_accounts (
        account_id    TEXT PRIMARY KEY,
        connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        username      TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX connection_accounts_by_connection ON connection_accounts (connection_id);
    `,
  },
  {
    version: 5,
    name: 'account history',
    sql: `
      -- Daily values of account metrics, kept for as long as the dashboard runs (Instagram forgets
      -- them after two years). value NULL: Instagram was asked and gave no value for that day,
      -- which is "not available", never a zero. revised_at: a re-check found another number.
      CREATE TABLE account_history (
        account_id  TEXT NOT NULL,
        metric      TEXT NOT NULL,
        day         TEXT NOT NULL,
        value       REAL,
        captured_at TEXT NOT NULL,
        revised_at  TEXT,
        PRIMARY KEY (account_id, metric, day)
      ) WITHOUT ROWID;
      CREATE INDEX account_history_by_day ON account_history (account_id, day);

      -- Per account: when the backfill last re-checked the newest settled days.
      CREATE TABLE history_state (
        account_id    TEXT PRIMARY KEY,
        rechecked_at  TEXT
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'media history',
    sql: `
      -- A post's lifetime metrics as Instagram gave them on a day: daily in its first 30 days,
      -- weekly after, so that its page can draw how it grew. value NULL: none given that day.
      CREATE TABLE media_history (
        media_id    TEXT NOT NULL,
        account_id  TEXT NOT NULL,
        metric      TEXT NOT NULL,
        day         TEXT NOT NULL,
        value       REAL,
        captured_at TEXT NOT NULL,
        PRIMARY KEY (media_id, metric, day)
      ) WITHOUT ROWID;
      CREATE INDEX media_history_by_account ON media_history (account_id, day);
    `,
  },
  {
    version: 7,
    name: 'remembered accounts and media owners',
    sql: `
      -- The last account discovery (/me/accounts) that answered, per configured token: a restart
      -- serves these at once and asks again in the background. Only the SHA-256 of a token is
      -- kept, never the token. found_at: Unix ms; position: the order discovery listed them in.
      CREATE TABLE token_discoveries (
        token_hash TEXT PRIMARY KEY,
        found_at   INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE discovered_accounts (
        token_hash TEXT NOT NULL REFERENCES token_discoveries (token_hash) ON DELETE CASCADE,
        account_id TEXT NOT NULL,
        position   INTEGER NOT NULL,
        PRIMARY KEY (token_hash, account_id)
      ) WITHOUT ROWID;

      -- Which shown account each media seen in a listing (or looked up) belongs to, so that
      -- opening it after a restart costs no look-up. collaborators: JSON array of account ids.
      CREATE TABLE media_owners (
        media_id      TEXT PRIMARY KEY,
        account_id    TEXT NOT NULL,
        product_type  TEXT NOT NULL,
        media_type    TEXT NOT NULL,
        timestamp     TEXT NOT NULL,
        collaborators TEXT CHECK (collaborators IS NULL OR json_valid(collaborators))
      ) WITHOUT ROWID;
      CREATE INDEX media_owners_by_account ON media_owners (account_id);
    `,
  },
];

/**
 * What HISTORY_RETENTION_DAYS prunes: each table of daily history with its column that holds a US
 * Pacific day (YYYY-MM-DD). Rows of days before the cut-off are deleted, all tables in one
 * transaction (InsightsStore.pruneHistoryBefore). A new table of daily history adds its line here.
 * Stories are pruned there too, by when they ended; users, sessions, share links, connections and
 * the audit log never are.
 */
export const DAILY_HISTORY_TABLES: readonly { table: string; dayColumn: string }[] = [
  { table: 'account_daily', dayColumn: 'day' },
  { table: 'demographics', dayColumn: 'day' },
  { table: 'account_history', dayColumn: 'day' },
  { table: 'media_history', dayColumn: 'day' },
  // Periods are Pacific days; one that starts with a day (an hour, say) sorts with that day.
  { table: 'snapshot_runs', dayColumn: 'period' },
];
