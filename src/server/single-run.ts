import type { Redactor } from './redact';

/**
 * A background job's runs, one at a time: asking while one runs joins it. A failure is logged as
 * one redacted line and the run resolves undefined; the next tick tries again.
 */
export class SingleRun<T> {
  private running: Promise<T | undefined> | undefined;

  constructor(
    private readonly event: string,
    private readonly work: () => Promise<T>,
    private readonly log: (line: string) => void,
    private readonly redact: Redactor,
  ) {}

  run(): Promise<T | undefined> {
    if (this.running) return this.running;
    const run = this.work()
      .catch((error: unknown) => {
        this.log(
          JSON.stringify({ event: this.event, error: this.redact(String(error)).slice(0, 300) }),
        );
        return undefined;
      })
      .finally(() => {
        this.running = undefined;
      });
    this.running = run;
    return run;
  }

  /** The run in progress, if any (stop() waits for it). */
  get current(): Promise<T | undefined> | undefined {
    return this.running;
  }
}
