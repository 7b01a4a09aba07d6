// nn.BatchNorm1d / BatchNorm2d: affine γ, β; running_mean, running_var, num_batches_tracked buffers. Mirror torch.nn.BatchNorm*.
import { batchNorm, ones, tensor, tf, zeros, type Tensor } from "../core";
import { Module } from "./module";
import { Parameter } from "./parameter";
import { pyFloat } from "./repr";

export interface BatchNormLayerOptions {
  /** Added to the variance for stability (default 1e-5). */
  eps?: number;
  /** Running-stat update rate (default 0.1); null for a cumulative average over all batches. */
  momentum?: number | null;
  /** Learn a per-channel scale (weight, γ) and shift (bias, β). Default true. */
  affine?: boolean;
  /** Keep running_mean/running_var for eval mode (default true); false always uses batch statistics. */
  trackRunningStats?: boolean;
}

abstract class BatchNormBase extends Module {
  /** γ, shape [numFeatures] (ones at start), or null with `affine: false`. */
  weight: Parameter | null;
  /** β, shape [numFeatures] (zeros at start), or null with `affine: false`. */
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  constructor(
    readonly numFeatures: number,
    opts: BatchNormLayerOptions = {},
  ) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures <= 0) throw new RangeError(`${new.target.name}(): num_features must be a positive integer, got ${numFeatures}`);
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    this.affine = opts.affine ?? true;
    this.trackRunningStats = opts.trackRunningStats ?? true;
    this.weight = this.affine ? new Parameter(ones(numFeatures)) : null;
    this.bias = this.affine ? new Parameter(zeros(numFeatures)) : null;
    const track = this.trackRunningStats;
    // Buffers keep PyTorch's names, so stateDict keys match ("bn1.running_mean"); camelCase getters below.
    this.registerBuffer("running_mean", track ? zeros(numFeatures) : null);
    this.registerBuffer("running_var", track ? ones(numFeatures) : null);
    this.registerBuffer("num_batches_tracked", track ? tensor(0, { dtype: "int32" }) : null);
  }

  /** Running mean per channel, [numFeatures] (PyTorch's `running_mean`). */
  get runningMean(): Tensor | null {
    return this.running_mean;
  }

  /** Running (unbiased) variance per channel, [numFeatures] (PyTorch's `running_var`). */
  get runningVar(): Tensor | null {
    return this.running_var;
  }

  /** Training batches seen (PyTorch's `num_batches_tracked`), an int tensor. */
  get numBatchesTracked(): Tensor | null {
    return this.num_batches_tracked;
  }

  protected abstract checkInputDim(x: Tensor): void;

  override forward(x: Tensor): Tensor {
    this.checkInputDim(x);
    let factor = this.momentum ?? 0;
    if (this.training && this.trackRunningStats && this.num_batches_tracked) {
      const n = this.num_batches_tracked;
      n.assignData(tf.tidy(() => tf.add(n.tfData, tf.scalar(1, "int32"))));
      // momentum null: cumulative moving average, factor 1/(batches seen) (reads one int; rare setting).
      if (this.momentum === null) factor = 1 / n.tfData.dataSync()[0];
    }
    const useBuffers = !this.training || this.trackRunningStats;
    return batchNorm(x, useBuffers ? this.running_mean : null, useBuffers ? this.running_var : null, {
      weight: this.weight,
      bias: this.bias,
      training: this.training || this.running_mean === null || this.running_var === null,
      momentum: factor,
      eps: this.eps,
    });
  }

  override extraRepr(): string {
    const py = (b: boolean): string => (b ? "True" : "False");
    const m = this.momentum === null ? "None" : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${m}, affine=${py(this.affine)}, track_running_stats=${py(this.trackRunningStats)}`;
  }
}

/** Batch norm over [N, C] or [N, C, L] (statistics per channel C), like `torch.nn.BatchNorm1d(C)`. */
export class BatchNorm1d extends BatchNormBase {
  protected override checkInputDim(x: Tensor): void {
    if (x.ndim !== 2 && x.ndim !== 3) throw new RangeError(`expected 2D or 3D input (got ${x.ndim}D input)`);
  }
}

/** Batch norm over [N, C, H, W] (statistics per channel C), like `torch.nn.BatchNorm2d(C)`. */
export class BatchNorm2d extends BatchNormBase {
  protected override checkInputDim(x: Tensor): void {
    if (x.ndim !== 4) throw new RangeError(`expected 4D input (got ${x.ndim}D input)`);
  }
}
