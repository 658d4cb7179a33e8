import { createHmac } from 'node:crypto';
import type { DemoMedia } from './demo-data/account-model';
import { splitInteger } from './demo-data/random';
import type { FakeGraph } from './fake-graph';

const STORY_LIFETIME_MS = 24 * 3_600_000;

export interface StoryWebhookOptions {
  /** Where to POST, e.g. `http://127.0.0.1:3000/webhooks/instagram`. */
  url: string;
  /** Signs each body (X-Hub-Signature-256), as Meta does with the app secret. */
  appSecret: string;
  /** How often to look for stories that expired (default one minute). */
  intervalMs?: number;
  /** Meta sends story_insights about an hour after a story expires (default 1 h). */
  delayMs?: number;
  /** On start, also send for stories whose notification fell due this long before (default 0). */
  lookbackMs?: number;
  /** Sends that fail are tried again at the next checks, this many times in all (default 5). */
  attempts?: number;
}

/** Meta's story_insights value: the pre-v18 story metrics, counts under 5 sent as -1. */
export interface StoryInsightsValue {
  media_id: string;
  impressions: number;
  reach: number;
  taps_forward: number;
  taps_back: number;
  exits: number;
  replies: number;
}

/** The X-Hub-Signature-256 header for a body. */
export function signWebhookBody(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** A story's final numbers as the story_insights webhook gives them. */
export function storyInsightsValue(story: DemoMedia): StoryInsightsValue {
  const t = story.lifetime;
  const [tapForward = 0, tapBack = 0, tapExit = 0] = splitInteger(
    t.navigation,
    story.navigationWeights,
  );
  const privacy = (n: number) => (n < 5 ? -1 : n);
  return {
    media_id: story.id,
    impressions: privacy(t.views),
    reach: privacy(Math.min(t.reach, t.views)),
    taps_forward: privacy(tapForward),
    taps_back: privacy(tapBack),
    exits: privacy(tapExit),
    replies: privacy(t.replies),
  };
}

/** The whole notification for one story, as Meta posts it. */
export function storyInsightsNotification(story: DemoMedia, sentAt: Date) {
  return {
    object: 'instagram',
    entry: [
      {
        id: story.accountId,
        time: Math.floor(sentAt.getTime() / 1000),
        changes: [{ field: 'story_insights', value: storyInsightsValue(story) }],
      },
    ],
  };
}

/**
 * The fake's side of Meta's `story_insights` webhook: when a demo story has expired (and Meta's
 * delay has passed), it posts the story's final numbers, signed with the app secret. The content is
 * deterministic: the same story gives the same body. The timer never keeps the process alive.
 */
export class StoryWebhookSender {
  private timer: NodeJS.Timeout | undefined;
  private lastCheck: number;
  private readonly pending = new Map<string, { story: DemoMedia; due: number; tries: number }>();
  private checking: Promise<{ sent: number; failed: number }> | undefined;
  private stopped = false;
  readonly sent: string[] = [];

  constructor(
    private readonly fake: FakeGraph,
    private readonly options: StoryWebhookOptions,
  ) {
    this.lastCheck = fake.now().getTime() - (options.lookbackMs ?? 0);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? 60_000);
    this.timer.unref();
    void this.check();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
  }

  /** Sends what fell due since the last check, after any check under way; never throws. */
  check(): Promise<{ sent: number; failed: number }> {
    const run = (this.checking ?? Promise.resolve())
      .then(() => this.checkNow())
      .catch(() => ({ sent: 0, failed: 0 }));
    this.checking = run;
    void run.then(() => {
      if (this.checking === run) this.checking = undefined;
    });
    return run;
  }

  private async checkNow(): Promise<{ sent: number; failed: number }> {
    const now = this.fake.now().getTime();
    const delay = this.options.delayMs ?? 3_600_000;
    for (const account of this.fake.data.accounts) {
      for (const story of this.fake.data.model(account.id, new Date(now))?.stories ?? []) {
        const due = story.timestamp.getTime() + STORY_LIFETIME_MS + delay;
        if (due > this.lastCheck && due <= now && !this.pending.has(story.id))
          this.pending.set(story.id, { story, due, tries: 0 });
      }
    }
    this.lastCheck = now;
    let sent = 0;
    let failed = 0;
    const queue = [...this.pending.values()].sort(
      (a, b) => a.due - b.due || a.story.id.localeCompare(b.story.id),
    );
    for (const item of queue) {
      if (this.stopped) break;
      const body = JSON.stringify(storyInsightsNotification(item.story, new Date(item.due)));
      const ok = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Hub-Signature-256': signWebhookBody(body, this.options.appSecret),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      }).then(
        async (response) => {
          await response.body?.cancel();
          return response.ok;
        },
        () => false,
      );
      item.tries++;
      if (ok) {
        sent++;
        this.sent.push(item.story.id);
        this.pending.delete(item.story.id);
      } else {
        failed++;
        if (item.tries >= (this.options.attempts ?? 5)) this.pending.delete(item.story.id);
      }
    }
    return { sent, failed };
  }
}
