// nn.LayerNorm and nn.GroupNorm: per-sample normalisation with an optional elementwise affine. Mirror torch.nn.LayerNorm/GroupNorm.
import { ones, zeros, type Tensor } from "../core";
import * as F from "./functional-modern";
import { Module } from "./module";
import { Parameter } from "./parameter";
import { pyFloat, pyTuple } from "./repr";

export interface LayerNormOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Learn weight (ones) and bias (zeros) shaped normalizedShape (default true). */
  elementwiseAffine?: boolean;
}

/**
 * Layer normalisation over the last dims, like `torch.nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True)`:
 * `new nn.LayerNorm(512)` normalises each [*, 512] row. Any [*, ...normalizedShape] → same shape.
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(normalizedShape: number | number[], opts: LayerNormOptions = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
    if (!this.normalizedShape.length || this.normalizedShape.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new RangeError(`LayerNorm(): normalized_shape must be a positive integer or a list of them, got ${JSON.stringify(normalizedShape)}`);
    }
    this.eps = opts.eps ?? 1e-5;
    this.elementwiseAffine = opts.elementwiseAffine ?? true;
    this.weight = this.elementwiseAffine ? new Parameter(ones(this.normalizedShape)) : null;
    this.bias = this.elementwiseAffine ? new Parameter(zeros(this.normalizedShape)) : null;
  }

  override forward(x: Tensor): Tensor {
    return F.layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    const shape = this.normalizedShape.length === 1 ? `(${this.normalizedShape[0]},)` : pyTuple(this.normalizedShape);
    return `${shape}, eps=${pyFloat(this.eps)}, elementwise_affine=${this.elementwiseAffine ? "True" : "False"}`;
  }
}

export interface GroupNormOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Learn a per-channel weight (ones) and bias (zeros) (default true). */
  affine?: boolean;
}

/**
 * Group normalisation, like `torch.nn.GroupNorm(num_groups, num_channels, eps=1e-5, affine=True)`:
 * [N, C, *] → same shape, each group of C / numGroups channels normalised per sample.
 */
export class GroupNorm extends Module {
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    opts: GroupNormOptions = {},
  ) {
    super();
    if (!Number.isInteger(numGroups) || numGroups < 1 || !Number.isInteger(numChannels) || numChannels % numGroups !== 0) {
      throw new RangeError(`GroupNorm(): num_channels must be divisible by num_groups, got num_groups=${numGroups}, num_channels=${numChannels}`);
    }
    this.eps = opts.eps ?? 1e-5;
    this.affine = opts.affine ?? true;
    this.weight = this.affine ? new Parameter(ones(numChannels)) : null;
    this.bias = this.affine ? new Parameter(zeros(numChannels)) : null;
  }

  override forward(x: Tensor): Tensor {
    if (x.ndim < 2 || x.shape[1] !== this.numChannels) {
      throw new RangeError(`GroupNorm(${this.numGroups}, ${this.numChannels}) expects [N, ${this.numChannels}, *], got [${x.shape.join(", ")}]`);
    }
    return F.groupNorm(x, this.numGroups, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${this.affine ? "True" : "False"}`;
  }
}
