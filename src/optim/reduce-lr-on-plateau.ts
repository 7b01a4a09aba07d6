// Mirrors torch.optim.lr_scheduler.ReduceLROnPlateau: lowers lr when a watched metric stops improving.
import { Tensor } from "../core";
import type { Optimizer } from "./optimizer";
import { SchedulerBase } from "./scheduler-base";

function fail(ok: boolean, msg: string): void {
  if (!ok) throw new RangeError(msg);
}

export interface ReduceLROnPlateauOptions {
  /** "min" (default: lower metric is better, e.g. loss) or "max" (e.g. accuracy). */
  mode?: "min" | "max";
  /** lr × factor on a plateau (default 0.1; must be < 1). */
  factor?: number;
  /** Bad epochs tolerated before reducing (default 10). */
  patience?: number;
  /** How much better counts as better (default 1e-4). */
  threshold?: number;
  /** "rel" (default) or "abs". */
  thresholdMode?: "rel" | "abs";
  /** Epochs to wait after a reduction (default 0). */
  cooldown?: number;
  /** Lower bound on lr, one for all groups or one per group (default 0). */
  minLr?: number | number[];
  /** Changes smaller than eps are skipped (default 1e-8). */
  eps?: number;
}

/**
 * Lowers lr when a metric stops improving: `const s = new optim.lrScheduler.ReduceLROnPlateau(optimizer, { patience: 5 })`,
 * then `s.step(valLoss)` once per epoch.
 */
export class ReduceLROnPlateau extends SchedulerBase {
  factor: number;
  minLrs: number[];
  patience: number;
  cooldown: number;
  cooldownCounter = 0;
  mode: "min" | "max";
  threshold: number;
  thresholdMode: "rel" | "abs";
  best: number;
  numBadEpochs = 0;
  eps: number;
  lastEpoch = 0;

  constructor(optimizer: Optimizer, opts: ReduceLROnPlateauOptions = {}) {
    super(optimizer, "new optim.lrScheduler.ReduceLROnPlateau(optimizer)");
    this.factor = opts.factor ?? 0.1;
    fail(this.factor < 1, "Factor should be < 1.0.");
    const n = optimizer.paramGroups.length;
    this.minLrs = Array.isArray(opts.minLr) ? opts.minLr.slice() : Array.from({ length: n }, () => (opts.minLr as number | undefined) ?? 0);
    fail(this.minLrs.length === n, `expected ${n} min_lrs, got ${this.minLrs.length}`);
    this.patience = opts.patience ?? 10;
    this.cooldown = opts.cooldown ?? 0;
    this.mode = opts.mode ?? "min";
    fail(this.mode === "min" || this.mode === "max", `mode ${this.mode} is unknown!`);
    this.threshold = opts.threshold ?? 1e-4;
    this.thresholdMode = opts.thresholdMode ?? "rel";
    fail(this.thresholdMode === "rel" || this.thresholdMode === "abs", `threshold mode ${this.thresholdMode} is unknown!`);
    this.eps = opts.eps ?? 1e-8;
    this.best = this.mode === "min" ? Infinity : -Infinity;
    this.recordLr();
  }

  private isBetter(a: number, best: number): boolean {
    if (this.mode === "min") return this.thresholdMode === "rel" ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return this.thresholdMode === "rel" ? a > best * (this.threshold + 1) : a > best + this.threshold;
  }

  /** Call once per epoch with the metric watched (a number or a one-element Tensor, e.g. the validation loss). */
  step(metric: number | Tensor): void {
    const current = metric instanceof Tensor ? metric.item() : Number(metric);
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs += 1;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const next = Math.max(g.lr * this.factor, this.minLrs[i]);
        if (g.lr - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.recordLr();
  }
}
