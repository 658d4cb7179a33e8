import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { GraphErrorBody } from '../../graph/graph-types';
import { ApiError } from '../api-errors';
import type { Clock } from '../clock';
import type { ConnectionStore, LoginKind, StoredConnection } from '../store/connection-store';
import { type TokenVault, TokenVaultError } from './token-vault';

export type { LoginKind };

/** What the dashboard asks for, and no more: insights, profiles and media, the Pages they hang on. */
export const FACEBOOK_SCOPES = [
  'instagram_basic',
  'instagram_manage_insights',
  'pages_show_list',
  'pages_read_engagement',
] as const;
export const INSTAGRAM_SCOPES = [
  'instagram_business_basic',
  'instagram_business_manage_insights',
] as const;

export interface LoginApp {
  appId: string;
  appSecret: string;
}

/** Where Meta's sign-in lives; tests and demo mode point them at the fake. */
export interface ConnectEndpoints {
  /** graph.facebook.com: code exchange, long-lived exchange, debug_token, /me/accounts. */
  facebookGraph: string;
  /** www.facebook.com: the login dialog. */
  facebookDialog: string;
  /** graph.instagram.com: long-lived exchange, refresh, /me and the data of Instagram Login. */
  instagramGraph: string;
  /** www.instagram.com: the authorize page. */
  instagramAuthorize: string;
  /** api.instagram.com: the code exchange. */
  instagramApi: string;
}

export const META_ENDPOINTS: ConnectEndpoints = {
  facebookGraph: 'https://graph.facebook.com',
  facebookDialog: 'https://www.facebook.com',
  instagramGraph: 'https://graph.instagram.com',
  instagramAuthorize: 'https://www.instagram.com',
  instagramApi: 'https://api.instagram.com',
};

export interface ConnectionsOptions {
  store: ConnectionStore;
  vault: TokenVault;
  now: Clock;
  graphVersion: string;
  apps: { facebook?: LoginApp; instagram?: LoginApp };
  endpoints: ConnectEndpoints;
  /** The dashboard's origin: the redirect URIs start with it. */
  publicUrl: () => string;
  log: (line: string) => void;
  timeoutMs?: number;
  /** Accounts whose access ended (disconnected): their cached answers go. */
  onAccountsRemoved?: (accountIds: string[]) => void;
}

/** A connect attempt that failed; `reason` goes in the settings page's address. */
export class ConnectError extends Error {
  constructor(
    readonly reason: 'cancelled' | 'state' | 'failed' | 'no_accounts' | 'not_configured',
    message: string,
  ) {
    super(message);
  }
}

/** A route to an account: its token, or why it needs reconnecting. */
export type ConnectedRoute =
  | { ok: true; token: string; login: LoginKind; connectionId: string; username: string }
  | { ok: false; problem: string; login: LoginKind; connectionId: string; username: string };

interface Pending {
  kind: LoginKind;
  userId: string;
  bindingHash: string;
  verifier?: string;
  expiresAt: number;
}

const PENDING_MS = 10 * 60_000;
const DAY = 86_400_000;
/** Instagram Login tokens are refreshed once fewer than this many days remain (of 60). */
export const REFRESH_WHEN_LEFT_MS = 30 * DAY;
/** Owners are told to reconnect a Facebook Login token this long before it expires. */
export const WARN_BEFORE_MS = 14 * DAY;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The reason Instagram refused a token, in words an owner understands. */
export function plainReason(
  error: Pick<GraphErrorBody, 'code' | 'error_subcode'>,
  at: Date,
): string {
  const day = at.toISOString().slice(0, 10);
  if (error.code === 190) {
    if (error.error_subcode === 463) return `The access expired (noticed on ${day}).`;
    if (error.error_subcode === 458)
      return `The app's access was removed in Facebook or Instagram settings (noticed on ${day}).`;
    if (error.error_subcode === 460)
      return `The password was changed or Meta ended the session (noticed on ${day}).`;
    return `Meta no longer accepts the access (noticed on ${day}).`;
  }
  return `A permission the dashboard needs was taken away (noticed on ${day}).`;
}

/**
 * Connected accounts: the OAuth flows that add them, their tokens (sealed in the store, open in
 * memory), refresh before expiry, and the "reconnect needed" state when Instagram refuses a token.
 */
export class Connections {
  private readonly pending = new Map<string, Pending>();
  private connections: (StoredConnection & { token?: string })[] = [];
  private byToken = new Map<string, string>();
  private routeMap = new Map<string, ConnectedRoute>();

  constructor(private readonly options: ConnectionsOptions) {
    this.reload();
  }

  private reload() {
    this.connections = this.options.store.list().map((c) => {
      try {
        return { ...c, token: this.options.vault.open(c.sealedToken, c.id) };
      } catch (error) {
        if (!(error instanceof TokenVaultError)) throw error;
        this.options.log(JSON.stringify({ connection: c.id, error: error.message }));
        return {
          ...c,
          problem: c.problem ?? "The stored access cannot be opened with this server's key.",
        };
      }
    });
    this.byToken = new Map(
      this.connections.flatMap((c) => (c.token ? [[c.token, c.id] as const] : [])),
    );
    this.routeMap = new Map();
    for (const c of this.connections) {
      for (const a of c.accounts) {
        const base = { login: c.login, connectionId: c.id, username: a.username };
        this.routeMap.set(
          a.id,
          c.token && !c.problem
            ? { ok: true, token: c.token, ...base }
            : { ok: false, problem: c.problem ?? 'Reconnect needed.', ...base },
        );
      }
    }
  }

  /** Which logins this server offers (an app is configured for them). */
  get available(): LoginKind[] {
    return (['facebook', 'instagram'] as const).filter((k) => this.options.apps[k]);
  }

  redirectUri(kind: LoginKind): string {
    return `${this.options.publicUrl().replace(/\/$/, '')}/auth/connect/${kind}/callback`;
  }

  /** Connected accounts, by id. */
  routes(): ReadonlyMap<string, ConnectedRoute> {
    return this.routeMap;
  }

  /** Which login a token belongs to (its calls go to that login's host). */
  loginOfToken(token: string): LoginKind | undefined {
    const id = this.byToken.get(token);
    return id ? this.connections.find((c) => c.id === id)?.login : undefined;
  }

  /** Every token and app secret: none may ever leave the server. */
  secrets(): string[] {
    return [
      ...this.byToken.keys(),
      ...Object.values(this.options.apps).flatMap((a) => (a ? [a.appSecret] : [])),
    ];
  }

  list() {
    return this.connections;
  }

  /* ---------------------------------------------------------------------- */
  /* The authorization-code flow                                            */
  /* ---------------------------------------------------------------------- */

  /**
   * A new attempt: the dialog's address, with a state bound to this browser (the binding goes in
   * a cookie; only its hash is kept) and, for Facebook Login, a PKCE challenge.
   */
  start(kind: LoginKind, userId: string): { url: string; binding: string } {
    const app = this.options.apps[kind];
    if (!app) throw new ConnectError('not_configured', `${kind} login is not configured.`);
    const now = this.options.now().getTime();
    for (const [state, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(state);
    const state = randomBytes(32).toString('base64url');
    const binding = randomBytes(32).toString('base64url');
    const e = this.options.endpoints;
    let url: URL;
    let verifier: string | undefined;
    if (kind === 'facebook') {
      verifier = randomBytes(48).toString('base64url');
      url = new URL(`${e.facebookDialog}/${this.options.graphVersion}/dialog/oauth`);
      url.searchParams.set('client_id', app.appId);
      url.searchParams.set('redirect_uri', this.redirectUri(kind));
      url.searchParams.set('state', state);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', FACEBOOK_SCOPES.join(','));
      url.searchParams.set('code_challenge', sha256(verifier));
      url.searchParams.set('code_challenge_method', 'S256');
    } else {
      // Instagram's authorize endpoint documents no PKCE: the state and the secret do the work.
      url = new URL(`${e.instagramAuthorize}/oauth/authorize`);
      url.searchParams.set('client_id', app.appId);
      url.searchParams.set('redirect_uri', this.redirectUri(kind));
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', INSTAGRAM_SCOPES.join(','));
      url.searchParams.set('state', state);
    }
    this.pending.set(state, {
      kind,
      userId,
      bindingHash: sha256(binding),
      ...(verifier ? { verifier } : {}),
      expiresAt: now + PENDING_MS,
    });
    return { url: url.toString(), binding };
  }

  /** The dialog sent the browser back: checks the state, exchanges the code, stores the token. */
  async finish(
    kind: LoginKind,
    query: URLSearchParams,
    binding: string | undefined,
    userId: string,
  ): Promise<StoredConnection> {
    const state = query.get('state') ?? '';
    const pending = this.pending.get(state);
    // A state works once, in the browser that started it, for the person who started it.
    if (pending) this.pending.delete(state);
    if (
      !pending ||
      pending.kind !== kind ||
      pending.expiresAt <= this.options.now().getTime() ||
      !binding ||
      sha256(binding) !== pending.bindingHash ||
      pending.userId !== userId
    )
      throw new ConnectError(
        'state',
        'This answer from Meta does not match a connect attempt started in this browser; nothing was connected.',
      );
    if (query.get('error'))
      throw new ConnectError('cancelled', 'The connection was cancelled; nothing was connected.');
    const code = query.get('code');
    if (!code) throw new ConnectError('failed', 'Meta sent no authorization code.');
    const got =
      kind === 'facebook'
        ? await this.facebookToken(code, pending.verifier)
        : await this.instagramToken(code);
    if (got.accounts.length === 0)
      throw new ConnectError(
        'no_accounts',
        kind === 'facebook'
          ? 'The sign-in reaches no Facebook Page with an Instagram professional account.'
          : 'The sign-in reaches no Instagram professional account.',
      );
    const now = this.options.now().getTime();
    const id = randomUUID();
    const connection: StoredConnection = {
      id,
      login: kind,
      sealedToken: this.options.vault.seal(got.token, id),
      scopes: got.scopes,
      issuedAt: now,
      ...(got.expiresAt !== undefined ? { expiresAt: got.expiresAt } : {}),
      connectedBy: userId,
      createdAt: now,
      accounts: got.accounts,
    };
    this.options.store.save(connection);
    this.reload();
    return connection;
  }

  private async call<T>(url: URL, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: { Accept: 'application/json', ...init.headers },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch {
      throw new ConnectError('failed', "Meta's servers could not be reached; try again.");
    }
    const body = (await response.json().catch(() => undefined)) as
      | (T & { error?: { message?: string }; error_message?: string })
      | undefined;
    if (!response.ok || !body || body.error || body.error_message) {
      // Meta's message may quote what was sent: only its first words are logged, redacted upstream.
      const message = body?.error?.message ?? body?.error_message ?? `HTTP ${response.status}`;
      this.options.log(
        JSON.stringify({
          connect: url.pathname,
          status: response.status,
          error: message.slice(0, 120),
        }),
      );
      throw new ConnectError('failed', 'Meta refused the sign-in; try connecting again.');
    }
    return body;
  }

  private async facebookToken(code: string, verifier: string | undefined) {
    const app = this.options.apps.facebook as LoginApp;
    const e = this.options.endpoints;
    const v = this.options.graphVersion;
    const exchange = new URL(`${e.facebookGraph}/${v}/oauth/access_token`);
    exchange.searchParams.set('client_id', app.appId);
    exchange.searchParams.set('client_secret', app.appSecret);
    exchange.searchParams.set('redirect_uri', this.redirectUri('facebook'));
    exchange.searchParams.set('code', code);
    if (verifier) exchange.searchParams.set('code_verifier', verifier);
    const short = await this.call<{ access_token: string }>(exchange);
    const long = new URL(`${e.facebookGraph}/${v}/oauth/access_token`);
    long.searchParams.set('grant_type', 'fb_exchange_token');
    long.searchParams.set('client_id', app.appId);
    long.searchParams.set('client_secret', app.appSecret);
    long.searchParams.set('fb_exchange_token', short.access_token);
    const { access_token: token, expires_in } = await this.call<{
      access_token: string;
      expires_in?: number;
    }>(long);
    const debug = new URL(`${e.facebookGraph}/${v}/debug_token`);
    debug.searchParams.set('input_token', token);
    const info = await this.call<{ data: { expires_at?: number; scopes?: string[] } }>(debug, {
      headers: { Authorization: `Bearer ${app.appId}|${app.appSecret}` },
    });
    const accounts: { id: string; username: string }[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const list = new URL(`${e.facebookGraph}/${v}/me/accounts`);
      list.searchParams.set('fields', 'id,name,instagram_business_account{id,username}');
      list.searchParams.set('limit', '100');
      if (after) list.searchParams.set('after', after);
      const body = await this.call<{
        data: { instagram_business_account?: { id: string; username?: string } }[];
        paging?: { next?: string; cursors?: { after?: string } };
      }>(list, { headers: { Authorization: `Bearer ${token}` } });
      for (const p of body.data) {
        const ig = p.instagram_business_account;
        if (ig && !accounts.some((a) => a.id === ig.id))
          accounts.push({ id: ig.id, username: ig.username ?? ig.id });
      }
      after = body.paging?.next ? body.paging.cursors?.after : undefined;
      if (!after) break;
    }
    const now = this.options.now().getTime();
    const expiresAt = info.data.expires_at
      ? info.data.expires_at * 1000
      : expires_in
        ? now + expires_in * 1000
        : undefined;
    return { token, scopes: info.data.scopes ?? [], expiresAt, accounts };
  }

  private async instagramToken(code: string) {
    const app = this.options.apps.instagram as LoginApp;
    const e = this.options.endpoints;
    const form = new URLSearchParams({
      client_id: app.appId,
      client_secret: app.appSecret,
      grant_type: 'authorization_code',
      redirect_uri: this.redirectUri('instagram'),
      code,
    });
    type Short = {
      access_token: string;
      user_id?: string | number;
      permissions?: string | string[];
    };
    const answer = await this.call<Short | { data: Short[] }>(
      new URL(`${e.instagramApi}/oauth/access_token`),
      {
        method: 'POST',
        body: form,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      },
    );
    const short = 'data' in answer ? answer.data[0] : answer;
    if (!short) throw new ConnectError('failed', 'Meta sent no access token.');
    const long = new URL(`${e.instagramGraph}/access_token`);
    long.searchParams.set('grant_type', 'ig_exchange_token');
    long.searchParams.set('client_secret', app.appSecret);
    long.searchParams.set('access_token', short.access_token);
    const { access_token: token, expires_in } = await this.call<{
      access_token: string;
      expires_in: number;
    }>(long);
    const me = new URL(`${e.instagramGraph}/${this.options.graphVersion}/me`);
    me.searchParams.set('fields', 'user_id,username');
    const user = await this.call<{ id: string; user_id?: string | number; username?: string }>(me, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const id = String(user.user_id ?? user.id);
    const scopes =
      typeof short.permissions === 'string'
        ? short.permissions.split(',').filter(Boolean)
        : (short.permissions ?? [...INSTAGRAM_SCOPES]);
    return {
      token,
      scopes,
      expiresAt: this.options.now().getTime() + expires_in * 1000,
      accounts: [{ id, username: user.username ?? id }],
    };
  }

  /* ---------------------------------------------------------------------- */
  /* Keeping access alive                                                   */
  /* ---------------------------------------------------------------------- */

  /**
   * Graph refused a connected token (190, or a permission error): its accounts need reconnecting,
   * and no more calls go out with it. Undefined for a token that is not a connection's.
   */
  rejected(token: string, error: GraphErrorBody): ApiError | undefined {
    const id = this.byToken.get(token);
    const connection = this.connections.find((c) => c.id === id);
    if (!connection) return undefined;
    if (!connection.problem) {
      const problem = plainReason(error, this.options.now());
      this.options.store.setProblem(connection.id, problem);
      this.options.log(JSON.stringify({ connection: connection.id, problem }));
      this.reload();
    }
    const route = this.routeMap.get(connection.accounts[0]?.id ?? '');
    return reconnectNeeded(
      connection.accounts.map((a) => a.username),
      route && !route.ok ? route.problem : 'Reconnect needed.',
    );
  }

  /** Instagram Login tokens at least a day old with fewer than 30 days left get 60 more. */
  async refreshDue(): Promise<number> {
    const now = this.options.now().getTime();
    let refreshed = 0;
    for (const c of this.connections) {
      if (c.login !== 'instagram' || !c.token || c.problem || c.expiresAt === undefined) continue;
      if (now - c.issuedAt < DAY || c.expiresAt - now > REFRESH_WHEN_LEFT_MS) continue;
      if (c.expiresAt <= now) continue;
      const url = new URL(`${this.options.endpoints.instagramGraph}/refresh_access_token`);
      url.searchParams.set('grant_type', 'ig_refresh_token');
      url.searchParams.set('access_token', c.token);
      try {
        const body = await this.call<{ access_token: string; expires_in: number }>(url);
        this.options.store.updateToken(
          c.id,
          this.options.vault.seal(body.access_token, c.id),
          now,
          now + body.expires_in * 1000,
        );
        refreshed++;
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error;
        this.options.log(JSON.stringify({ connection: c.id, refresh: 'failed' }));
      }
    }
    if (refreshed > 0) this.reload();
    return refreshed;
  }

  /** Removes a connection, its token and its accounts. */
  disconnect(id: string): boolean {
    const connection = this.connections.find((c) => c.id === id);
    if (!connection || !this.options.store.remove(id)) return false;
    this.reload();
    this.options.onAccountsRemoved?.(connection.accounts.map((a) => a.id));
    return true;
  }
}

/** What a page of an account that needs reconnecting says, instead of failing card by card. */
export function reconnectNeeded(usernames: string[], problem: string): ApiError {
  const who = usernames.map((u) => `@${u}`).join(', ');
  return new ApiError(401, {
    message: `Reconnect needed: Instagram no longer accepts the connection for ${who}. ${problem} An owner can reconnect it in Settings → Accounts.`,
    type: 'ReconnectNeeded',
    code: 190,
    error_user_title: 'Reconnect needed',
    error_user_msg: problem,
  });
}
