// The automatic loss chart: keeps each backward()'s loss on the device, reads them in one batch every ~100 ms.
import type { MetricPoint } from "./protocol";

/** The slice of core's Tensor this needs: `root.detach().keep()`, later `dispose()`. */
export interface LossRoot<K extends { dispose(): void }> {
  detach(): { keep(): K };
}

export interface LossTrackerDeps<K extends { dispose(): void }> {
  /** One batched device read of scalars (core/hooks `readScalars`). */
  readScalars(ts: K[]): number[];
  /** Where points go (the metrics batcher). */
  emit(points: MetricPoint[]): void;
  /** A failed read stops the chart for the run; the training itself goes on. */
  onError(e: unknown): void;
  now?: () => number;
  intervalMs?: number;
}

/**
 * Counts backward() calls per run (the x axis) and never syncs per step: losses are kept as tensors and read
 * together when a later loss arrives ≥ intervalMs after the last read, or when the run ends.
 */
export class LossTracker<K extends { dispose(): void }> {
  private pending: Array<{ step: number; t: K }> = [];
  private step = 0;
  private active = false;
  private lastRead = 0;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(private readonly deps: LossTrackerDeps<K>) {
    this.now = deps.now ?? (() => Date.now());
    this.intervalMs = deps.intervalMs ?? 100;
  }

  /** A run starts: steps count from 1 again. */
  begin(): void {
    this.discard();
    this.step = 0;
    this.active = true;
    this.lastRead = this.now();
  }

  /** The user logs their own "loss": the automatic series stops for this run so two series don't collide. */
  stop(): void {
    this.discard();
    this.active = false;
  }

  /** The core/hooks `onBackward` listener. */
  onBackward(root: LossRoot<K>): void {
    if (!this.active) return;
    this.step += 1;
    this.pending.push({ step: this.step, t: root.detach().keep() });
    if (this.now() - this.lastRead < this.intervalMs) return;
    try {
      this.drain();
    } catch (e) {
      this.stop();
      this.deps.onError(e);
    }
  }

  /** Reads every pending loss at once and emits the points (end of a run, or on the interval). */
  drain(): void {
    this.lastRead = this.now();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      const values = this.deps.readScalars(batch.map((p) => p.t));
      this.deps.emit(batch.map((p, i) => ({ name: "loss", axis: "step", step: p.step, value: values[i] })));
    } finally {
      for (const p of batch) p.t.dispose();
    }
  }

  /** The run ends: read what is left, then stop listening until the next run. */
  end(): void {
    try {
      if (this.active) this.drain();
    } finally {
      this.discard();
      this.active = false;
    }
  }

  private discard(): void {
    for (const p of this.pending) p.t.dispose();
    this.pending = [];
  }
}
