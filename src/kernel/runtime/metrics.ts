// Batches small outputs (metric points, stream text) into at most ~10 messages a second: deltas, never history.
import type { LoopProgress } from "../protocol";

export interface BatcherClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: BatcherClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Collects items and hands them to `flush` at most once per `intervalMs`. A push checks the clock itself, because
 * a synchronous training loop in the worker never lets a timer fire; the timer only sends the trailing items
 * once the loop yields or ends. `flush()` sends what is pending now (end of a run).
 */
export class Batcher<T> {
  private pending: T[] = [];
  private lastFlush = -Infinity;
  private timer: unknown = undefined;

  constructor(
    private readonly onFlush: (items: T[]) => void,
    private readonly intervalMs = 100,
    private readonly clock: BatcherClock = realClock,
  ) {}

  push(...items: T[]): void {
    this.pending.push(...items);
    const wait = this.lastFlush + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else if (this.timer === undefined) this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    this.lastFlush = this.clock.now();
    this.onFlush(items);
  }

  /** Drops pending items (a new run starts) without sending them. */
  clear(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}

/** A piece of printed text, for the run that printed it. */
export interface StreamChunk {
  runId: string;
  name: "stdout" | "stderr";
  text: string;
}

/** Joins consecutive chunks of the same run and stream, keeping stdout/stderr order. */
export function mergeStreams(chunks: readonly StreamChunk[]): StreamChunk[] {
  const out: StreamChunk[] = [];
  for (const c of chunks) {
    const last = out[out.length - 1];
    if (last && last.name === c.name && last.runId === c.runId) last.text += c.text;
    else out.push({ ...c });
  }
  return out;
}

/** Groups points by run, in first-seen order: one `metrics` message per run per flush. */
export function groupByRun<T extends { runId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const g = groups.get(it.runId);
    if (g) g.push(it);
    else groups.set(it.runId, [it]);
  }
  return groups;
}

/** Keeps the latest snapshot per loop id, in first-seen order (what one message carries). */
export function latestLoops(loops: readonly LoopProgress[]): LoopProgress[] {
  const byId = new Map<string, LoopProgress>();
  for (const l of loops) byId.set(l.id, l);
  return [...byId.values()];
}
