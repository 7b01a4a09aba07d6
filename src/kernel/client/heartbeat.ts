// The kernel client's heartbeat: pings the worker and declares an idle kernel that stops answering dead.

/** What the heartbeat asks of the client each period. */
export interface HeartbeatProbe {
  /** False once this worker was replaced or has crashed: the beat then does nothing. */
  current(): boolean;
  /** Only an idle, started kernel is judged: a busy one may legitimately be deaf (a synchronous training loop). */
  isIdle(): boolean;
  /** Date.now() when the worker last said anything. */
  lastHeard(): number;
  ping(seq: number): void;
  /** Called once when the kernel is judged dead; the heartbeat stops itself. */
  dead(): void;
}

/**
 * Pings every `periodMs`; an idle kernel with a ping unanswered for 3 periods is dead. Judged by an unanswered ping,
 * not by time since the last message: a background tab's timers may not fire for a minute, and that silence is the
 * page's, not the worker's.
 */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | null = null;

  start(periodMs: number, probe: HeartbeatProbe): void {
    this.stop();
    if (periodMs <= 0) return;
    let unansweredSince: number | null = null;
    let seq = 0;
    this.timer = setInterval(() => {
      if (!probe.current()) return;
      const now = Date.now();
      if (unansweredSince !== null && probe.lastHeard() >= unansweredSince) unansweredSince = null;
      if (!probe.isIdle()) {
        unansweredSince = null; // silence only counts while idle
      } else if (unansweredSince !== null && now - unansweredSince > 3 * periodMs) {
        this.stop();
        probe.dead();
        return;
      }
      unansweredSince ??= now;
      probe.ping(++seq);
    }, periodMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
