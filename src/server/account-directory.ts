import { LRUCache } from 'lru-cache';
import type { FacebookPage, ListResponse } from '../graph/graph-types';
import type { LoginType } from '../graph/metric-catalogue';
import { ApiError, forbidden, notFound } from './api-errors';
import { type ConnectedRoute, reconnectNeeded } from './connect/connections';
import type { GraphClient, UpstreamMeter } from './graph-client';
import type { ResponseCache } from './response-cache';
import { type DirectoryStore, tokenFingerprint } from './store/directory-store';

const DISCOVERY_KEY = 'directory:accounts';
const DISCOVERY_TTL_MS = 10 * 60_000;
/** A remembered discovery older than this is not served at start: discovery is awaited as usual. */
const REMEMBERED_DISCOVERY_MS = 24 * 3_600_000;
const OWNER_TTL_MS = 24 * 3_600_000;
const MAX_DISCOVERY_PAGES = 20;

/** Where the directory keeps what it found across restarts (the store, when there is one). */
export interface DirectoryMemory {
  store: DirectoryStore;
  now: () => Date;
}

export interface MediaOwner {
  id: string;
  accountId: string;
  productType: string;
  mediaType: string;
  timestamp: string;
  /** Allowed accounts that are accepted collaborators on it (seen on their collaborative_media). */
  collaborators?: string[];
}

/**
 * Which Instagram accounts this server may show, which token reads each, and which account a media
 * belongs to. Nothing outside these accounts and their media is ever asked of Instagram for a browser.
 */
export class AccountDirectory {
  private readonly owners = new Map<string, MediaOwner>();
  /** Ids that are not media of an allowed account, so repeated probes cost no upstream call. */
  private readonly refused = new LRUCache<string, ApiError>({ max: 10_000, ttl: OWNER_TTL_MS });
  private fixed: ReadonlyMap<string, string> | undefined;
  private derived: { from: unknown; accounts: ReadonlyMap<string, string> } | undefined;
  /**
   * The discovery the store remembers for the tokens configured now, served from the start until
   * the background refresh answers; null when there is none (or no longer).
   */
  private recalled: [string, string][] | null | undefined;
  private refreshing: Promise<void> | undefined;
  /** Ids the store knows to be Instagram accounts (not media), whether shown now or not. */
  private knownAccounts: ReadonlySet<string> | undefined;

  constructor(
    private readonly client: GraphClient,
    private readonly cache: ResponseCache,
    private readonly tokens: readonly string[],
    private readonly allowList: readonly string[] | undefined,
    /** Accounts people connected in the app (their token, or why they need reconnecting). */
    private readonly connected: () => ReadonlyMap<string, ConnectedRoute> = () => new Map(),
    /** Without it (no storage), nothing outlives the process. */
    private readonly memory?: DirectoryMemory,
  ) {}

  /**
   * Allowed account ids, each with the token that reads it, in a stable order: the configured
   * tokens' accounts, then connected ones. A connected token is preferred while it works; an
   * account whose connection needs reconnecting falls back to a configured token, or stays listed
   * with no token (its requests answer "Reconnect needed" without asking Instagram).
   */
  async accounts(meter?: UpstreamMeter): Promise<ReadonlyMap<string, string>> {
    const configured = await this.configuredAccounts(meter);
    const connected = this.connected();
    if (connected.size === 0) return configured;
    const merged = new Map(configured);
    for (const [id, route] of connected) {
      if (route.ok) merged.set(id, route.token);
      else if (!merged.has(id)) merged.set(id, '');
    }
    return merged;
  }

  /** The connection problem of an account no configured token reaches, if it has one. */
  async problemFor(
    accountId: string,
    meter?: UpstreamMeter,
  ): Promise<Extract<ConnectedRoute, { ok: false }> | undefined> {
    const route = this.connected().get(accountId);
    if (!route || route.ok) return undefined;
    return (await this.configuredAccounts(meter)).has(accountId) ? undefined : route;
  }

  /** 'instagram' for an account read through Instagram Login (its node has fewer fields). */
  loginOf(accountId: string): LoginType {
    const route = this.connected().get(accountId);
    return route?.ok ? route.login : 'facebook';
  }

  /** Forgets the media of an account (it was disconnected); returns their ids. */
  forget(accountId: string): string[] {
    const ids: string[] = [];
    for (const [id, owner] of this.owners)
      if (owner.accountId === accountId) {
        ids.push(id);
        this.owners.delete(id);
      }
    this.keep((store) => store.forgetMediaOf(accountId));
    return ids;
  }

  /** The configured tokens' accounts (listed as "from configuration"). */
  async configuredAccounts(meter?: UpstreamMeter): Promise<ReadonlyMap<string, string>> {
    if (this.tokens.length === 0) return new Map();
    if (this.allowList && this.tokens.length === 1) {
      const token = this.tokens[0] as string;
      this.fixed ??= new Map(this.allowList.map((id) => [id, token]));
      return this.fixed;
    }
    const value =
      this.rememberedAccounts() ??
      (await this.cache.getOrFetch(DISCOVERY_KEY, DISCOVERY_TTL_MS, () => this.discover(meter)))
        .value;
    // Asked on every request: worked out once per discovery.
    if (this.derived?.from === value) return this.derived.accounts;
    const found = new Map(value);
    const accounts = this.allowList
      ? new Map(
          this.allowList.flatMap((id) =>
            found.has(id) ? [[id, found.get(id) as string] as const] : [],
          ),
        )
      : found;
    this.derived = { from: value, accounts };
    return accounts;
  }

  /**
   * What an earlier run found, while the first discovery of this one is under way: the first
   * requests after a restart do not wait for it. Looked up once; undefined when there is nothing
   * recent for every configured token, and once the refresh has answered (or failed: requests
   * then wait for discovery, and see its errors, as without a store).
   */
  private rememberedAccounts(): [string, string][] | undefined {
    if (this.recalled === undefined) {
      // Read before the refresh replaces them: the accounts of tokens no longer configured too.
      this.knownAccountIds();
      this.recalled = this.recall() ?? null;
    }
    if (!this.recalled) return undefined;
    this.refreshing ??= this.cache
      .getOrFetch(DISCOVERY_KEY, DISCOVERY_TTL_MS, () => this.discover())
      .then(
        () => this.stopRecalling(),
        () => this.stopRecalling(),
      );
    return this.recalled;
  }

  private stopRecalling(): void {
    this.recalled = null;
  }

  private recall(): [string, string][] | undefined {
    if (!this.memory) return undefined;
    const fingerprints = this.tokens.map(tokenFingerprint);
    let found: ReturnType<DirectoryStore['discoveries']>;
    try {
      found = this.memory.store.discoveries(fingerprints);
    } catch {
      return undefined;
    }
    const now = this.memory.now().getTime();
    const byToken: [string, readonly string[]][] = [];
    for (const [index, token] of this.tokens.entries()) {
      // Only what is remembered of tokens configured now; a token added since means waiting.
      const remembered = found.get(fingerprints[index] as (typeof fingerprints)[number]);
      if (!remembered || now - remembered.foundAt >= REMEMBERED_DISCOVERY_MS) return undefined;
      byToken.push([token, remembered.accounts]);
    }
    return firstTokenOfEach(byToken);
  }

  private async discover(meter?: UpstreamMeter): Promise<[string, string][]> {
    const found = new Map<string, string[]>();
    let rejected: ApiError | undefined;
    for (const [index, token] of this.tokens.entries()) {
      try {
        found.set(token, await this.discoverWith(token, index, meter));
      } catch (error) {
        // One expired token of several should not hide the accounts the others can read.
        if (!(error instanceof ApiError) || error.status !== 401 || this.tokens.length === 1)
          throw error;
        rejected = error;
      }
    }
    const result = firstTokenOfEach(found);
    if (result.length === 0 && rejected) throw rejected;
    const foundAt = this.memory?.now().getTime() ?? 0;
    this.keep((store) =>
      store.saveDiscovery(
        new Map([...found].map(([token, ids]) => [tokenFingerprint(token), ids])),
        foundAt,
      ),
    );
    return result;
  }

  /** The Instagram accounts one token's Pages have, in Graph's order. */
  private async discoverWith(token: string, index: number, meter?: UpstreamMeter) {
    const result: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_DISCOVERY_PAGES; page++) {
      const body = await this.client.get<ListResponse<FacebookPage>>({
        path: 'me/accounts',
        params: {
          fields: 'id,name,instagram_business_account{id,username}',
          limit: '100',
          ...(after ? { after } : {}),
        },
        token,
        accountKey: `*token-${index}`,
        ...(meter ? { meter } : {}),
      });
      for (const p of body.data) {
        const id = p.instagram_business_account?.id;
        if (id && !result.includes(id)) result.push(id);
      }
      after = body.paging?.next ? body.paging.cursors?.after : undefined;
      if (!after) break;
    }
    return result;
  }

  /**
   * Writes to the store, if there is one. What is remembered only spares a later start some
   * calls, and a remembered owner is checked against the accounts shown: a failed write costs a
   * request nothing.
   */
  private keep(write: (store: DirectoryStore) => void): void {
    if (!this.memory) return;
    try {
      write(this.memory.store);
    } catch {
      // Nothing to do: the next discovery or listing writes again.
    }
  }

  /** The ids the discovery remembered as this process started found as accounts. */
  private knownAccountIds(): ReadonlySet<string> {
    if (!this.knownAccounts) {
      let ids: string[] = [];
      try {
        ids = this.memory?.store.rememberedAccountIds() ?? [];
      } catch {
        // None known: such an id is looked up as today.
      }
      this.knownAccounts = new Set(ids);
    }
    return this.knownAccounts;
  }

  /** A media owner an earlier run (or this one) stored; undefined without a store. */
  private recallOwner(mediaId: string): MediaOwner | undefined {
    if (!this.memory) return undefined;
    try {
      return this.memory.store.mediaOwner(mediaId);
    } catch {
      return undefined;
    }
  }

  /**
   * The newest posts the store remembers of an allowed account (the caller has checked it is
   * shown to the viewer), newest first; none without a store. What a first page of its media
   * will most likely list, before Instagram has said so.
   */
  rememberedNewestMedia(accountId: string, limit: number): MediaOwner[] {
    if (!this.memory) return [];
    try {
      return this.memory.store.newestMediaOf(accountId, limit);
    } catch {
      return [];
    }
  }

  /** The token for an allowed account; 403 for any other id. */
  async tokenFor(accountId: string, meter?: UpstreamMeter): Promise<string> {
    const problem = await this.problemFor(accountId, meter);
    if (problem) throw reconnectNeeded([problem.username], problem.problem);
    const token = (await this.accounts(meter)).get(accountId);
    if (!token)
      throw forbidden(
        `Account ${accountId} is not one of the accounts this server shows. Open /api/accounts for the list.`,
      );
    return token;
  }

  async isAccount(id: string, meter?: UpstreamMeter): Promise<boolean> {
    return (await this.accounts(meter)).has(id);
  }

  /**
   * Records media seen in an allowed account's listing, so opening them costs no lookup. With
   * `collaborations`, the listing is the account's collaborative_media: other accounts' posts, which
   * the server reads through the collaborator unless their owner is an account it shows too.
   */
  remember(
    accountId: string,
    items: readonly {
      id: string;
      media_product_type?: string;
      media_type?: string;
      timestamp?: string;
    }[],
    options: { collaborations?: boolean } = {},
  ): void {
    const changed: MediaOwner[] = [];
    for (const item of items) {
      // After a restart the store knows what this process has not seen yet.
      const known = this.owners.get(item.id) ?? this.recallOwner(item.id);
      if (known && !item.media_product_type) continue;
      const collaborators = options.collaborations
        ? [...new Set([...(known?.collaborators ?? []), accountId])]
        : known?.collaborators;
      const owner: MediaOwner = {
        id: item.id,
        // The owner's own listing says whose it is; a collaborator's does not change that.
        accountId: options.collaborations && known ? known.accountId : accountId,
        productType: item.media_product_type ?? known?.productType ?? '',
        mediaType: item.media_type ?? known?.mediaType ?? '',
        timestamp: item.timestamp ?? known?.timestamp ?? '',
        ...(collaborators ? { collaborators } : {}),
      };
      this.owners.set(item.id, owner);
      // A listing seen again (a collaboration search is, on every request) writes nothing.
      if (owner.productType && !sameOwner(owner, known)) changed.push(owner);
    }
    if (changed.length > 0) this.keep((store) => store.putMediaOwners(changed));
  }

  /** The allowed account a media belongs to; 403 if it belongs to another, 404 if Instagram has none. */
  async mediaOwner(mediaId: string, meter?: UpstreamMeter): Promise<MediaOwner> {
    const known = this.owners.get(mediaId);
    if (known?.productType) return known;
    const refused = this.refused.get(mediaId);
    if (refused) throw refused;
    // An account an earlier run served (a token removed since, say) is no media to look up.
    if (this.knownAccountIds().has(mediaId))
      throw forbidden(
        `Account ${mediaId} is not one of the accounts this server shows. Open /api/accounts for the list.`,
      );
    const stored = this.recallOwner(mediaId);
    if (stored?.productType) {
      // Remembered by an earlier run: good while its account is still one this server shows.
      if (!(await this.accounts(meter)).has(stored.accountId))
        throw forbidden(`Media ${mediaId} does not belong to an account this server shows.`);
      this.owners.set(mediaId, stored);
      return stored;
    }
    try {
      return await this.lookUpOwner(mediaId, meter);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 404))
        this.refused.set(mediaId, error);
      throw error;
    }
  }

  private async lookUpOwner(mediaId: string, meter?: UpstreamMeter): Promise<MediaOwner> {
    const accounts = await this.accounts(meter);
    const tokens = [...new Set(accounts.values())].filter(Boolean);
    let lastError: unknown;
    for (const token of tokens) {
      try {
        const { value } = await this.cache.getOrFetch(`owner:${mediaId}`, OWNER_TTL_MS, () =>
          this.client.get<{
            id: string;
            owner?: { id: string };
            media_product_type?: string;
            media_type?: string;
            timestamp?: string;
          }>({
            path: mediaId,
            params: { fields: 'id,media_product_type,media_type,timestamp,owner{id}' },
            token,
            accountKey: `*lookup`,
            ...(meter ? { meter } : {}),
          }),
        );
        const owner = value.owner?.id;
        if (!owner || !accounts.has(owner)) break;
        this.remember(owner, [value]);
        return this.owners.get(mediaId) as MediaOwner;
      } catch (error) {
        lastError = error;
        // A 400 means the id is not a media at all (an account of someone else, say).
        if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 400))
          throw error;
        if (error.status === 400) break;
      }
    }
    if (lastError instanceof ApiError && lastError.status === 404)
      throw notFound(
        `Nothing with id ${mediaId} among the accounts this server shows and their media. Open /api/accounts for the list.`,
      );
    throw forbidden(`Media ${mediaId} does not belong to an account this server shows.`);
  }
}

function sameOwner(a: MediaOwner, b: MediaOwner | undefined): boolean {
  return (
    b !== undefined &&
    a.accountId === b.accountId &&
    a.productType === b.productType &&
    a.mediaType === b.mediaType &&
    a.timestamp === b.timestamp &&
    (a.collaborators ?? []).join(',') === (b.collaborators ?? []).join(',')
  );
}

/** `[account id, token]` pairs in order: an account several tokens reach is read with the first. */
function firstTokenOfEach(
  byToken: Iterable<readonly [string, readonly string[]]>,
): [string, string][] {
  const result: [string, string][] = [];
  const seen = new Set<string>();
  for (const [token, ids] of byToken)
    for (const id of ids)
      if (!seen.has(id)) {
        seen.add(id);
        result.push([id, token]);
      }
  return result;
}
