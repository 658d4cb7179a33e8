import { type IsoDay, pacificDayOf } from '../../graph/pacific-days';
import { type AccountModel, buildAccountModel, type DemoMedia } from './account-model';
import { CONNECTABLE_ACCOUNTS, DEMO_ACCOUNTS, type DemoAccountProfile } from './demo-accounts';
import { SeededNoise } from './random';

export const DEFAULT_DEMO_SEED = 20_180_111;

/** Collaborative posts (several accounts named as authors) exist since this day. */
export const COLLABS_SINCE: IsoDay = '2021-10-01';
const COLLAB_SHARE = 0.04;
const COLLAB_ACCEPTED_SHARE = 0.85;

/** Another demo account invited as a collaborator on a post, and whether it accepted. */
export interface Collaboration {
  accountId: string;
  accepted: boolean;
}

/**
 * The demo world: accounts, their media and stories, and every daily value, derived from a seed.
 * Models are built once per Pacific day and reused until the day changes.
 */
export class DemoData {
  readonly noise: SeededNoise;
  private readonly models = new Map<string, AccountModel>();
  private readonly mediaIndex = new Map<string, { day: IsoDay; index: Map<string, DemoMedia> }>();
  private readonly collabs = new Map<string, { day: IsoDay; media: DemoMedia[] }>();

  constructor(
    readonly seed: number = DEFAULT_DEMO_SEED,
    readonly accounts: readonly DemoAccountProfile[] = DEMO_ACCOUNTS,
    /** Accounts only a connected person's token reaches (not listed for the configured token). */
    readonly connectable: readonly DemoAccountProfile[] = CONNECTABLE_ACCOUNTS,
  ) {
    this.noise = new SeededNoise(seed);
  }

  findAccount(id: string): DemoAccountProfile | undefined {
    return this.accounts.find((a) => a.id === id) ?? this.connectable.find((a) => a.id === id);
  }

  /** The account's history up to the Pacific day that `now` falls in. */
  model(accountId: string, now: Date): AccountModel | undefined {
    const profile = this.findAccount(accountId);
    if (!profile) return undefined;
    const today = pacificDayOf(now);
    const cached = this.models.get(accountId);
    if (cached && cached.lastDay === today) return cached;
    const model = buildAccountModel(this.noise, profile, today);
    this.models.set(accountId, model);
    return model;
  }

  /** Media (posts, reels and stories) published by `now`, newest first. */
  publishedMedia(accountId: string, now: Date): DemoMedia[] {
    const model = this.model(accountId, now);
    if (!model) return [];
    return model.media.filter((m) => m.timestamp.getTime() <= now.getTime());
  }

  /** The demo account a post was made with, if any: a pure function of the post and the seed. */
  collaborationOf(media: DemoMedia): Collaboration | undefined {
    if (media.productType === 'STORY' || media.day < COLLABS_SINCE) return undefined;
    if (this.noise.unit(media.id, 'collab') >= COLLAB_SHARE) return undefined;
    const others = this.accounts.filter((a) => a.id !== media.accountId);
    const partner = this.noise.pick(others, media.id, 'collab-with');
    if (!partner) return undefined;
    return {
      accountId: partner.id,
      accepted: this.noise.unit(media.id, 'collab-accepted') < COLLAB_ACCEPTED_SHARE,
    };
  }

  /**
   * Posts of other accounts on which this account is an accepted collaborator, published by `now`,
   * newest first (`/{ig-user-id}/collaborative_media`).
   */
  collaborativeMedia(accountId: string, now: Date): DemoMedia[] {
    if (!this.findAccount(accountId)) return [];
    const today = pacificDayOf(now);
    let entry = this.collabs.get(accountId);
    if (!entry || entry.day !== today) {
      const media = this.accounts
        .filter((a) => a.id !== accountId)
        .flatMap((a) => this.model(a.id, now)?.media ?? [])
        .filter((m) => {
          const collab = this.collaborationOf(m);
          return collab?.accountId === accountId && collab.accepted;
        })
        .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());
      entry = { day: today, media };
      this.collabs.set(accountId, entry);
    }
    return entry.media.filter((m) => m.timestamp.getTime() <= now.getTime());
  }

  /** Stories still live: published within the last 24 hours. */
  liveStories(accountId: string, now: Date): DemoMedia[] {
    const model = this.model(accountId, now);
    if (!model) return [];
    const t = now.getTime();
    return model.stories.filter(
      (s) => s.timestamp.getTime() <= t && t - s.timestamp.getTime() < 86_400_000,
    );
  }

  /**
   * A published media or live story by id, or the carousel child it is. `expiredStories` finds
   * stories past their 24 hours too (the image files outlive the story, as on Instagram's CDN).
   */
  findMedia(
    id: string,
    now: Date,
    options: { expiredStories?: boolean } = {},
  ): { media: DemoMedia; child: boolean } | undefined {
    const today = pacificDayOf(now);
    for (const account of [...this.accounts, ...this.connectable]) {
      let entry = this.mediaIndex.get(account.id);
      if (!entry || entry.day !== today) {
        const model = this.model(account.id, now);
        const index = new Map<string, DemoMedia>();
        for (const m of [...(model?.media ?? []), ...(model?.stories ?? [])]) {
          index.set(m.id, m);
          for (const child of m.childIds) index.set(child, m);
        }
        entry = { day: today, index };
        this.mediaIndex.set(account.id, entry);
      }
      const media = entry.index.get(id);
      if (!media || media.timestamp.getTime() > now.getTime()) continue;
      if (
        media.productType === 'STORY' &&
        !options.expiredStories &&
        now.getTime() - media.timestamp.getTime() >= 86_400_000
      )
        return undefined;
      return { media, child: media.id !== id };
    }
    return undefined;
  }
}
