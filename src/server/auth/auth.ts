import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { IsoDay } from '../../graph/pacific-days';
import { ApiError, badRequest } from '../api-errors';
import type { Clock } from '../clock';
import type { ShareLink } from '../store/share-store';
import type { Role, User, UserStore } from '../store/user-store';
import {
  hashPassword,
  passwordProblem,
  SCRYPT_COST,
  type ScryptCost,
  verifyPassword,
} from './passwords';
import { FailureLimiter } from './rate-limit';

export const SESSION_IDLE_MS = 14 * 86_400_000;
export const SESSION_ABSOLUTE_MS = 30 * 86_400_000;
export const SETUP_LINK_MS = 3_600_000;
export const INVITATION_LINK_MS = 7 * 86_400_000;
/** A session's last use is written at most this often: the check runs on every request. */
const TOUCH_EVERY_MS = 60_000;
/** Sign-in: this many failures within the window, per address and per email, then 429. */
export const SIGN_IN_FAILURES = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/** A signed-in person (or, in demo mode, the demo owner). */
export interface UserViewer {
  kind: 'user';
  user: User;
  /** The SHA-256 of the session id, when the person signed in (the demo owner has none). */
  sessionHash?: string;
}

/** A browser that opened a client share link: it sees what the link grants, read-only. */
export interface ShareViewer {
  kind: 'share';
  link: ShareLink;
  sessionHash: string;
  /** False until the password of a protected link was given. */
  unlocked: boolean;
  /** The US Pacific days the link lets its viewer ask about. */
  days: { first: IsoDay; last: IsoDay };
}

/** Who is asking. */
export type Viewer = UserViewer | ShareViewer;

export const canSeeAccount = (viewer: Viewer, accountId: string): boolean =>
  viewer.kind === 'share'
    ? viewer.unlocked && viewer.link.accounts.includes(accountId)
    : viewer.user.accounts === 'all' || viewer.user.accounts.includes(accountId);

export const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
/** 256 random bits, base64url: what goes in a cookie or a one-time link. */
export const newSecret = () => randomBytes(32).toString('base64url');

export const DEMO_OWNER_EMAIL = 'demo-owner@example.com';

export interface AuthOptions {
  users: UserStore;
  now: Clock;
  mode: 'demo' | 'live';
  /** Where people open the dashboard (PUBLIC_URL, or the address it listens on), for its links. */
  publicUrl: () => string;
  /** scrypt's cost; tests lower it, the server keeps OWASP's. */
  passwordCost?: ScryptCost;
}

const unauthorized = (message: string) =>
  new ApiError(401, { message, type: 'NotSignedIn', code: 190 });

/** Sign-in, sessions, the set-up link and invitations. */
export class Auth {
  private readonly byAddress = new FailureLimiter(SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS);
  private readonly byEmail = new FailureLimiter(SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS);
  private readonly cost: ScryptCost;
  /** Compared against when the email is unknown, so that the answer takes as long either way. */
  private dummyHash: Promise<string> | undefined;
  private demoOwner: User | undefined;

  /** Sessions checked recently, by their id, with the store's change stamp at the time. */
  private readonly knownSessions = new LRUCache<
    string,
    { viewer: UserViewer; stamp: string; expiresAt: number; lastSeenAt: number }
  >({ max: 10_000 });

  constructor(private readonly options: AuthOptions) {
    this.cost = options.passwordCost ?? SCRYPT_COST;
  }

  get users(): UserStore {
    return this.options.users;
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }

  /** Demo mode: the owner every visitor without a session is signed in as. */
  demoViewer(): UserViewer | undefined {
    if (this.options.mode !== 'demo') return undefined;
    this.demoOwner ??=
      this.users.findByEmail(DEMO_OWNER_EMAIL) ??
      this.users.create({
        id: randomUUID(),
        email: DEMO_OWNER_EMAIL,
        role: 'owner',
        createdAt: this.options.now(),
      });
    return { kind: 'user', user: this.demoOwner };
  }

  /** The viewer a session id stands for, or undefined (unknown, expired or idle too long). */
  viewerForSession(sessionId: string | undefined): UserViewer | undefined {
    if (!sessionId || sessionId.length > 100) return undefined;
    const now = this.nowMs();
    // Every request asks: a session seen before is answered from memory while nothing in the
    // store changed since (a sign-out, a removal by the users command, a touch all change it).
    const known = this.knownSessions.get(sessionId);
    if (
      known &&
      known.stamp === this.users.changeStamp() &&
      known.expiresAt > now &&
      known.lastSeenAt + SESSION_IDLE_MS > now &&
      now - known.lastSeenAt < TOUCH_EVERY_MS
    )
      return known.viewer;
    const hash = sha256(sessionId);
    const session = this.users.session(hash);
    if (!session) return undefined;
    if (session.expiresAt <= now || session.lastSeenAt + SESSION_IDLE_MS <= now) {
      this.users.deleteSession(hash);
      return undefined;
    }
    const user = this.users.find(session.userId);
    if (!user) return undefined;
    let lastSeenAt = session.lastSeenAt;
    if (now - lastSeenAt >= TOUCH_EVERY_MS) {
      this.users.touchSession(hash, now);
      lastSeenAt = now;
    }
    const viewer: UserViewer = { kind: 'user', user, sessionHash: hash };
    this.knownSessions.set(sessionId, {
      viewer,
      stamp: this.users.changeStamp(),
      expiresAt: session.expiresAt,
      lastSeenAt,
    });
    return viewer;
  }

  /** A new session for a user; the id is returned once, for the cookie, and kept only hashed. */
  startSession(userId: string): string {
    const id = newSecret();
    const now = this.nowMs();
    this.users.createSession(sha256(id), userId, now, now + SESSION_ABSOLUTE_MS);
    return id;
  }

  endSession(viewer: Viewer | undefined): void {
    if (viewer?.kind === 'user' && viewer.sessionHash) this.users.deleteSession(viewer.sessionHash);
  }

  /** Checks an email and password; the answer never says which of them was wrong. */
  async signIn(
    email: string,
    password: string,
    address: string,
  ): Promise<{ user: User; sessionId: string }> {
    const now = this.nowMs();
    const key = email.trim().toLowerCase();
    const wait = Math.max(
      this.byAddress.retryAfter(address, now),
      this.byEmail.retryAfter(key, now),
    );
    if (wait > 0) {
      throw new ApiError(
        429,
        {
          message: `Too many failed sign-ins: try again in ${Math.ceil(wait / 60)} minute(s).`,
          type: 'TooManyAttempts',
          code: 4,
        },
        { 'Retry-After': String(wait) },
      );
    }
    const user = this.users.findByEmail(key);
    const hash = user ? this.users.passwordHash(user.id) : undefined;
    this.dummyHash ??= hashPassword(newSecret(), this.cost);
    const ok = await verifyPassword(password.slice(0, 1024), hash ?? (await this.dummyHash));
    if (!user || !hash || !ok) {
      this.byAddress.fail(address, now);
      this.byEmail.fail(key, now);
      throw unauthorized('The email or the password is not right.');
    }
    this.byEmail.reset(key);
    return { user, sessionId: this.startSession(user.id) };
  }

  private link(path: string, token: string): string {
    // The token rides in the fragment: browsers never send it to a server or in a Referer.
    return `${this.options.publicUrl().replace(/\/$/, '')}${path}#${token}`;
  }

  /** Live mode with no user yet: a new one-time set-up link (valid one hour); else undefined. */
  setupLink(): string | undefined {
    if (this.options.mode !== 'live' || this.users.count() > 0) return undefined;
    const token = newSecret();
    const now = this.nowMs();
    this.users.createLink({
      tokenHash: sha256(token),
      purpose: 'setup',
      now,
      expiresAt: now + SETUP_LINK_MS,
    });
    return this.link('/setup', token);
  }

  /** Whether a set-up or invitation token can still be used, and for whom. */
  linkState(token: string, purpose: 'setup' | 'invitation'): { email?: string } | undefined {
    // Once an owner exists, a set-up link has nothing left to set up.
    if (purpose === 'setup' && this.users.count() > 0) return undefined;
    const link = this.users.linkUsable(sha256(token), purpose, this.nowMs());
    if (!link) return undefined;
    return link.userId ? { email: this.users.find(link.userId)?.email ?? '' } : {};
  }

  /** Creates the first owner with the set-up link; the link works once. */
  async completeSetup(
    token: string,
    email: string,
    password: string,
  ): Promise<{ user: User; sessionId: string }> {
    const problem = passwordProblem(password, email);
    if (problem) throw badRequest(problem);
    const passwordHash = await hashPassword(password, this.cost);
    const user = this.users.redeemLink(sha256(token), 'setup', this.nowMs(), () => {
      if (this.users.count() > 0) return undefined;
      return this.users.create({
        id: randomUUID(),
        email,
        role: 'owner',
        passwordHash,
        createdAt: this.options.now(),
      });
    });
    if (!user) throw linkGone('set-up');
    return { user, sessionId: this.startSession(user.id) };
  }

  /** Adds a person without a password and returns the link (valid 7 days) to set one. */
  invite(email: string, role: Role, accounts: 'all' | string[]): { user: User; link: string } {
    const user = this.users.create({
      id: randomUUID(),
      email,
      role,
      accounts,
      createdAt: this.options.now(),
    });
    return { user, link: this.newInvitation(user.id) };
  }

  /** A new invitation link for a user (also to reset a forgotten password); older ones stop working. */
  newInvitation(userId: string): string {
    const token = newSecret();
    const now = this.nowMs();
    this.users.createLink({
      tokenHash: sha256(token),
      purpose: 'invitation',
      userId,
      now,
      expiresAt: now + INVITATION_LINK_MS,
    });
    return this.link('/invitation', token);
  }

  /** Sets the password of an invited person; the link works once. */
  async acceptInvitation(
    token: string,
    password: string,
  ): Promise<{ user: User; sessionId: string }> {
    const state = this.linkState(token, 'invitation');
    if (!state) throw linkGone('invitation');
    const problem = passwordProblem(password, state.email);
    if (problem) throw badRequest(problem);
    const passwordHash = await hashPassword(password, this.cost);
    const user = this.users.redeemLink(sha256(token), 'invitation', this.nowMs(), ({ userId }) => {
      if (!userId) return undefined;
      this.users.setPassword(userId, passwordHash);
      return this.users.find(userId);
    });
    if (!user) throw linkGone('invitation');
    return { user, sessionId: this.startSession(user.id) };
  }

  /** Changes a password: every session of the user ends, and a new one starts for this browser. */
  async changePassword(viewer: UserViewer, current: string, next: string): Promise<string> {
    const hash = this.users.passwordHash(viewer.user.id);
    if (!hash || !(await verifyPassword(current.slice(0, 1024), hash)))
      throw new ApiError(403, {
        message: 'The current password is not right.',
        type: 'WrongPassword',
        code: 10,
      });
    const problem = passwordProblem(next, viewer.user.email);
    if (problem) throw badRequest(problem);
    this.users.setPassword(viewer.user.id, await hashPassword(next, this.cost));
    return this.startSession(viewer.user.id);
  }

  /** Sets a password directly (the users command); ends the user's sessions. */
  async setPassword(userId: string, password: string, email: string): Promise<void> {
    const problem = passwordProblem(password, email);
    if (problem) throw badRequest(problem);
    this.users.setPassword(userId, await hashPassword(password, this.cost));
  }
}

const linkGone = (what: string) =>
  new ApiError(410, {
    message: `This ${what} link has been used or has expired: ask an owner for a new one.`,
    type: 'LinkExpired',
    code: 190,
  });
