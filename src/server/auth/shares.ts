import { randomUUID } from 'node:crypto';
import { MAX_HISTORY_DAYS } from '../../graph/date-windows';
import {
  addDays,
  daysBetween,
  type IsoDay,
  isIsoDay,
  pacificDayOf,
  pacificDayStart,
} from '../../graph/pacific-days';
import { ApiError, badRequest, forbidden, notFound } from '../api-errors';
import type { Clock } from '../clock';
import type { RangePolicy, ShareLink, ShareStore } from '../store/share-store';
import { canSeeAccount, newSecret, type ShareViewer, sha256, type UserViewer } from './auth';
import {
  hashPassword,
  passwordProblem,
  SCRYPT_COST,
  type ScryptCost,
  verifyPassword,
} from './passwords';
import { FailureLimiter } from './rate-limit';

export const DEFAULT_SHARE_DAYS = 30;
export const MAX_SHARE_DAYS = 365;
/** Unknown tokens from one address, then 429: 128-bit tokens cannot be guessed, but nobody should try. */
export const TOKEN_GUESSES = 20;
export const PASSWORD_TRIES = 10;
const WINDOW_MS = 15 * 60_000;

/** The pages a link may open: the view's own path, or every page of its accounts. */
const PAGE_PATHS = [
  /^\/accounts\/(\d{1,25})(\/(media|audience|stories))?$/,
  /^\/media\/\d{1,25}$/,
  /^\/compare$/,
];

export interface NewShare {
  label: string;
  accounts: string[];
  scope: 'view' | 'pages';
  viewPath: string;
  range: RangePolicy;
  expiresInDays: number;
  password?: string;
  csv: boolean;
}

export type ShareState =
  | { kind: 'none' }
  | { kind: 'viewer'; viewer: ShareViewer }
  | { kind: 'gone'; reason: 'expired' | 'revoked'; link: ShareLink };

export const shareGone = (reason: 'expired' | 'revoked') =>
  new ApiError(410, {
    message:
      reason === 'revoked'
        ? 'This shared view was revoked by the people who shared it: ask them for a new link.'
        : 'This shared view has expired: ask the people who shared it for a new link.',
    type: 'ShareEnded',
    code: 190,
  });

/** Client share links: created by signed-in people, opened by anyone with the link. */
export class Shares {
  private readonly guesses = new FailureLimiter(TOKEN_GUESSES, WINDOW_MS);
  private readonly passwordByAddress = new FailureLimiter(PASSWORD_TRIES, WINDOW_MS);
  /** All addresses together get three times one address's tries. */
  private readonly passwordByLink = new FailureLimiter(3 * PASSWORD_TRIES, WINDOW_MS);

  constructor(
    private readonly store: ShareStore,
    private readonly now: Clock,
    private readonly publicUrl: () => string,
    private readonly cost: ScryptCost = SCRYPT_COST,
  ) {}

  private nowMs(): number {
    return this.now().getTime();
  }

  /** The days a link's viewer may ask for, today's included. */
  allowedDays(link: ShareLink): { first: IsoDay; last: IsoDay } {
    const today = pacificDayOf(this.now());
    if (link.range.kind === 'fixed') return { first: link.range.earliest, last: link.range.to };
    return { first: addDays(today, -link.range.days), last: today };
  }

  async create(viewer: UserViewer, share: NewShare): Promise<{ link: ShareLink; url: string }> {
    const label = share.label.trim();
    if (!label) throw badRequest('label must name who the link is for, e.g. "Northwind Coffee".');
    if (share.accounts.length === 0) throw badRequest('accounts must list at least one account.');
    for (const account of share.accounts)
      if (!canSeeAccount(viewer, account))
        throw notFound(`There is no Instagram account ${account} among those you may see.`);
    if (!PAGE_PATHS.some((p) => p.test(share.viewPath.split('?')[0] ?? '')))
      throw badRequest(
        'view_path must be a page of the dashboard, e.g. /accounts/{id}?v=1&range=28d.',
      );
    const pathAccount = /^\/accounts\/(\d+)/.exec(share.viewPath)?.[1];
    if (pathAccount && !share.accounts.includes(pathAccount))
      throw badRequest('view_path shows an account that accounts does not include.');
    const today = pacificDayOf(this.now());
    const oldest = addDays(today, -MAX_HISTORY_DAYS + 1);
    if (share.range.kind === 'fixed') {
      const { from, to, earliest } = share.range;
      if (![from, to, earliest].every(isIsoDay) || earliest > from || from > to || to > today)
        throw badRequest('range must be days with earliest ≤ from ≤ to ≤ today (US Pacific).');
      if (earliest < oldest) throw badRequest(`range cannot start before ${oldest}.`);
    } else if (
      !Number.isInteger(share.range.days) ||
      share.range.days < 1 ||
      share.range.days > MAX_HISTORY_DAYS
    ) {
      throw badRequest(`range.days must be a whole number from 1 to ${MAX_HISTORY_DAYS}.`);
    }
    if (
      !Number.isInteger(share.expiresInDays) ||
      share.expiresInDays < 1 ||
      share.expiresInDays > MAX_SHARE_DAYS
    )
      throw badRequest(
        `expires_in_days must be from 1 to ${MAX_SHARE_DAYS} (a link lasts a year at most).`,
      );
    if (share.password !== undefined) {
      const problem = passwordProblem(share.password);
      if (problem) throw badRequest(problem.replace('The password', "The link's password"));
    }
    const token = newSecret();
    const now = this.nowMs();
    const link = this.store.create({
      id: randomUUID(),
      tokenHash: sha256(token),
      label,
      accounts: [...new Set(share.accounts)],
      scope: share.scope,
      viewPath: share.viewPath,
      range: share.range,
      csv: share.csv,
      ...(share.password ? { passwordHash: await hashPassword(share.password, this.cost) } : {}),
      createdBy: viewer.user.id,
      creatorEmail: viewer.user.email,
      createdAt: now,
      expiresAt: now + share.expiresInDays * 86_400_000,
    });
    return { link, url: `${this.publicUrl().replace(/\/$/, '')}/s/${token}` };
  }

  /**
   * Opening `/s/{token}`: a browser session for the link (its id, not the token, goes in the
   * cookie), or why not. Unknown tokens count against the address.
   */
  open(
    token: string,
    address: string,
  ):
    | { ok: true; sessionId: string; link: ShareLink }
    | { ok: false; status: 404 | 410 | 429; reason: string; retryAfter?: number } {
    const now = this.nowMs();
    const wait = this.guesses.retryAfter(address, now);
    if (wait > 0)
      return {
        ok: false,
        status: 429,
        reason: 'Too many unknown links from this address.',
        retryAfter: wait,
      };
    const link = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? this.store.findByToken(sha256(token))
      : undefined;
    if (!link) {
      this.guesses.fail(address, now);
      return {
        ok: false,
        status: 404,
        reason: 'This link does not exist. Check that it was copied whole.',
      };
    }
    const ended = this.ended(link);
    if (ended) return { ok: false, status: 410, reason: shareGone(ended).message };
    const sessionId = newSecret();
    this.store.open(link.id, sha256(sessionId), !link.hasPassword, now, 'a viewer');
    return { ok: true, sessionId, link };
  }

  private ended(link: ShareLink): 'revoked' | 'expired' | undefined {
    if (link.revokedAt !== undefined) return 'revoked';
    if (link.expiresAt <= this.nowMs()) return 'expired';
    return undefined;
  }

  /** What a share cookie stands for. */
  state(sessionId: string | undefined): ShareState {
    if (!sessionId || sessionId.length > 100) return { kind: 'none' };
    const hash = sha256(sessionId);
    const found = this.store.session(hash);
    if (!found) return { kind: 'none' };
    const ended = this.ended(found.link);
    if (ended) return { kind: 'gone', reason: ended, link: found.link };
    return {
      kind: 'viewer',
      viewer: {
        kind: 'share',
        link: found.link,
        sessionHash: hash,
        unlocked: found.unlocked,
        days: this.allowedDays(found.link),
      },
    };
  }

  /** The password of a protected link, tried a limited number of times per link and address. */
  async unlock(viewer: ShareViewer, password: string, address: string): Promise<void> {
    const now = this.nowMs();
    const key = `${viewer.link.id}|${address}`;
    const wait = Math.max(
      this.passwordByAddress.retryAfter(key, now),
      this.passwordByLink.retryAfter(viewer.link.id, now),
    );
    if (wait > 0)
      throw new ApiError(
        429,
        {
          message: `Too many wrong passwords: try again in ${Math.ceil(wait / 60)} minute(s).`,
          type: 'TooManyAttempts',
          code: 4,
        },
        { 'Retry-After': String(wait) },
      );
    const hash = this.store.passwordHash(viewer.link.id);
    if (!hash || !(await verifyPassword(password.slice(0, 1024), hash))) {
      this.passwordByAddress.fail(key, now);
      this.passwordByLink.fail(viewer.link.id, now);
      this.store.audit({
        at: now,
        actor: 'a viewer',
        action: 'password refused',
        linkId: viewer.link.id,
        detail: '',
      });
      throw forbidden('That is not the password of this link.');
    }
    this.store.unlock(viewer.sessionHash);
  }

  leave(viewer: ShareViewer): void {
    this.store.endSession(viewer.sessionHash);
  }

  /** Owners see every link; members their own. */
  list(viewer: UserViewer): ShareLink[] {
    return this.store.list(viewer.user.role === 'owner' ? undefined : viewer.user.id);
  }

  private mine(viewer: UserViewer, id: string): ShareLink {
    const link = this.store.find(id);
    if (!link || (viewer.user.role !== 'owner' && link.createdBy !== viewer.user.id))
      throw notFound('There is no such share link among yours.');
    return link;
  }

  revoke(viewer: UserViewer, id: string): ShareLink {
    this.mine(viewer, id);
    return this.store.revoke(id, this.nowMs(), viewer.user.email) as ShareLink;
  }

  setExpiry(viewer: UserViewer, id: string, expiresAt: IsoDay): ShareLink {
    const link = this.mine(viewer, id);
    if (link.revokedAt !== undefined)
      throw badRequest('A revoked link stays revoked: create a new one.');
    const today = pacificDayOf(this.now());
    if (
      !isIsoDay(expiresAt) ||
      daysBetween(today, expiresAt) < 0 ||
      daysBetween(today, expiresAt) > MAX_SHARE_DAYS
    )
      throw badRequest(`expires_on must be a day from today to ${addDays(today, MAX_SHARE_DAYS)}.`);
    // The link works through the whole of that day, US Pacific.
    const end = pacificDayStart(addDays(expiresAt, 1)).getTime();
    return this.store.setExpiry(id, end, this.nowMs(), viewer.user.email) as ShareLink;
  }

  auditLog(viewer: UserViewer) {
    return viewer.user.role === 'owner'
      ? this.store.auditLog()
      : this.store.auditLog(this.list(viewer).map((l) => l.id));
  }

  /** Where a share viewer may go: a page of its link, or the link's own view instead. */
  pageFor(viewer: ShareViewer, path: string): string | undefined {
    const link = viewer.link;
    const viewPath = link.viewPath.split('?')[0];
    if (link.scope === 'view') return path === viewPath ? undefined : link.viewPath;
    const account = /^\/accounts\/(\d{1,25})/.exec(path)?.[1];
    if (account) return link.accounts.includes(account) ? undefined : link.viewPath;
    if (/^\/media\/\d{1,25}$/.test(path)) return undefined;
    if (path === '/compare' && link.accounts.length > 1) return undefined;
    return link.viewPath;
  }
}
