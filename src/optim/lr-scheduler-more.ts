// More of torch.optim.lr_scheduler: MultiStepLR, LambdaLR, OneCycleLR (same arithmetic as PyTorch's).
import { LRScheduler } from "./lr-scheduler";
import { Optimizer } from "./optimizer";

function fail(ok: boolean, msg: string): void {
  if (!ok) throw new RangeError(msg);
}

export interface MultiStepLROptions {
  /** Step counts at which lr is multiplied by gamma (increasing; a repeated milestone multiplies again). */
  milestones: number[];
  /** Multiplicative factor (default 0.1). */
  gamma?: number;
  lastEpoch?: number;
}

/** lr × gamma at each milestone: `new optim.lrScheduler.MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 })`. */
export class MultiStepLR extends LRScheduler {
  milestones: number[];
  gamma: number;

  constructor(optimizer: Optimizer, opts: MultiStepLROptions | number[], gamma?: number) {
    const o = Array.isArray(opts) ? { milestones: opts, gamma } : opts;
    super(optimizer, o?.lastEpoch);
    fail(Array.isArray(o?.milestones), "MultiStepLR: milestones must be a list of step counts, e.g. new optim.lrScheduler.MultiStepLR(optimizer, { milestones: [30, 80] })");
    this.milestones = [...o.milestones].sort((a, b) => a - b);
    this.gamma = o.gamma ?? 0.1;
    this.initialStep();
  }

  protected getLr(): number[] {
    const hits = this.milestones.filter((m) => m === this.lastEpoch).length;
    if (hits === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma ** hits);
  }
}

export type LrLambda = (epoch: number) => number;

/**
 * lr = initial lr × lrLambda(step): `new optim.lrScheduler.LambdaLR(optimizer, { lrLambda: (epoch) => 0.95 ** epoch })`;
 * one function for every group or a list with one per group.
 */
export class LambdaLR extends LRScheduler {
  lrLambdas: LrLambda[];

  constructor(optimizer: Optimizer, opts: { lrLambda: LrLambda | LrLambda[]; lastEpoch?: number } | LrLambda | LrLambda[]) {
    const o = typeof opts === "function" || Array.isArray(opts) ? { lrLambda: opts } : opts;
    super(optimizer, o?.lastEpoch);
    const n = optimizer.paramGroups.length;
    const fns = Array.isArray(o?.lrLambda) ? o.lrLambda : Array.from({ length: n }, () => o?.lrLambda as LrLambda);
    fail(fns.length === n, `Expected ${n} lr_lambdas, but got ${fns.length}`);
    fail(fns.every((f) => typeof f === "function"), "LambdaLR: lrLambda must be a function of the step, e.g. { lrLambda: (epoch) => 0.95 ** epoch }");
    this.lrLambdas = fns;
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((base, i) => base * this.lrLambdas[i](this.lastEpoch));
  }

  /** Everything but the optimizer and the functions (PyTorch saves only callable objects' state). */
  override stateDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== "optimizer" && k !== "lrLambdas") out[k] = structuredClone(v);
    return out;
  }
}

export interface OneCycleLROptions {
  /** Peak learning rate (one per group, or one for all). */
  maxLr: number | number[];
  /** Total scheduler steps; or give epochs and stepsPerEpoch. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing lr (default 0.3). */
  pctStart?: number;
  /** "cos" (default) or "linear". */
  annealStrategy?: "cos" | "linear";
  /** Cycle momentum (or Adam's beta1) inversely to lr (default true). */
  cycleMomentum?: boolean;
  baseMomentum?: number | number[];
  maxMomentum?: number | number[];
  /** initial lr = maxLr / divFactor (default 25). */
  divFactor?: number;
  /** min lr = initial lr / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** A third phase that anneals to min lr after returning to the initial lr (default false). */
  threePhase?: boolean;
  lastEpoch?: number;
}

interface Phase {
  endStep: number;
  startLr: "initial" | "max" | "min";
  endLr: "initial" | "max" | "min";
  startMomentum: "max" | "base";
  endMomentum: "max" | "base";
}

function perGroup(v: number | number[], n: number, what: string): number[] {
  const out = Array.isArray(v) ? v : Array.from({ length: n }, () => v);
  fail(out.length === n, `expected ${n} values for ${what}, got ${out.length}`);
  return out;
}

/** Sets each group's starting lr (max_lr / div_factor) before the base class reads it, as PyTorch does. */
function prepareOneCycle(optimizer: Optimizer, o: OneCycleLROptions): Optimizer {
  if (optimizer instanceof Optimizer && (o?.lastEpoch ?? -1) === -1) {
    const maxLrs = perGroup(o.maxLr, optimizer.paramGroups.length, "max_lr");
    optimizer.paramGroups.forEach((g, i) => (g.initialLr = maxLrs[i] / (o.divFactor ?? 25)));
  }
  return optimizer;
}

/**
 * The 1cycle policy: lr rises from maxLr/divFactor to maxLr, then anneals far below, while momentum moves the other way.
 * Step it after every batch: `new optim.lrScheduler.OneCycleLR(optimizer, { maxLr: 0.01, totalSteps: 1000 })`.
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  phases: Phase[];
  annealStrategy: "cos" | "linear";
  cycleMomentum: boolean;
  useBeta1: boolean;
  maxLrs: number[];
  minLrs: number[];
  maxMomentums: number[];
  baseMomentums: number[];

  constructor(optimizer: Optimizer, opts: OneCycleLROptions) {
    super(prepareOneCycle(optimizer, opts), opts?.lastEpoch);
    const o = opts;
    const n = optimizer.paramGroups.length;
    if (o.totalSteps !== undefined) {
      fail(Number.isInteger(o.totalSteps) && o.totalSteps > 0, `Expected positive integer total_steps, but got ${o.totalSteps}`);
      this.totalSteps = o.totalSteps;
    } else {
      fail(o.epochs !== undefined && o.stepsPerEpoch !== undefined, "You must define either totalSteps OR (epochs AND stepsPerEpoch)");
      fail(Number.isInteger(o.epochs) && o.epochs! > 0, `Expected positive integer epochs, but got ${o.epochs}`);
      fail(Number.isInteger(o.stepsPerEpoch) && o.stepsPerEpoch! > 0, `Expected positive integer steps_per_epoch, but got ${o.stepsPerEpoch}`);
      this.totalSteps = o.epochs! * o.stepsPerEpoch!;
    }
    const pct = o.pctStart ?? 0.3;
    fail(pct >= 0 && pct <= 1, `Expected float between 0 and 1 pct_start, but got ${pct}`);
    this.annealStrategy = o.annealStrategy ?? "cos";
    fail(this.annealStrategy === "cos" || this.annealStrategy === "linear", `anneal_strategy must by one of 'cos' or 'linear', instead got ${this.annealStrategy}`);
    const T = this.totalSteps;
    this.phases = o.threePhase
      ? [
          { endStep: pct * T - 1, startLr: "initial", endLr: "max", startMomentum: "max", endMomentum: "base" },
          { endStep: 2 * pct * T - 2, startLr: "max", endLr: "initial", startMomentum: "base", endMomentum: "max" },
          { endStep: T - 1, startLr: "initial", endLr: "min", startMomentum: "max", endMomentum: "max" },
        ]
      : [
          { endStep: pct * T - 1, startLr: "initial", endLr: "max", startMomentum: "max", endMomentum: "base" },
          { endStep: T - 1, startLr: "max", endLr: "min", startMomentum: "base", endMomentum: "max" },
        ];
    this.maxLrs = perGroup(o.maxLr, n, "max_lr");
    this.minLrs = this.baseLrs.map((lr) => lr / (o.finalDivFactor ?? 1e4));
    this.cycleMomentum = o.cycleMomentum ?? true;
    const defaults = optimizer.defaults as unknown as Record<string, unknown>;
    this.useBeta1 = "betas" in defaults;
    this.maxMomentums = perGroup(o.maxMomentum ?? 0.95, n, "max_momentum");
    this.baseMomentums = perGroup(o.baseMomentum ?? 0.85, n, "base_momentum");
    if (this.cycleMomentum) {
      fail("momentum" in defaults || this.useBeta1, "optimizer must support momentum with `cycle_momentum` option enabled");
      if ((o.lastEpoch ?? -1) === -1) optimizer.paramGroups.forEach((_, i) => this.setMomentum(i, this.maxMomentums[i]));
    }
    this.initialStep();
  }

  private setMomentum(i: number, m: number): void {
    const g = this.optimizer.paramGroups[i] as unknown as Record<string, unknown>;
    if (this.useBeta1) g.betas = [m, (g.betas as number[])[1]];
    else g.momentum = m;
  }

  private anneal(start: number, end: number, pct: number): number {
    return this.annealStrategy === "cos" ? end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  }

  protected getLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) throw new RangeError(`Tried to step ${step + 1} times. The specified number of total steps is ${this.totalSteps}`);
    return this.optimizer.paramGroups.map((_, i) => {
      const lrOf = { initial: this.baseLrs[i], max: this.maxLrs[i], min: this.minLrs[i] };
      const momOf = { max: this.maxMomentums[i], base: this.baseMomentums[i] };
      let start = 0;
      for (const [k, ph] of this.phases.entries()) {
        if (step <= ph.endStep || k === this.phases.length - 1) {
          const pct = (step - start) / (ph.endStep - start);
          if (this.cycleMomentum) this.setMomentum(i, this.anneal(momOf[ph.startMomentum], momOf[ph.endMomentum], pct));
          return this.anneal(lrOf[ph.startLr], lrOf[ph.endLr], pct);
        }
        start = ph.endStep;
      }
      throw new Error("unreachable: the last phase always matches");
    });
  }
}
