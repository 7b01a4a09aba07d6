// Loss modules (mirror torch.nn.*Loss): L1Loss, MSELoss, CrossEntropyLoss, NLLLoss, BCELoss, BCEWithLogitsLoss, SmoothL1Loss.
import type { Tensor } from "../core";
import * as F from "./functional";
import { Module } from "./module";
import { checkReduction, type Reduction } from "./functional-loss";

export interface LossOptions {
  /** "mean" (default): average; "sum": total; "none": one loss per element. */
  reduction?: Reduction;
}

abstract class Loss extends Module {
  readonly reduction: Reduction;
  constructor(opts: LossOptions = {}) {
    super();
    this.reduction = checkReduction(opts.reduction ?? "mean");
  }
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/** Mean absolute error |x − y|. input, target: same shape → scalar (or that shape with reduction "none"). */
export class L1Loss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, { reduction: this.reduction });
  }
}

/** Mean squared error (x − y)². input, target: same shape → scalar (or that shape with reduction "none"). */
export class MSELoss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, { reduction: this.reduction });
  }
}

export interface CrossEntropyLossOptions extends LossOptions {
  /** Rescaling weight per class: [C]. */
  weight?: Tensor | null;
  /** Target value to skip (default -100). */
  ignoreIndex?: number;
  /** ε in [0, 1]: targets become (1 − ε)·target + ε/C. */
  labelSmoothing?: number;
}

/**
 * logSoftmax + NLL on raw scores (logits). input: [N, C] (or [N, C, H, W], or [C]); target: [N] class indices
 * (int; [N, H, W] for images), or class probabilities shaped like the input (float).
 */
export class CrossEntropyLoss extends Loss {
  /** Class weights (a buffer, as in PyTorch). */
  declare readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  constructor(opts: CrossEntropyLossOptions = {}) {
    super(opts);
    this.registerBuffer("weight", opts.weight ? opts.weight.detach() : null);
    this.ignoreIndex = opts.ignoreIndex ?? -100;
    this.labelSmoothing = opts.labelSmoothing ?? 0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    const { weight, ignoreIndex, labelSmoothing, reduction } = this;
    return F.crossEntropy(input, target, { weight, ignoreIndex, labelSmoothing, reduction });
  }
}

/** NLL on log-probabilities (after LogSoftmax). input: [N, C] or [N, C, H, W]; target: [N] or [N, H, W] class indices. */
export class NLLLoss extends Loss {
  /** Class weights (a buffer, as in PyTorch). */
  declare readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  constructor(opts: Omit<CrossEntropyLossOptions, "labelSmoothing"> = {}) {
    super(opts);
    this.registerBuffer("weight", opts.weight ? opts.weight.detach() : null);
    this.ignoreIndex = opts.ignoreIndex ?? -100;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

/** Binary cross-entropy on probabilities (after a Sigmoid). input, target: same shape; weight broadcasts to it. */
export class BCELoss extends Loss {
  /** Class weights (a buffer, as in PyTorch). */
  declare readonly weight: Tensor | null;
  constructor(opts: LossOptions & { weight?: Tensor | null } = {}) {
    super(opts);
    this.registerBuffer("weight", opts.weight ? opts.weight.detach() : null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}

/** Sigmoid + BCE in one stable op, on raw scores. input, target: same shape; posWeight: [C] weight of positive examples. */
export class BCEWithLogitsLoss extends Loss {
  /** Class weights (a buffer, as in PyTorch). */
  declare readonly weight: Tensor | null;
  declare readonly pos_weight: Tensor | null;
  constructor(opts: LossOptions & { weight?: Tensor | null; posWeight?: Tensor | null } = {}) {
    super(opts);
    this.registerBuffer("weight", opts.weight ? opts.weight.detach() : null);
    this.registerBuffer("pos_weight", opts.posWeight ? opts.posWeight.detach() : null);
  }
  /** Weight of positive examples (PyTorch's `pos_weight` buffer). */
  get posWeight(): Tensor | null {
    return this.pos_weight;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, { weight: this.weight, posWeight: this.pos_weight, reduction: this.reduction });
  }
}

/** 0.5·d²/β where |d| < β, else |d| − 0.5·β (default β = 1). input, target: same shape. */
export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(opts: LossOptions & { beta?: number } = {}) {
    super(opts);
    this.beta = opts.beta ?? 1;
    if (!(this.beta >= 0)) throw new RangeError(`smooth_l1_loss does not support negative values for beta (got ${this.beta}).`);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}
