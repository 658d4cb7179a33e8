import { createHash, randomBytes } from 'node:crypto';
import type { LoginType } from '../graph/metric-catalogue';
import type { DemoAccountProfile } from './demo-data/demo-accounts';
import { type FakeGraphError, graphErrors } from './graph-errors';

/**
 * The sign-in side of the fake: Meta apps, the consent pages of Facebook Login and Instagram Login,
 * authorization codes (single use, ten minutes, bound to their redirect_uri and PKCE challenge),
 * short- and long-lived user tokens with their expiry, scopes and accounts, refresh, debug_token,
 * and revocation on demand (so that code 190 can be produced in tests).
 */

export type LoginKind = LoginType;

export interface FakeApp {
  id: string;
  secret: string;
  kind: LoginKind;
  /** Valid OAuth redirect URIs, as entered in the App Dashboard. */
  redirectUris: string[];
}

export interface IssuedToken {
  value: string;
  kind: LoginKind;
  appId: string;
  /** Instagram account ids the person chose on the consent page. */
  accounts: string[];
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  longLived: boolean;
  revoked?: 'user' | 'password';
}

interface PendingCode {
  code: string;
  appId: string;
  redirectUri: string;
  accounts: string[];
  scopes: string[];
  challenge?: string;
  expiresAt: number;
  used: boolean;
}

interface Dialog {
  id: string;
  kind: LoginKind;
  appId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
  challenge?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Facebook's short-lived user token: about two hours; Instagram's: one hour. */
const SHORT_LIVED_MS = { facebook: 2 * HOUR, instagram: HOUR } as const;
export const LONG_LIVED_MS = 60 * DAY;
const CODE_LIFETIME_MS = 10 * 60_000;

export const FACEBOOK_SCOPES = [
  'instagram_basic',
  'instagram_manage_insights',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
] as const;
export const INSTAGRAM_SCOPES = [
  'instagram_business_basic',
  'instagram_business_manage_insights',
  'instagram_business_manage_messages',
  'instagram_business_content_publish',
] as const;

const secret = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
const oauthError = (message: string, code: number, subcode?: number): FakeGraphError => ({
  status: 400,
  body: {
    message,
    type: 'OAuthException',
    code,
    ...(subcode !== undefined ? { error_subcode: subcode } : {}),
  },
});

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export class FakeOAuth {
  readonly apps = new Map<string, FakeApp>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly dialogs = new Map<string, Dialog>();

  constructor(
    private readonly now: () => Date,
    /** Which accounts each consent page offers. */
    private readonly offered: (kind: LoginKind) => readonly DemoAccountProfile[],
  ) {}

  /** Registers an app, as creating it in the App Dashboard would. */
  registerApp(app: FakeApp): FakeApp {
    this.apps.set(app.id, { ...app, redirectUris: [...app.redirectUris] });
    return app;
  }

  token(value: string): IssuedToken | undefined {
    return this.tokens.get(value);
  }

  /** Tokens issued so far (tests revoke or inspect them). */
  issued(): IssuedToken[] {
    return [...this.tokens.values()];
  }

  /** Whether a token may be used now; the error Graph sends when not. */
  check(value: string): { ok: true; token: IssuedToken } | { ok: false; error: FakeGraphError } {
    const token = this.tokens.get(value);
    if (!token) return { ok: false, error: graphErrors.invalidToken() };
    if (token.revoked === 'user')
      return {
        ok: false,
        error: oauthError(
          'Error validating access token: The user has not authorized application.',
          190,
          458,
        ),
      };
    if (token.revoked === 'password')
      return {
        ok: false,
        error: oauthError(
          'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
          190,
          460,
        ),
      };
    const now = this.now().getTime();
    if (token.expiresAt <= now)
      return {
        ok: false,
        error: oauthError(
          `Error validating access token: Session has expired on ${new Date(token.expiresAt).toUTCString()}. The current time is ${new Date(now).toUTCString()}.`,
          190,
          463,
        ),
      };
    return { ok: true, token };
  }

  /** Revokes every token that reaches an account (or one token): the person removed the app. */
  revoke(match: { account?: string; token?: string }, reason: 'user' | 'password' = 'user') {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (
        (match.token && token.value === match.token) ||
        (match.account && token.accounts.includes(match.account))
      ) {
        token.revoked = reason;
        count++;
      }
    }
    return count;
  }

  /** Makes tokens that reach an account expire now. */
  expire(match: { account?: string; token?: string }) {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (
        (match.token && token.value === match.token) ||
        (match.account && token.accounts.includes(match.account))
      ) {
        token.expiresAt = this.now().getTime();
        count++;
      }
    }
    return count;
  }

  private issue(
    kind: LoginKind,
    appId: string,
    accounts: string[],
    scopes: string[],
    longLived: boolean,
  ): IssuedToken {
    const now = this.now().getTime();
    const token: IssuedToken = {
      value: secret(kind === 'facebook' ? 'EAAfake' : 'IGQfake'),
      kind,
      appId,
      accounts,
      scopes,
      issuedAt: now,
      expiresAt: now + (longLived ? LONG_LIVED_MS : SHORT_LIVED_MS[kind]),
      longLived,
    };
    this.tokens.set(token.value, token);
    return token;
  }

  /* ---------------------------------------------------------------------- */
  /* The consent pages                                                      */
  /* ---------------------------------------------------------------------- */

  /**
   * `GET /{version}/dialog/oauth` (Facebook) or `GET /oauth/authorize` (Instagram): a consent page,
   * or Meta's error page when the app or its redirect URI is not known.
   */
  dialog(kind: LoginKind, url: URL): Response {
    const q = url.searchParams;
    const app = this.apps.get(q.get('client_id') ?? '');
    if (app?.kind !== kind)
      return errorPage(
        'Invalid App ID',
        'The provided app ID does not look like a valid app ID.',
        400,
      );
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!app.redirectUris.includes(redirectUri))
      return errorPage(
        'URL blocked',
        "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure that the client and web OAuth logins are on and add all your app domains as valid OAuth redirect URIs.",
        400,
      );
    if (q.get('response_type') && q.get('response_type') !== 'code')
      return errorPage('Error', 'Unsupported response_type.', 400);
    const allowed: readonly string[] = kind === 'facebook' ? FACEBOOK_SCOPES : INSTAGRAM_SCOPES;
    const scopes = (q.get('scope') ?? '').split(/[,\s]+/).filter(Boolean);
    const invalid = scopes.find((s) => !allowed.includes(s));
    if (invalid) return errorPage('Invalid Scopes', `Invalid Scopes: ${invalid}.`, 400);
    const challenge = q.get('code_challenge') ?? undefined;
    if (challenge && kind === 'instagram')
      return errorPage('Error', 'Unsupported parameter code_challenge.', 400);
    if (challenge && q.get('code_challenge_method') !== 'S256')
      return errorPage('Error', 'code_challenge_method must be S256.', 400);
    const dialog: Dialog = {
      id: randomBytes(12).toString('base64url'),
      kind,
      appId: app.id,
      redirectUri,
      state: q.get('state') ?? '',
      scopes,
      ...(challenge ? { challenge } : {}),
    };
    this.dialogs.set(dialog.id, dialog);
    const accounts = this.offered(kind);
    const title = kind === 'facebook' ? 'Log in with Facebook' : 'Log in with Instagram';
    const choices = accounts
      .map(
        (a, i) =>
          `<li><label><input type="${kind === 'facebook' ? 'checkbox' : 'radio'}" name="account" value="${a.id}"${i === 0 || kind === 'facebook' ? ' checked' : ''} /> @${escapeHtml(a.username)}${kind === 'facebook' ? ` (Page: ${escapeHtml(a.pageName)})` : ''}</label></li>`,
      )
      .join('');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>${title}</title></head>
<body><main><h1>${title}</h1>
<p>The app wants: ${scopes.map(escapeHtml).join(', ') || 'basic access'}.</p>
<form method="post" action="/__oauth/consent">
<input type="hidden" name="dialog" value="${dialog.id}" />
<fieldset><legend>Choose the accounts this app may use</legend><ul>${choices}</ul></fieldset>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form></main></body></html>`;
    return new Response(html, {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }

  /** `POST /__oauth/consent`: the person allowed or cancelled; back to the app's redirect URI. */
  consent(form: URLSearchParams): Response {
    const dialog = this.dialogs.get(form.get('dialog') ?? '');
    if (!dialog) return errorPage('Error', 'This login has already been used or has expired.', 400);
    this.dialogs.delete(dialog.id);
    const back = new URL(dialog.redirectUri);
    const offered = new Set(this.offered(dialog.kind).map((a) => a.id));
    const accounts = form.getAll('account').filter((id) => offered.has(id));
    if (form.get('decision') !== 'allow' || accounts.length === 0) {
      if (dialog.kind === 'facebook') {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_code', '200');
        back.searchParams.set('error_description', 'Permissions error');
        back.searchParams.set('error_reason', 'user_denied');
      } else {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_reason', 'user_denied');
        back.searchParams.set('error_description', 'The user denied your request.');
      }
    } else {
      const code = randomBytes(32).toString('base64url');
      this.codes.set(code, {
        code,
        appId: dialog.appId,
        redirectUri: dialog.redirectUri,
        accounts,
        scopes: dialog.scopes,
        ...(dialog.challenge ? { challenge: dialog.challenge } : {}),
        expiresAt: this.now().getTime() + CODE_LIFETIME_MS,
        used: false,
      });
      back.searchParams.set('code', code);
    }
    if (dialog.state) back.searchParams.set('state', dialog.state);
    // Both dialogs add a fragment to the redirect.
    back.hash = dialog.kind === 'facebook' ? '_=_' : '_';
    return new Response(null, { status: 302, headers: { Location: back.toString() } });
  }

  /* ---------------------------------------------------------------------- */
  /* Token endpoints                                                        */
  /* ---------------------------------------------------------------------- */

  private redeem(
    kind: LoginKind,
    q: URLSearchParams,
  ): { ok: true; code: PendingCode } | { ok: false; error: FakeGraphError } {
    const app = this.apps.get(q.get('client_id') ?? '');
    if (app?.kind !== kind)
      return {
        ok: false,
        error: oauthError('Error validating application. Invalid application ID.', 101),
      };
    if (q.get('client_secret') !== app.secret)
      return { ok: false, error: oauthError('Error validating client secret.', 1, 404078) };
    const code = this.codes.get(q.get('code') ?? '');
    if (!code || code.appId !== app.id)
      return { ok: false, error: oauthError('Invalid verification code format.', 100, 36009) };
    if (code.used)
      return { ok: false, error: oauthError('This authorization code has been used.', 100, 36009) };
    if (code.expiresAt <= this.now().getTime())
      return { ok: false, error: oauthError('This authorization code has expired.', 100, 36007) };
    if (q.get('redirect_uri') !== code.redirectUri)
      return {
        ok: false,
        error: oauthError(
          'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
          100,
          36008,
        ),
      };
    if (code.challenge) {
      const verifier = q.get('code_verifier') ?? '';
      const hashed = createHash('sha256').update(verifier).digest('base64url');
      if (hashed !== code.challenge)
        return { ok: false, error: oauthError('Invalid code verifier.', 100, 36008) };
    }
    // A code works once, whatever the outcome of the exchange that used it.
    code.used = true;
    return { ok: true, code };
  }

  /** `GET /{version}/oauth/access_token` on graph.facebook.com: a code, or a long-lived exchange. */
  facebookAccessToken(
    q: URLSearchParams,
  ): { status: number; body: unknown } | { error: FakeGraphError } {
    if (q.get('grant_type') === 'fb_exchange_token') {
      const app = this.apps.get(q.get('client_id') ?? '');
      if (app?.kind !== 'facebook')
        return { error: oauthError('Error validating application. Invalid application ID.', 101) };
      if (q.get('client_secret') !== app.secret)
        return { error: oauthError('Error validating client secret.', 1, 404078) };
      const checked = this.check(q.get('fb_exchange_token') ?? '');
      if (!checked.ok) return { error: checked.error };
      const t = checked.token;
      const long = this.issue('facebook', app.id, t.accounts, t.scopes, true);
      return {
        status: 200,
        body: {
          access_token: long.value,
          token_type: 'bearer',
          expires_in: Math.round((long.expiresAt - long.issuedAt) / 1000),
        },
      };
    }
    const redeemed = this.redeem('facebook', q);
    if (!redeemed.ok) return { error: redeemed.error };
    const { code } = redeemed;
    const short = this.issue('facebook', code.appId, code.accounts, code.scopes, false);
    return {
      status: 200,
      body: {
        access_token: short.value,
        token_type: 'bearer',
        expires_in: Math.round((short.expiresAt - short.issuedAt) / 1000),
      },
    };
  }

  /** `GET /debug_token?input_token=` with an app token (`{app-id}|{app-secret}`). */
  debugToken(
    q: URLSearchParams,
    accessToken: string,
  ): { status: number; body: unknown } | { error: FakeGraphError } {
    const [appId, appSecret] = accessToken.split('|');
    const app = this.apps.get(appId ?? '');
    if (!app || app.secret !== appSecret)
      return {
        error: oauthError('Invalid OAuth access token - Cannot parse access token', 190, 467),
      };
    const input = q.get('input_token');
    if (!input) return { error: oauthError('(#100) The parameter input_token is required', 100) };
    const token = this.tokens.get(input);
    if (!token)
      return {
        status: 200,
        body: {
          data: {
            error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
            is_valid: false,
            scopes: [],
          },
        },
      };
    const checked = this.check(input);
    return {
      status: 200,
      body: {
        data: {
          app_id: token.appId,
          type: 'USER',
          application: 'Insights dashboard',
          data_access_expires_at: Math.floor((token.issuedAt + 90 * DAY) / 1000),
          expires_at: Math.floor(token.expiresAt / 1000),
          is_valid: checked.ok,
          issued_at: Math.floor(token.issuedAt / 1000),
          scopes: token.scopes,
          granular_scopes: token.scopes
            .filter((s) => s.startsWith('instagram_') || s.startsWith('pages_'))
            .map((scope) => ({ scope, target_ids: token.accounts })),
          user_id: '10160001234567890',
          ...(checked.ok ? {} : { error: { code: 190, message: checked.error.body.message } }),
        },
      },
    };
  }

  /**
   * `POST /oauth/access_token` on api.instagram.com. Its errors have Instagram's own shape
   * (`error_type`, `code`, `error_message`), not Graph's.
   */
  instagramCodeExchange(form: URLSearchParams): Response {
    const fail = (message: string) =>
      new Response(
        JSON.stringify({ error_type: 'OAuthException', code: 400, error_message: message }),
        {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
        },
      );
    if (form.get('grant_type') !== 'authorization_code')
      return fail('Invalid grant_type: must be authorization_code');
    const redeemed = this.redeem('instagram', form);
    if (!redeemed.ok) return fail(redeemed.error.body.message);
    const { code } = redeemed;
    const short = this.issue('instagram', code.appId, code.accounts, code.scopes, false);
    return new Response(
      JSON.stringify({
        data: [
          {
            access_token: short.value,
            user_id: code.accounts[0],
            permissions: code.scopes.join(','),
          },
        ],
      }),
      { headers: { 'Content-Type': 'application/json' } },
    );
  }

  /** `GET /access_token?grant_type=ig_exchange_token` on graph.instagram.com. */
  instagramExchange(q: URLSearchParams, accessToken: string) {
    if (q.get('grant_type') !== 'ig_exchange_token')
      return { error: oauthError('(#100) grant_type must be ig_exchange_token', 100) };
    const checked = this.check(accessToken);
    if (!checked.ok) return { error: checked.error };
    const app = this.apps.get(checked.token.appId);
    if (!app || q.get('client_secret') !== app.secret)
      return { error: oauthError('Error validating client secret.', 1, 404078) };
    if (checked.token.longLived)
      return { error: oauthError('(#100) Only short-lived tokens can be exchanged', 100) };
    const long = this.issue(
      'instagram',
      app.id,
      checked.token.accounts,
      checked.token.scopes,
      true,
    );
    return {
      status: 200,
      body: {
        access_token: long.value,
        token_type: 'bearer',
        expires_in: Math.round((long.expiresAt - long.issuedAt) / 1000),
      },
    };
  }

  /** `GET /refresh_access_token?grant_type=ig_refresh_token`: a long-lived token 24 h old or more. */
  instagramRefresh(q: URLSearchParams, accessToken: string) {
    if (q.get('grant_type') !== 'ig_refresh_token')
      return { error: oauthError('(#100) grant_type must be ig_refresh_token', 100) };
    const checked = this.check(accessToken);
    if (!checked.ok) return { error: checked.error };
    const t = checked.token;
    if (!t.longLived)
      return { error: oauthError('(#100) Only long-lived tokens can be refreshed', 100) };
    if (this.now().getTime() - t.issuedAt < DAY)
      return {
        error: oauthError('(#100) The token must be at least 24 hours old to be refreshed', 100),
      };
    const next = this.issue('instagram', t.appId, t.accounts, t.scopes, true);
    return {
      status: 200,
      body: {
        access_token: next.value,
        token_type: 'bearer',
        expires_in: Math.round((next.expiresAt - next.issuedAt) / 1000),
      },
    };
  }
}

function errorPage(title: string, message: string, status: number): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`,
    { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
  );
}
