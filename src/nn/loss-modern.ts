// Loss modules of the modern set: HuberLoss, KLDivLoss, CosineEmbeddingLoss. Mirror torch.nn.* (same defaults; repr "HuberLoss()").
import type { Tensor } from "../core";
import { checkReduction, type Reduction } from "./functional-loss";
import * as F from "./functional-loss-modern";
import { Module } from "./module";

/** Huber loss, like `torch.nn.HuberLoss(reduction='mean', delta=1.0)`: quadratic below δ, linear above. */
export class HuberLoss extends Module {
  readonly reduction: Reduction;
  readonly delta: number;
  constructor(opts: { reduction?: Reduction; delta?: number } = {}) {
    super();
    this.reduction = checkReduction(opts.reduction ?? "mean");
    this.delta = opts.delta ?? 1.0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}

/**
 * KL divergence, like `torch.nn.KLDivLoss(reduction='mean', log_target=False)`: input log-probabilities, target
 * probabilities. Use `{ reduction: "batchmean" }` for the true KL divergence (PyTorch's advice).
 */
export class KLDivLoss extends Module {
  readonly reduction: F.KLDivReduction;
  readonly logTarget: boolean;
  constructor(opts: F.KLDivOptions = {}) {
    super();
    this.reduction = opts.reduction ?? "mean";
    if (this.reduction !== "batchmean") checkReduction(this.reduction);
    this.logTarget = opts.logTarget ?? false;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.klDiv(input, target, { reduction: this.reduction, logTarget: this.logTarget });
  }
}

/** Cosine embedding loss, like `torch.nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')`: forward(x1, x2, y). */
export class CosineEmbeddingLoss extends Module {
  readonly margin: number;
  readonly reduction: Reduction;
  constructor(opts: F.CosineEmbeddingOptions = {}) {
    super();
    this.margin = opts.margin ?? 0;
    this.reduction = checkReduction(opts.reduction ?? "mean");
  }
  override forward(x1: Tensor, x2: Tensor, y: Tensor): Tensor {
    return F.cosineEmbeddingLoss(x1, x2, y, { margin: this.margin, reduction: this.reduction });
  }
}
