// Loss modules (mirror torch.nn.*Loss): CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, BCELoss.
import type { Tensor } from "../core";
import * as F from "./functional";
import { Module } from "./module";

interface LossOptions {
  reduction?: F.Reduction;
}

abstract class Loss extends Module {
  readonly reduction: F.Reduction;
  constructor(opts: LossOptions = {}) {
    super();
    const r = opts.reduction ?? "mean";
    if (!["mean", "sum", "none"].includes(r)) throw new RangeError(`${r} is not a valid value for reduction (use "mean", "sum" or "none")`);
    this.reduction = r;
  }
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/** logSoftmax + NLL on raw scores. input [N, C] (or [N, C, H, W]), target [N] class indices. */
export class CrossEntropyLoss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, { reduction: this.reduction });
  }
}

/** NLL on log-probabilities; also the 2-D case ([N, C, H, W] with [N, H, W] targets). */
export class NLLLoss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, { reduction: this.reduction });
  }
}

export class MSELoss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, { reduction: this.reduction });
  }
}

export class L1Loss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, { reduction: this.reduction });
  }
}

/** Binary cross-entropy on probabilities (after a Sigmoid). */
export class BCELoss extends Loss {
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, { reduction: this.reduction });
  }
}
