// Requests to the kernel that wait for one reply by id (widgets, inspector, weights); a replaced worker settles them all.

export class PendingReplies<T> {
  private readonly waits = new Map<string, (value: T) => void>();

  /** A promise for the reply to `requestId`. */
  wait(requestId: string): Promise<T> {
    return new Promise((resolve) => this.waits.set(requestId, resolve));
  }

  /** Delivers the reply to `requestId`; an unknown or already answered id is ignored (a stale worker's reply). */
  answer(requestId: string, value: T): void {
    this.waits.get(requestId)?.(value);
    this.waits.delete(requestId);
  }

  /** Settles every open request with `value` (the worker that would answer is gone). */
  settleAll(value: T): void {
    for (const resolve of this.waits.values()) resolve(value);
    this.waits.clear();
  }
}
