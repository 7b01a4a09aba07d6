// The automatic loss chart: keeps each backward()'s loss on the device, reads them in one batch every ~100 ms.
import type { MetricPoint } from "../protocol";

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

  /** backward() calls counted so far in this run (the x of the latest loss). */
  get steps(): number {
    return this.step;
  }

  /** A run starts: steps count from 1 again. */
  begin(): void {
    this.discard();
    this.step = 0;
    this.active = true;
    this.lastRead = this.now();
  }

  /** A resumed run: automatic loss steps continue after the saved curve's last one. */
  continueFrom(step: number): void {
    this.step = Math.max(this.step, step);
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

/**
 * The automatic per-epoch curve: the mean loss of each training pass (a top-level DataLoader pass that ran
 * backward()). Losses arrive from the tracker in step order, possibly long after their pass ended, so means are
 * prefix-sum differences, sent once every loss of the pass has been read. No extra device reads. The running pass
 * sends its mean so far as a `partial` point (at most every `partialEveryMs`), so the per-epoch chart moves during
 * the first epoch; its final mean replaces it (same step). A pass cut short stays `partial`.
 */
export class EpochLoss {
  /** cum[i] = sum of the losses of steps base+1 … base+i. */
  private cum = [0];
  private base = 0;
  private pending: Array<{ epoch: number; from: number; to: number; partial: boolean }> = [];
  /** The top-level pass under way: its epoch and first loss step. */
  private running: { epoch: number; from: number } | undefined;
  private lastPartial = -Infinity;
  /** A resumed run numbers its passes after the saved curve's last epoch. */
  private offset = 0;
  private readonly now: () => number;
  private readonly partialEveryMs: number;

  constructor(
    private readonly emit: (points: MetricPoint[]) => void,
    opts: { now?: () => number; partialEveryMs?: number } = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
    this.partialEveryMs = opts.partialEveryMs ?? 1000;
  }

  begin(): void {
    this.cum = [0];
    this.base = 0;
    this.pending = [];
    this.running = undefined;
    this.lastPartial = -Infinity;
    this.offset = 0;
  }

  /** A resumed run: pass 1 of this run is epoch `lastEpoch + 1` of the curve. */
  continueFrom(lastEpoch: number): void {
    this.offset = Math.max(this.offset, lastEpoch);
  }

  /** Loss points as the tracker emits them. */
  onPoints(points: readonly MetricPoint[]): void {
    for (const p of points) {
      if (p.name !== "loss" || p.axis !== "step") continue;
      if (this.cum.length === 1) this.base = p.step - 1;
      if (p.step === this.base + this.cum.length) this.cum.push(this.cum[this.cum.length - 1] + p.value);
    }
    this.flush();
  }

  /** A top-level DataLoader pass started; its losses will be steps `from` onwards. */
  passStarted(epoch: number, from: number): void {
    this.running = { epoch: epoch + this.offset, from };
    this.lastPartial = -Infinity;
  }

  /**
   * A top-level DataLoader pass ended; `from`…`to` are the loss steps it ran (none when to < from). `completed`
   * false: it was cut short (interrupt, error, break), so its mean is a partial epoch's.
   */
  passEnded(epoch: number, from: number, to: number, completed = true): void {
    if (this.running?.from === from) this.running = undefined;
    if (to >= from) this.pending.push({ epoch: epoch + this.offset, from, to, partial: !completed });
    this.flush();
  }

  private mean(from: number, to: number): number {
    return (this.cum[to - this.base] - this.cum[from - 1 - this.base]) / (to - from + 1);
  }

  private flush(): void {
    const known = this.base + this.cum.length - 1;
    const ready = this.pending.filter((e) => e.to <= known && e.from > this.base);
    const points: MetricPoint[] = ready.map((e) => {
      const p: MetricPoint = { name: EPOCH_LOSS, axis: "epoch", step: e.epoch, value: this.mean(e.from, e.to) };
      if (e.partial) p.partial = true;
      return p;
    });
    if (ready.length > 0) this.pending = this.pending.filter((e) => !ready.includes(e));
    const run = this.running;
    if (run && known >= run.from && run.from > this.base && this.now() - this.lastPartial >= this.partialEveryMs) {
      this.lastPartial = this.now();
      points.push({ name: EPOCH_LOSS, axis: "epoch", step: run.epoch, value: this.mean(run.from, known), partial: true });
    }
    if (points.length > 0) this.emit(points);
  }
}

/** The series name of the automatic per-epoch loss. */
export const EPOCH_LOSS = "loss (epoch mean)";
