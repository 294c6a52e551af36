/**
 * Counting semaphores for capping concurrent work in this process (see server/limits.ts for the
 * numbers and db/client.ts for the pool's gate). Pure: no I/O, no timers except a wait's deadline.
 */

/** Too much of some work is running: the caller answers 429 (or 503 for a full server) with Retry-After. */
export class TooBusyError extends Error {
  constructor(
    message: string,
    public readonly status: 429 | 503 = 429,
    public readonly retryAfterSeconds = 5,
    public readonly code: "too_many_requests" | "busy" = status === 429 ? "too_many_requests" : "busy",
  ) {
    super(message);
  }
}

export class Semaphore {
  private used = 0;
  private readonly waiting: { grant: () => void; timer?: ReturnType<typeof setTimeout> }[] = [];

  constructor(public readonly size: number) {}

  get inUse(): number {
    return this.used;
  }

  /** A slot now, or null when all are taken (never waits). */
  tryAcquire(): (() => void) | null {
    if (this.used >= this.size) return null;
    this.used++;
    return this.releaser();
  }

  /** A slot, waiting in line (first come, first served) at most `maxWaitMs`; then `onTimeout()` is thrown. */
  acquire(maxWaitMs: number, onTimeout: () => Error): Promise<() => void> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const entry: { grant: () => void; timer?: ReturnType<typeof setTimeout> } = {
        grant: () => {
          clearTimeout(entry.timer);
          this.used++;
          resolve(this.releaser());
        },
      };
      entry.timer = setTimeout(() => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(onTimeout());
      }, maxWaitMs);
      this.waiting.push(entry);
    });
  }

  /** Runs `fn` holding a slot, waiting for one at most `maxWaitMs`. */
  async run<T>(maxWaitMs: number, onTimeout: () => Error, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(maxWaitMs, onTimeout);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.used--;
      this.waiting.shift()?.grant();
    };
  }
}

/** One semaphore per key (a project), made on first use and forgotten when idle. */
export class KeyedSemaphore {
  private readonly byKey = new Map<string, Semaphore>();

  constructor(public readonly size: number) {}

  /** A slot for `key` now, or null when the key already holds `size` of them. */
  tryAcquire(key: string): (() => void) | null {
    let s = this.byKey.get(key);
    if (!s) this.byKey.set(key, (s = new Semaphore(this.size)));
    const release = s.tryAcquire();
    if (!release) return null;
    return () => {
      release();
      if (s.inUse === 0 && this.byKey.get(key) === s) this.byKey.delete(key);
    };
  }

  inUse(key: string): number {
    return this.byKey.get(key)?.inUse ?? 0;
  }
}
