// torch.optim.lr_scheduler: StepLR, ExponentialLR, CosineAnnealingLR; each step() writes the new lr into paramGroups[i].lr.
import type { Optimizer } from "./optimizer";
import { SchedulerBase } from "./scheduler-base";

/**
 * Base class of learning-rate schedulers (PyTorch's `_LRScheduler`). Call `scheduler.step()` once per epoch
 * (or per batch), after `optimizer.step()`; read the current rates with `getLastLr()`.
 */
export abstract class LRScheduler extends SchedulerBase {
  /** Each group's starting learning rate (PyTorch's `base_lrs`). */
  baseLrs: number[];
  /** How many times step() ran since the schedule started (PyTorch's `last_epoch`; 0 after construction). */
  lastEpoch: number;
  protected stepCount = 0;

  /** Subclasses set their own fields, then call `initialStep()`, as PyTorch's __init__ does. */
  constructor(optimizer: Optimizer, lastEpoch = -1) {
    super(optimizer, "new optim.lrScheduler.StepLR(optimizer, { stepSize: 30 })");
    optimizer.paramGroups.forEach((g, i) => {
      if (lastEpoch === -1) g.initialLr ??= g.lr;
      else if (g.initialLr === undefined) throw new Error(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
    });
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr!);
    this.lastEpoch = lastEpoch;
  }

  /** The learning rates for `lastEpoch`, computed from the current ones (PyTorch's chainable `get_lr`). */
  protected abstract getLr(): number[];

  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** Advances the schedule by one and writes the new learning rate into every parameter group. */
  step(): void {
    this.stepCount += 1;
    this.lastEpoch += 1;
    const lrs = this.getLr();
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = lrs[i]));
    this.recordLr();
  }

  protected groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}

function positive(ok: boolean, msg: string): void {
  if (!ok) throw new RangeError(msg);
}

export interface StepLROptions {
  /** Decay the learning rate every `stepSize` steps (required). */
  stepSize: number;
  /** Multiplicative factor (default 0.1). */
  gamma?: number;
  /** Resume from this step (default -1: start fresh). */
  lastEpoch?: number;
}

/** lr × gamma every `stepSize` steps: `new optim.lrScheduler.StepLR(optimizer, { stepSize: 30, gamma: 0.1 })`. */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;

  constructor(optimizer: Optimizer, opts: StepLROptions | number, gamma?: number) {
    const o = typeof opts === "number" ? { stepSize: opts, gamma } : opts;
    super(optimizer, o?.lastEpoch);
    positive(Number.isInteger(o?.stepSize) && o.stepSize > 0, `StepLR: stepSize must be a positive integer, got ${o?.stepSize}, e.g. new optim.lrScheduler.StepLR(optimizer, { stepSize: 30, gamma: 0.1 })`);
    this.stepSize = o.stepSize;
    this.gamma = o.gamma ?? 0.1;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }
}

export interface ExponentialLROptions {
  /** Multiplicative factor applied every step (required). */
  gamma: number;
  /** Resume from this step (default -1). */
  lastEpoch?: number;
}

/** lr × gamma every step: `new optim.lrScheduler.ExponentialLR(optimizer, { gamma: 0.9 })`. */
export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: Optimizer, opts: ExponentialLROptions | number) {
    const o = typeof opts === "number" ? { gamma: opts } : opts;
    super(optimizer, o?.lastEpoch);
    positive(typeof o?.gamma === "number", `ExponentialLR: gamma is required, e.g. new optim.lrScheduler.ExponentialLR(optimizer, { gamma: 0.9 })`);
    this.gamma = o.gamma;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }
}

export interface CosineAnnealingLROptions {
  /** Steps in half a cosine period (PyTorch's `T_max`, required). */
  TMax: number;
  /** The lowest learning rate (PyTorch's `eta_min`, default 0). */
  etaMin?: number;
  /** Resume from this step (default -1). */
  lastEpoch?: number;
}

/**
 * Cosine annealing from the initial lr down to etaMin over TMax steps, then back up (SGDR without restarts):
 * `new optim.lrScheduler.CosineAnnealingLR(optimizer, { TMax: 100 })`.
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;

  constructor(optimizer: Optimizer, opts: CosineAnnealingLROptions | number, etaMin?: number) {
    const o = typeof opts === "number" ? { TMax: opts, etaMin } : opts;
    super(optimizer, o?.lastEpoch);
    positive(typeof o?.TMax === "number" && o.TMax > 0, `CosineAnnealingLR: TMax (T_max) must be a positive number, got ${o?.TMax}, e.g. new optim.lrScheduler.CosineAnnealingLR(optimizer, { TMax: 100 })`);
    this.TMax = o.TMax;
    this.etaMin = o.etaMin ?? 0;
    this.initialStep();
  }

  // PyTorch's recursive form, branch for branch, so the rates match its floating-point results.
  protected getLr(): number[] {
    const { lastEpoch: e, TMax: T, etaMin } = this;
    const lrs = this.groupLrs();
    if (e === 0) return lrs;
    if (this.stepCount === 1 && e > 0) return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    if ((e - 1 - T) % (2 * T) === 0) return lrs.map((lr, i) => lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    return lrs.map((lr) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (lr - etaMin) + etaMin);
  }
}
