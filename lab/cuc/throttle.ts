/**
 * CUPI's documented throttle (Unity Connection REST API FAQ): only a few
 * requests are processed at once (3 in the older text, 5 in the newer); the
 * rest wait in a queue, and a request that waits too long is answered with
 * HTTP 503 "server busy". One throttle per node.
 */
interface Waiter {
  grant: (granted: boolean) => void;
  timer: NodeJS.Timeout;
}

export interface SlotRequest {
  /** true when the request may be processed, false when its wait timed out. */
  readonly granted: Promise<boolean>;
  /** Give up waiting (the client went away); a no-op once granted or timed out. */
  cancel(): void;
}

export class RequestThrottle {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private maxConcurrent: number,
    private queueTimeoutMs: number,
  ) {}

  get activeCount(): number {
    return this.active;
  }

  get queuedCount(): number {
    return this.waiting.length;
  }

  setLimits(maxConcurrent: number, queueTimeoutMs: number): void {
    this.maxConcurrent = Math.max(1, Math.floor(maxConcurrent));
    this.queueTimeoutMs = Math.max(0, queueTimeoutMs);
    this.pump();
  }

  /** Ask for a processing slot; call release() exactly once after a granted slot is done. */
  acquire(): SlotRequest {
    if (this.active < this.maxConcurrent && this.waiting.length === 0) {
      this.active++;
      return { granted: Promise.resolve(true), cancel: () => {} };
    }
    let waiter!: Waiter;
    const granted = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.removeWaiter(waiter);
        resolve(false);
      }, this.queueTimeoutMs);
      waiter = { grant: resolve, timer };
    });
    this.waiting.push(waiter);
    return {
      granted,
      cancel: () => {
        if (this.removeWaiter(waiter)) {
          clearTimeout(waiter.timer);
          waiter.grant(false);
        }
      },
    };
  }

  release(): void {
    this.active = Math.max(0, this.active - 1);
    this.pump();
  }

  /** Drop every queued request (node stopped): they are answered as timed out. */
  clear(): void {
    for (const waiter of this.waiting.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.grant(false);
    }
  }

  private pump(): void {
    while (this.active < this.maxConcurrent && this.waiting.length > 0) {
      const waiter = this.waiting.shift()!;
      clearTimeout(waiter.timer);
      this.active++;
      waiter.grant(true);
    }
  }

  private removeWaiter(waiter: Waiter): boolean {
    const at = this.waiting.indexOf(waiter);
    if (at < 0) return false;
    this.waiting.splice(at, 1);
    return true;
  }
}
